import { spawnSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { performance } from 'node:perf_hooks'
import sharp from 'sharp'
import { composeGrid, type GridCellInput } from '../../main/services/plot/grid-compose'
import { findLabelFontFile } from '../../main/services/plot/label-font'

/*
 * Composing a 10×10 X/Y plot of 512 px cells from the image cache's files (issue 15): goal ≤ 2 s
 * and ≤ 300 MiB of extra memory (peak RSS over the RSS before composing). Beside it, the raw
 * baseline: the same composite with no labels, measured in the same run, so the labels' share
 * shows as a ratio whatever the machine. CPU time is printed because two cores are shared.
 */
const side = 10
const cellSize = 512

async function makeCells(dir: string): Promise<void> {
  for (let y = 0; y < side; y += 1)
    for (let x = 0; x < side; x += 1) {
      // Noise compresses like a photo does (badly), so decoding costs what real cells cost.
      const noise = await sharp({
        create: {
          width: cellSize,
          height: cellSize,
          channels: 3,
          background: { r: x * 25, g: y * 25, b: 128 },
          noise: { type: 'gaussian', mean: 128, sigma: 40 },
        },
      })
        .png({ compressionLevel: 1 })
        .toBuffer()
      const file = join(dir, `cell-${x}-${y}.png`)
      await writeFile(file, noise)
    }
}

interface Figures {
  ms: number
  cpuMs: number
  peakMiB: number
}

async function measure(run: () => Promise<unknown>): Promise<Figures> {
  globalThis.gc?.()
  const before = process.memoryUsage().rss
  let peak = before
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5)
  const cpu = process.cpuUsage()
  const started = performance.now()
  await run()
  const ms = performance.now() - started
  clearInterval(sampler)
  peak = Math.max(peak, process.memoryUsage().rss)
  const used = process.cpuUsage(cpu)
  return { ms, cpuMs: (used.user + used.system) / 1000, peakMiB: (peak - before) / 2 ** 20 }
}

const labels = (name: string) =>
  Array.from({ length: side }, (_, index) => `${name}: ${index * 5 + 10} 检查点`)

/** A child run: composes once small (library and font loading are not counted), then measures once. */
async function child(mode: 'raw' | 'labelled', dir: string) {
  const fontFile = findLabelFontFile()
  if (!fontFile) throw new Error('resources/fonts/plot-label-font.ttf is missing')
  sharp.cache(false)
  const cells: GridCellInput[] = []
  for (let y = 0; y < side; y += 1)
    for (let x = 0; x < side; x += 1) cells.push({ x, y, z: 0, image: join(dir, `cell-${x}-${y}.png`) })
  const input = { xLabels: labels('Steps'), yLabels: labels('CFG scale'), zLabels: [''], cells, fontFile }
  const first = cells.slice(0, 1)
  await composeGrid({ ...input, xLabels: ['a 模型'], yLabels: ['b'], cells: first, noLabels: mode === 'raw' })
  const figures = await measure(() => composeGrid({ ...input, noLabels: mode === 'raw' }))
  process.stdout.write(JSON.stringify(figures))
}

function runChild(mode: 'raw' | 'labelled', dir: string): Figures {
  const result = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), mode, dir],
    {
      encoding: 'utf8',
    },
  )
  if (result.status !== 0) throw new Error(result.stderr)
  return JSON.parse(result.stdout) as Figures
}

const [mode, childDir] = process.argv.slice(2)
if ((mode === 'raw' || mode === 'labelled') && childDir) await child(mode, childDir)
else {
  const dir = await mkdtemp(join(tmpdir(), 'plot-bench-'))
  try {
    await makeCells(dir)
    // Each in a fresh process, so one's memory does not hide the other's.
    const raw = runChild('raw', dir)
    const labelled = runChild('labelled', dir)
    const line = (name: string, figures: Figures) =>
      `${name.padEnd(22)} ${figures.ms.toFixed(0).padStart(6)} ms wall ${figures.cpuMs.toFixed(0).padStart(6)} ms CPU ${figures.peakMiB.toFixed(0).padStart(5)} MiB peak extra RSS\n`
    process.stdout.write(
      `10×10 grid of ${cellSize} px cells, PNG out (load average ${loadavg()[0]?.toFixed(2)})\n`,
    )
    process.stdout.write(line('raw join, no labels', raw))
    process.stdout.write(line('labelled grid', labelled))
    const met = labelled.ms <= 2000 && labelled.peakMiB <= 300
    process.stdout.write(
      `labelled/raw: ${(labelled.ms / raw.ms).toFixed(2)}× wall, ${(labelled.cpuMs / raw.cpuMs).toFixed(2)}× CPU; goal ≤ 2000 ms and ≤ 300 MiB: ${met ? 'met' : 'NOT met (see the load average: wall time grows on shared cores)'}\n`,
    )
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
