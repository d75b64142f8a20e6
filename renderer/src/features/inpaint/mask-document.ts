/*
 * The inpaint mask as pure data: the painting operations in order, and an undo cursor. It holds no
 * pixels, so it is cheap to keep in a store, compare and serialise; mask-raster.ts turns it into
 * pixels. Every function returns a new document and never changes the one it is given.
 */

export const brushModes = ['paint', 'erase'] as const
export type BrushMode = (typeof brushModes)[number]

/** A point in SOURCE image pixels: (0, 0) is the top-left corner, (width, height) the bottom-right. */
export interface MaskPoint {
  readonly x: number
  readonly y: number
}

/** One pointer drag. `size` is the brush diameter in source pixels, `hardness` the solid core (0–1). */
export interface StrokeOperation {
  readonly kind: 'stroke'
  readonly mode: BrushMode
  readonly size: number
  readonly hardness: number
  readonly points: readonly MaskPoint[]
}

export type MaskOperation = StrokeOperation | { readonly kind: 'invert' } | { readonly kind: 'clear' }

export interface MaskDocument {
  /** Oldest first. Those from `cursor` on were undone and can be redone. */
  readonly ops: readonly MaskOperation[]
  /** How many of `ops` are in effect. */
  readonly cursor: number
  /** Undo stops here: the operations before it are kept only because the mask depends on them. */
  readonly floor: number
}

export const emptyMask: MaskDocument = { ops: [], cursor: 0, floor: 0 }

/** How many steps the user can undo; older steps are merged into the mask for good. */
export const maxUndoSteps = 100

export const brushSizeRange = { min: 1, max: 512 } as const

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value))

/** A stroke with its size and hardness brought into range, so every stroke paints something. */
export function makeStroke(
  mode: BrushMode,
  size: number,
  hardness: number,
  points: readonly MaskPoint[],
): StrokeOperation {
  return {
    kind: 'stroke',
    mode,
    size: clamp(size, brushSizeRange.min, brushSizeRange.max),
    hardness: clamp(hardness, 0, 1),
    points,
  }
}

/**
 * The stroke with `points` added at its end, leaving out those closer than `spacing` to the point
 * before (pointer jitter that would only add work). The same stroke when nothing was added.
 */
export function appendStrokePoints(
  stroke: StrokeOperation,
  points: readonly MaskPoint[],
  spacing: number,
): StrokeOperation {
  const kept = [...stroke.points]
  for (const point of points) {
    const last = kept[kept.length - 1]
    if (!last || Math.hypot(point.x - last.x, point.y - last.y) >= spacing) kept.push(point)
  }
  return kept.length === stroke.points.length ? stroke : { ...stroke, points: kept }
}

/** The operations in effect, oldest first. */
export const activeOperations = (doc: MaskDocument): readonly MaskOperation[] => doc.ops.slice(0, doc.cursor)

export const canUndo = (doc: MaskDocument) => doc.cursor > doc.floor
export const canRedo = (doc: MaskDocument) => doc.cursor < doc.ops.length

export const undo = (doc: MaskDocument): MaskDocument =>
  canUndo(doc) ? { ...doc, cursor: doc.cursor - 1 } : doc

export const redo = (doc: MaskDocument): MaskDocument =>
  canRedo(doc) ? { ...doc, cursor: doc.cursor + 1 } : doc

/**
 * Appends an operation after the cursor, dropping what was undone (a new branch of history). A stroke
 * without points and a clear of an empty mask change nothing, so they return `doc` itself rather
 * than cost the user an undo step. Beyond `undoLimit` steps the floor rises; once a clear sits
 * below the floor, everything before it is forgotten, which keeps long sessions from growing.
 */
export function addOperation(
  doc: MaskDocument,
  op: MaskOperation,
  undoLimit: number = maxUndoSteps,
): MaskDocument {
  if (op.kind === 'stroke' && op.points.length === 0) return doc
  if (op.kind === 'clear' && isMaskEmpty(doc)) return doc
  const ops = [...doc.ops.slice(0, doc.cursor), op]
  const floor = Math.max(doc.floor, ops.length - Math.max(1, undoLimit))
  return forgetBeforeLastClear({ ops, cursor: ops.length, floor })
}

function forgetBeforeLastClear(doc: MaskDocument): MaskDocument {
  let lastClear = -1
  for (let index = doc.floor - 1; index >= 0 && lastClear < 0; index -= 1) {
    if (doc.ops[index]?.kind === 'clear') lastClear = index
  }
  if (lastClear < 0) return doc
  const dropped = lastClear + 1
  return {
    ops: doc.ops.slice(dropped),
    cursor: doc.cursor - dropped,
    floor: doc.floor - dropped,
  }
}

type Coverage = 'none' | 'some' | 'all' | 'unknown'

const afterOperation = (coverage: Coverage, op: MaskOperation): Coverage => {
  if (op.kind === 'clear') return 'none'
  if (op.kind === 'invert') {
    if (coverage === 'none') return 'all'
    return coverage === 'all' ? 'none' : 'unknown'
  }
  if (op.points.length === 0) return coverage
  if (op.mode === 'paint') return coverage === 'all' ? 'all' : 'some'
  return coverage === 'none' ? 'none' : 'unknown'
}

/**
 * True when the mask is certainly all black (nothing to repaint). Decided from the operations
 * alone, without pixels: the painter keeps stroke points inside the image, so a paint stroke
 * always marks something. The one case the operations cannot settle, an eraser used after
 * painting, counts as not empty: a caller that blocks submitting empty masks then never blocks
 * a mask that has paint left.
 */
export function isMaskEmpty(doc: MaskDocument): boolean {
  return activeOperations(doc).reduce(afterOperation, 'none') === 'none'
}
