import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import {
  addOperation,
  emptyMask,
  makeStroke,
  undo,
  type MaskDocument,
  type MaskPoint,
} from '../../renderer/src/features/inpaint/mask-document'
import {
  createMaskRaster,
  rasterizeMask,
  type MaskRaster,
} from '../../renderer/src/features/inpaint/mask-raster'

/*
 * The inpaint mask painter's pixel work on a 2048×2048 source, in Node (the browser's canvas upload
 * of the changed rectangle is not included). What the user feels:
 * - while drawing, each pointer move paints one new segment: goal well under 1 ms;
 * - adding a whole 200-point stroke at once (redo, or replay after undo): goal one 60 Hz frame,
 *   16 ms, at a usual brush size;
 * - undo: goal under 50 ms for the last few strokes.
 * CPU time is printed beside wall time because the wall clock grows when other processes share
 * the two cores.
 */
const side = 2048
const runs = 7

/** A wavy stroke across the image, points 8 px apart like a quick mouse drag. */
const wavyStroke = (row: number, count = 200): MaskPoint[] =>
  Array.from({ length: count }, (_, index) => ({ x: 200 + index * 8, y: row + Math.sin(index / 9) * 60 }))

function sessionOf(strokes: number, size = 64): MaskDocument {
  let doc = emptyMask
  for (let stroke = 0; stroke < strokes; stroke += 1) {
    const mode = stroke % 4 === 3 ? 'erase' : 'paint'
    doc = addOperation(doc, makeStroke(mode, size, 0.5, wavyStroke(150 + ((stroke * 97) % 1700))))
  }
  return doc
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN
const ms = (value: number) => `${value.toFixed(2)} ms`

interface Timing {
  wall: number
  cpu: number
}

function time(work: () => void): Timing {
  const cpuStart = process.cpuUsage()
  const started = performance.now()
  work()
  const wall = performance.now() - started
  const cpu = process.cpuUsage(cpuStart)
  return { wall, cpu: (cpu.user + cpu.system) / 1000 }
}

function report(label: string, timings: Timing[]): void {
  const wall = timings.map((timing) => timing.wall)
  const cpu = timings.map((timing) => timing.cpu)
  process.stdout.write(
    `${label}: median ${ms(median(wall))} wall, ${ms(median(cpu))} cpu; max ${ms(Math.max(...wall))} wall\n`,
  )
}

/** Times `measured` on a raster that `prepare` set up, `runs` times over. */
function repeat(prepare: () => { raster: MaskRaster; doc: MaskDocument }): Timing[] {
  return Array.from({ length: runs }, () => {
    const { raster, doc } = prepare()
    return time(() => raster.update(doc))
  })
}

function addWholeStroke(size: number, hardness: number): void {
  const timings = repeat(() => {
    const raster = createMaskRaster(side, side)
    const before = sessionOf(5, size)
    raster.update(before)
    return { raster, doc: addOperation(before, makeStroke('paint', size, hardness, wavyStroke(1700))) }
  })
  report(`add a 200-point stroke at once, brush ${size} px, hardness ${hardness}`, timings)
}

function drawLive(size: number): void {
  const raster = createMaskRaster(side, side)
  const points = wavyStroke(1000)
  const timings = points.map((_, index) => {
    const doc = addOperation(emptyMask, makeStroke('paint', size, 0.5, points.slice(0, index + 1)))
    return time(() => raster.update(doc))
  })
  report(`while drawing a 200-point stroke, per pointer move, brush ${size} px`, timings)
}

function undoAtOnce(steps: number): void {
  const timings = repeat(() => {
    const raster = createMaskRaster(side, side)
    let doc = sessionOf(40)
    raster.update(doc)
    for (let step = 0; step < steps; step += 1) doc = undo(doc)
    return { raster, doc }
  })
  report(`undo ${steps} step${steps === 1 ? '' : 's'} at once after 40 strokes`, timings)
}

function undoOneByOne(): void {
  const raster = createMaskRaster(side, side)
  let doc = sessionOf(40)
  raster.update(doc)
  const timings = Array.from({ length: 30 }, () => {
    doc = undo(doc)
    const target = doc
    return time(() => raster.update(target))
  })
  report('undo one step at a time, 30 times after 40 strokes', timings)
}

// Let the JIT settle first, so the first figure is not a cold start.
rasterizeMask(sessionOf(10), side, side)

const [load] = loadavg()
process.stdout.write(`mask ${side}×${side}, medians of ${runs} runs; load average ${load?.toFixed(1)}\n`)
drawLive(64)
drawLive(256)
addWholeStroke(64, 0.5)
addWholeStroke(16, 1)
addWholeStroke(256, 0.2)
undoAtOnce(1)
undoAtOnce(6)
undoOneByOne()
report('rasterise 40 strokes from scratch (what the PNG export does)', [
  time(() => rasterizeMask(sessionOf(40), side, side)),
])
