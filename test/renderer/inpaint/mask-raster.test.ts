import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  activeOperations,
  addOperation,
  emptyMask,
  makeStroke,
  redo,
  undo,
  type MaskDocument,
  type MaskOperation,
  type MaskPoint,
  type StrokeOperation,
} from '../../../renderer/src/features/inpaint/mask-document'
import {
  countPaintedPixels,
  createMaskRaster,
  rasterizeMask,
  type SnapshotPolicy,
} from '../../../renderer/src/features/inpaint/mask-raster'

const apply = (...ops: MaskOperation[]) =>
  ops.reduce<MaskDocument>((doc, op) => addOperation(doc, op), emptyMask)
const stroke = (size: number, hardness: number, ...points: MaskPoint[]) =>
  makeStroke('paint', size, hardness, points)
const eraser = (size: number, hardness: number, ...points: MaskPoint[]) =>
  makeStroke('erase', size, hardness, points)

/** A mask's pixels addressed as (x, y). */
const reader = (pixels: Uint8Array, width: number) => (x: number, y: number) => pixels[y * width + x] ?? -1

/** Where two masks first differ, or -1 (cheaper than a deep equality inside property runs). */
const firstDifference = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length ? a.findIndex((value, index) => value !== b[index]) : 0

/** The distance from a pixel centre to a segment, computed the obvious way. */
function distanceToSegment(px: number, py: number, a: MaskPoint, b: MaskPoint): number {
  const dx = b.x - a.x
  const dy = b.y - a.y
  const length2 = dx * dx + dy * dy
  const t = length2 === 0 ? 0 : Math.min(1, Math.max(0, ((px - a.x) * dx + (py - a.y) * dy) / length2))
  return Math.hypot(a.x + t * dx - px, a.y + t * dy - py)
}

/** A brute-force rasteriser written from the definition (every pixel against every segment). */
function referenceMask(doc: MaskDocument, width: number, height: number): Uint8Array {
  const pixels = new Uint8Array(width * height)
  for (const op of activeOperations(doc)) {
    if (op.kind === 'clear') pixels.fill(0)
    else if (op.kind === 'invert') pixels.forEach((value, index) => (pixels[index] = 255 - value))
    else paintReference(pixels, width, height, op)
  }
  return pixels
}

function paintReference(pixels: Uint8Array, width: number, height: number, op: StrokeOperation) {
  const radius = Math.max(op.size / 2, Math.SQRT1_2)
  const core = op.hardness * radius
  const segments = op.points.map((point, index) => [point, op.points[index + 1] ?? point] as const)
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const distance = Math.min(...segments.map(([a, b]) => distanceToSegment(x + 0.5, y + 0.5, a, b)))
      if (distance > radius) continue
      const s = distance <= core ? 1 : (radius - distance) / (radius - core)
      const alpha = Math.round(255 * s * s * (3 - 2 * s))
      const index = y * width + x
      const current = pixels[index] ?? 0
      pixels[index] = op.mode === 'paint' ? Math.max(current, alpha) : Math.min(current, 255 - alpha)
    }
  }
}

describe('rasterising a mask', () => {
  it('marks exactly the pixels whose centres lie within a hard brush', () => {
    const pixels = rasterizeMask(apply(stroke(10, 1, { x: 20, y: 20 })), 40, 40)
    const expected = new Uint8Array(40 * 40)
    for (let y = 0; y < 40; y += 1)
      for (let x = 0; x < 40; x += 1)
        if (Math.hypot(x + 0.5 - 20, y + 0.5 - 20) <= 5) expected[y * 40 + x] = 255
    expect(pixels).toEqual(expected)
    expect(countPaintedPixels(pixels)).toBe(80)
  })

  it('paints a line as thick as the brush size', () => {
    const at = reader(rasterizeMask(apply(stroke(8, 1, { x: 10, y: 32 }, { x: 50, y: 32 })), 64, 64), 64)
    const column = Array.from({ length: 64 }, (_, y) => at(30, y))
    expect(column.filter((value) => value === 255)).toHaveLength(8)
    expect(column.slice(28, 36).every((value) => value === 255)).toBe(true)
    expect(at(5, 32)).toBe(0)
    expect(at(54, 32)).toBe(0)
  })

  it('keeps the core solid and fades to nothing at the edge with a smooth falloff', () => {
    // Centred on a pixel centre, so the pixels along the row sit at whole distances.
    const at = reader(rasterizeMask(apply(stroke(40, 0.5, { x: 50.5, y: 50.5 })), 100, 100), 100)
    const row = Array.from({ length: 21 }, (_, distance) => at(50 + distance, 50))
    expect(row.slice(0, 11).every((value) => value === 255)).toBe(true)
    expect(row[15]).toBe(128)
    expect(row[20]).toBe(0)
    for (let distance = 11; distance < 20; distance += 1) {
      expect(row[distance]).toBeLessThan(row[distance - 1] ?? 0)
      expect(row[distance]).toBeGreaterThan(0)
    }
  })

  it('fades a hardness-0 brush all the way from its centre', () => {
    const at = reader(rasterizeMask(apply(stroke(40, 0, { x: 50.5, y: 50.5 })), 100, 100), 100)
    expect(at(50, 50)).toBe(255)
    expect(at(51, 50)).toBeLessThan(255)
    expect(at(60, 50)).toBe(128)
  })

  it('draws an unbroken line with a 1-pixel brush at any angle', () => {
    const at = reader(
      rasterizeMask(apply(stroke(1, 1, { x: 0.3, y: 0.9 }, { x: 37.6, y: 21.2 })), 40, 24),
      40,
    )
    for (let x = 1; x < 37; x += 1) {
      expect(Array.from({ length: 24 }, (_, y) => at(x, y)).some((value) => value === 255)).toBe(true)
    }
  })

  it('erases paint, softly at the eraser’s edge', () => {
    const doc = apply(stroke(30, 1, { x: 20.5, y: 20.5 }), eraser(10, 0.5, { x: 20.5, y: 20.5 }))
    const at = reader(rasterizeMask(doc, 40, 40), 40)
    expect(at(20, 20)).toBe(0)
    expect(at(22, 20)).toBe(0)
    expect(at(24, 20)).toBeGreaterThan(0)
    expect(at(24, 20)).toBeLessThan(255)
    expect(at(26, 20)).toBe(255)
  })

  it('leaves an empty mask empty when erasing', () => {
    expect(countPaintedPixels(rasterizeMask(apply(eraser(20, 1, { x: 5, y: 5 })), 16, 16))).toBe(0)
  })

  it('inverts every pixel, and inverting twice restores the mask', () => {
    const painted = apply(stroke(12, 0.3, { x: 8, y: 8 }, { x: 20, y: 14 }))
    const before = rasterizeMask(painted, 32, 24)
    const inverted = rasterizeMask(addOperation(painted, { kind: 'invert' }), 32, 24)
    expect(Array.from(inverted)).toEqual(Array.from(before, (value) => 255 - value))
    const twice = addOperation(addOperation(painted, { kind: 'invert' }), { kind: 'invert' })
    expect(rasterizeMask(twice, 32, 24)).toEqual(before)
  })

  it('clears everything, and paints after a clear from nothing', () => {
    const cleared = apply(stroke(12, 1, { x: 8, y: 8 }), { kind: 'invert' }, { kind: 'clear' })
    expect(countPaintedPixels(rasterizeMask(cleared, 32, 24))).toBe(0)
    const after = addOperation(cleared, stroke(10, 1, { x: 20, y: 20 }))
    expect(rasterizeMask(after, 32, 24)).toEqual(
      rasterizeMask(apply(stroke(10, 1, { x: 20, y: 20 })), 32, 24),
    )
  })

  it('paints only inside the image at its edges and corners', () => {
    const width = 30
    const height = 20
    const corners = apply(stroke(10, 1, { x: 0, y: 0 }), stroke(10, 1, { x: width, y: height }))
    const at = reader(rasterizeMask(corners, width, height), width)
    expect(at(0, 0)).toBe(255)
    expect(at(4, 0)).toBe(255)
    expect(at(5, 0)).toBe(0)
    expect(at(width - 1, height - 1)).toBe(255)
    const alongTop = apply(stroke(10, 1, { x: -20, y: -3 }, { x: 60, y: -3 }))
    const top = reader(rasterizeMask(alongTop, width, height), width)
    expect([top(15, 0), top(15, 1), top(15, 2)]).toEqual([255, 255, 0])
  })

  it('reports the changed rectangle inside the image, and none for a stroke that misses it', () => {
    const raster = createMaskRaster(30, 20)
    const offside = apply(stroke(10, 1, { x: -40, y: 5 }, { x: -20, y: 8 }))
    expect(raster.update(offside)).toBeNull()
    const changed = raster.update(addOperation(offside, stroke(10, 1, { x: 28, y: 18 })))
    expect(changed).toEqual({ x: 23, y: 13, width: 7, height: 7 })
  })

  it('matches a rasteriser written from the definition', () => {
    const point = fc.record({
      x: fc.double({ min: -8, max: 40, noNaN: true }),
      y: fc.double({ min: -8, max: 32, noNaN: true }),
    })
    const op: fc.Arbitrary<MaskOperation> = fc.oneof(
      {
        weight: 5,
        arbitrary: fc
          .tuple(
            fc.constantFrom('paint' as const, 'erase' as const),
            fc.double({ min: 1, max: 24, noNaN: true }),
            fc.double({ min: 0, max: 1, noNaN: true }),
            fc.array(point, { minLength: 1, maxLength: 5 }),
          )
          .map(([mode, size, hardness, points]) => makeStroke(mode, size, hardness, points)),
      },
      { weight: 1, arbitrary: fc.constant<MaskOperation>({ kind: 'invert' }) },
      { weight: 1, arbitrary: fc.constant<MaskOperation>({ kind: 'clear' }) },
    )
    fc.assert(
      fc.property(fc.array(op, { maxLength: 6 }), (ops) => {
        const doc = apply(...ops)
        const fast = rasterizeMask(doc, 32, 24)
        const reference = referenceMask(doc, 32, 24)
        const worst = fast.reduce(
          (max, value, index) => Math.max(max, Math.abs(value - (reference[index] ?? 0))),
          0,
        )
        expect(worst).toBeLessThanOrEqual(1)
      }),
      { numRuns: 60 },
    )
  })
})

type Step =
  | { kind: 'op'; op: MaskOperation }
  | { kind: 'drawn'; op: StrokeOperation }
  | { kind: 'undo' }
  | { kind: 'redo' }

const steps: fc.Arbitrary<Step> = (() => {
  const point = fc.record({ x: fc.integer({ min: -4, max: 52 }), y: fc.integer({ min: -4, max: 44 }) })
  const strokeOp = fc
    .tuple(
      fc.constantFrom('paint' as const, 'erase' as const),
      fc.integer({ min: 1, max: 20 }),
      fc.constantFrom(0, 0.5, 1),
      fc.array(point, { minLength: 1, maxLength: 8 }),
    )
    .map(([mode, size, hardness, points]) => makeStroke(mode, size, hardness, points))
  return fc.oneof(
    { weight: 4, arbitrary: strokeOp.map((op): Step => ({ kind: 'op', op })) },
    { weight: 3, arbitrary: strokeOp.map((op): Step => ({ kind: 'drawn', op })) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom<MaskOperation>({ kind: 'invert' }, { kind: 'clear' })
        .map((op): Step => ({ kind: 'op', op })),
    },
    { weight: 3, arbitrary: fc.constant<Step>({ kind: 'undo' }) },
    { weight: 2, arbitrary: fc.constant<Step>({ kind: 'redo' }) },
  )
})()

describe('keeping the raster up to date', () => {
  const policies: SnapshotPolicy[] = [
    { recent: 4, interval: 5, spaced: 6 },
    { recent: 1, interval: 2, spaced: 2 },
    { recent: 0, interval: 3, spaced: 1 },
  ]

  it.each(policies)('gives the pixels of a fresh rasterisation after any edits (snapshots %o)', (policy) => {
    // Each step is checked or not: unchecked ones reach the raster together with the next, as
    // when the caller changes the mask several times between renders.
    const edits = fc.array(fc.tuple(steps, fc.boolean()), { maxLength: 30 })
    fc.assert(
      fc.property(edits, fc.integer({ min: 2, max: 8 }), (sequence, undoLimit) => {
        const raster = createMaskRaster(48, 40, policy)
        let doc = emptyMask
        for (const [step, checked] of sequence) {
          if (step.kind === 'undo') doc = undo(doc)
          else if (step.kind === 'redo') doc = redo(doc)
          else if (step.kind === 'op') doc = addOperation(doc, step.op, undoLimit)
          else {
            // The stroke as the painter shows it while the pointer moves, one point more each time.
            for (let count = 1; count < step.op.points.length; count += 1) {
              raster.update(
                addOperation(doc, { ...step.op, points: step.op.points.slice(0, count) }, undoLimit),
              )
            }
            doc = addOperation(doc, step.op, undoLimit)
          }
          if (!checked) continue
          raster.update(doc)
          expect(firstDifference(raster.pixels, rasterizeMask(doc, 48, 40))).toBe(-1)
        }
      }),
      { numRuns: 40 },
    )
  })

  it('repaints only around the new segment while a stroke grows', () => {
    const raster = createMaskRaster(200, 100)
    const points = Array.from({ length: 20 }, (_, index) => ({ x: 10 + index * 9, y: 50 }))
    raster.update(apply(stroke(10, 1, ...points.slice(0, 19))))
    const changed = raster.update(apply(stroke(10, 1, ...points)))
    expect(changed).toEqual({ x: 167, y: 45, width: 19, height: 10 })
  })

  it('undoes the last stroke without replaying the others', () => {
    const raster = createMaskRaster(64, 64)
    const painted = apply(stroke(10, 1, { x: 10, y: 10 }), stroke(10, 1, { x: 50, y: 50 }))
    raster.update(painted)
    raster.update(addOperation(painted, stroke(6, 1, { x: 30, y: 30 })))
    raster.update(painted)
    expect(raster.pixels).toEqual(rasterizeMask(painted, 64, 64))
  })

  it('does not restore pixels of a history branch the document has left', () => {
    const raster = createMaskRaster(64, 64)
    const dots = Array.from({ length: 5 }, (_, index) => stroke(6, 1, { x: 6 + index * 12, y: 10 }))
    const original = apply(...dots)
    raster.update(original)
    // Two undos and two new strokes reach the raster at once, then one undo.
    const branch = [stroke(6, 1, { x: 10, y: 50 }), stroke(6, 1, { x: 30, y: 50 })].reduce(
      (doc, op) => addOperation(doc, op),
      undo(undo(original)),
    )
    raster.update(branch)
    raster.update(undo(branch))
    expect(raster.pixels).toEqual(rasterizeMask(undo(branch), 64, 64))
  })

  it('keeps the oldest strokes painted once they are past the undo limit', () => {
    let doc = emptyMask
    for (let index = 0; index < 12; index += 1)
      doc = addOperation(doc, stroke(4, 1, { x: 4 + index * 8, y: 8 }), 10)
    while (doc.cursor > doc.floor) doc = undo(doc)
    const at = reader(rasterizeMask(doc, 100, 16), 100)
    expect([at(4, 8), at(12, 8), at(20, 8)]).toEqual([255, 255, 0])
  })

  it('follows the document when it forgets operations before an old clear, without a full repaint', () => {
    const raster = createMaskRaster(64, 64)
    let doc = apply(stroke(10, 1, { x: 10, y: 10 }), { kind: 'clear' })
    raster.update(doc)
    for (let index = 0; index < 3; index += 1) {
      doc = addOperation(doc, stroke(6, 1, { x: 10 + index * 10, y: 40 }), 2)
      const changed = raster.update(doc)
      expect(changed?.width).toBeLessThan(64)
    }
    expect(doc.ops.some((op) => op.kind === 'clear')).toBe(false)
    expect(raster.pixels).toEqual(rasterizeMask(doc, 64, 64))
  })
})
