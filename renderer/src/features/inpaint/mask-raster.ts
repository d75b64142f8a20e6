import { paintStroke, unionRect, type AlphaGrid, type PixelRect } from './brush'
import type { MaskDocument, MaskOperation, StrokeOperation } from './mask-document'

export type { PixelRect } from './brush'

/**
 * A mask document turned into pixels (one byte each, 0 = keep, 255 = repaint), kept up to date as
 * the document changes. Appending a stroke, or extending the stroke being drawn, paints only the
 * new part; undo and other jumps back restore the nearest snapshot and replay from there.
 */
export interface MaskRaster {
  readonly width: number
  readonly height: number
  /** The current pixels, row by row. Read-only for callers; the next update rewrites it. */
  readonly pixels: Uint8Array
  /** Brings the pixels to `doc`'s state; returns the rectangle that changed, or null if none. */
  update(doc: MaskDocument): PixelRect | null
}

export interface SnapshotPolicy {
  /** Snapshots kept just before each of the latest operations: undo of those is a copy. */
  readonly recent: number
  /** Further back, one snapshot every `interval` operations… */
  readonly interval: number
  /** …keeping this many of them. Undo past them replays from the start. */
  readonly spaced: number
}

/**
 * 10 snapshots at most (40 MB for a 2048×2048 mask, 10 MB at 1024×1024): undoing one of the last
 * four strokes is a copy, further back at most four strokes are replayed.
 */
export const defaultSnapshotPolicy: SnapshotPolicy = { recent: 4, interval: 5, spaced: 6 }

const sameStrokeSettings = (a: StrokeOperation, b: StrokeOperation) =>
  a.mode === b.mode && a.size === b.size && a.hardness === b.hardness

/** True when `next` is `previous` with points added at its end (the stroke being drawn grew). */
function extendsStroke(previous: MaskOperation, next: MaskOperation | undefined): next is StrokeOperation {
  if (previous.kind !== 'stroke' || next?.kind !== 'stroke') return false
  if (!sameStrokeSettings(previous, next) || next.points.length < previous.points.length) return false
  return previous.points.every((point, index) => {
    const other = next.points[index]
    return other !== undefined && other.x === point.x && other.y === point.y
  })
}

export function createMaskRaster(
  width: number,
  height: number,
  policy: SnapshotPolicy = defaultSnapshotPolicy,
): MaskRaster {
  const grid: AlphaGrid = { width, height, pixels: new Uint8Array(width * height) }
  const everything: PixelRect = { x: 0, y: 0, width, height }
  /** The operations the pixels show, in order. */
  let applied: MaskOperation[] = []
  /** Pixels as they were before `applied[k]`, by k (k = 0, the empty mask, is never stored). */
  let snapshots = new Map<number, Uint8Array>()
  /** Buffers of dropped snapshots, reused for the next ones instead of allocating megabytes per stroke. */
  const spare: Uint8Array[] = []
  const release = (pixels: Uint8Array) => {
    if (spare.length < 2) spare.push(pixels)
  }

  const keepsSnapshot = (index: number, count: number) =>
    index > 0 &&
    index < count &&
    (index >= count - policy.recent ||
      (index % policy.interval === 0 && index >= count - policy.interval * policy.spaced))

  const prune = (count: number) => {
    for (const [index, pixels] of snapshots) {
      if (keepsSnapshot(index, count) && index <= applied.length) continue
      snapshots.delete(index)
      release(pixels)
    }
  }

  const applyOperation = (op: MaskOperation): PixelRect | null => {
    if (op.kind === 'stroke') return paintStroke(grid, op)
    if (op.kind === 'clear') grid.pixels.fill(0)
    else
      for (let index = 0; index < grid.pixels.length; index += 1)
        grid.pixels[index] = 255 - (grid.pixels[index] ?? 0)
    return everything
  }

  /** Applies `ops[from..count)` on top of the pixels, snapshotting where the policy wants to. */
  const applyFrom = (ops: readonly MaskOperation[], count: number): PixelRect | null => {
    let dirty: PixelRect | null = null
    for (let index = applied.length; index < count; index += 1) {
      const op = ops[index]
      if (!op) break
      if (keepsSnapshot(index, count) && !snapshots.has(index)) {
        const copy = spare.pop() ?? new Uint8Array(grid.pixels.length)
        copy.set(grid.pixels)
        snapshots.set(index, copy)
      }
      dirty = unionRect(dirty, applyOperation(op))
      applied.push(op)
    }
    return dirty
  }

  /** Goes back to the latest snapshot at or before `index`, or to the empty mask. */
  const restore = (index: number) => {
    let best = 0
    for (const [key, pixels] of snapshots) {
      if (key > index) {
        // Taken after operations the document no longer has.
        snapshots.delete(key)
        release(pixels)
      } else if (key > best) best = key
    }
    const snapshot = snapshots.get(best)
    if (snapshot) grid.pixels.set(snapshot)
    else grid.pixels.fill(0)
    applied = applied.slice(0, best)
  }

  /*
   * When the document forgets the operations up to a clear (mask-document.ts), the same
   * operations arrive at lower indices; the pixels are still right, since a clear starts from
   * nothing, so only the bookkeeping shifts.
   */
  const followForgottenPrefix = (ops: readonly MaskOperation[]) => {
    const first = ops[0]
    if (!first || applied[0] === first) return
    const shift = applied.indexOf(first)
    if (shift <= 0 || applied[shift - 1]?.kind !== 'clear') return
    applied = applied.slice(shift)
    const shifted = new Map<number, Uint8Array>()
    for (const [index, pixels] of snapshots) {
      if (index > shift) shifted.set(index - shift, pixels)
      else release(pixels)
    }
    snapshots = shifted
  }

  const update = (doc: MaskDocument): PixelRect | null => {
    const { ops, cursor: count } = doc
    followForgottenPrefix(ops)
    let common = 0
    while (common < applied.length && common < count && applied[common] === ops[common]) common += 1
    let dirty: PixelRect | null = null
    const last = applied[common]
    const next = ops[common]
    if (common === applied.length - 1 && common < count && last && extendsStroke(last, next)) {
      dirty = paintStroke(grid, next, last.kind === 'stroke' ? last.points.length : 0)
      applied[common] = next
    } else if (common < applied.length) {
      restore(common)
      dirty = everything
    }
    dirty = unionRect(dirty, applyFrom(ops, count))
    prune(count)
    return dirty
  }

  return { width, height, pixels: grid.pixels, update }
}

/** The mask's pixels at `width`×`height`, computed from scratch. */
export function rasterizeMask(doc: MaskDocument, width: number, height: number): Uint8Array {
  const raster = createMaskRaster(width, height, { recent: 0, interval: 1, spaced: 0 })
  raster.update(doc)
  return raster.pixels
}

/** How many pixels the mask marks for repainting, fully or partly. */
export function countPaintedPixels(pixels: Uint8Array): number {
  let count = 0
  for (let index = 0; index < pixels.length; index += 1) if (pixels[index] !== 0) count += 1
  return count
}
