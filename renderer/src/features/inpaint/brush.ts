import type { MaskPoint, StrokeOperation } from './mask-document'

/*
 * Pixel work for one stroke on an alpha grid (one byte per pixel, 0 = keep, 255 = repaint). A stroke
 * is the union of the capsules around its segments (the disc swept from one point to the next), so
 * it has no spacing gaps, and painting it segment by segment while the pointer moves gives exactly
 * the pixels that painting it whole does: paint takes the maximum, erase the minimum, and both
 * are order-free and idempotent.
 */

/** A pixel rectangle; `x`/`y` inclusive, `width`/`height` at least 1. */
export interface PixelRect {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

export interface AlphaGrid {
  readonly width: number
  readonly height: number
  readonly pixels: Uint8Array
}

/** Below this radius a stroke could slip between pixel centres; at it, every pixel touched counts. */
const minRadius = Math.SQRT1_2

export const unionRect = (a: PixelRect | null, b: PixelRect | null): PixelRect | null => {
  if (!a) return b
  if (!b) return a
  const x = Math.min(a.x, b.x)
  const y = Math.min(a.y, b.y)
  const right = Math.max(a.x + a.width, b.x + b.width)
  const bottom = Math.max(a.y + a.height, b.y + b.height)
  return { x, y, width: right - x, height: bottom - y }
}

type Span = readonly [number, number]

/** The x where `low ≤ offset + slope·x ≤ high`, or null; unbounded when the slope is 0. */
function solveLinear(offset: number, slope: number, low: number, high: number): Span | null {
  if (slope === 0) return offset >= low && offset <= high ? [-Infinity, Infinity] : null
  const first = (low - offset) / slope
  const second = (high - offset) / slope
  return [Math.min(first, second), Math.max(first, second)]
}

const intersect = (a: Span | null, b: Span | null): Span | null => {
  if (!a || !b) return null
  const low = Math.max(a[0], b[0])
  const high = Math.min(a[1], b[1])
  return low <= high ? [low, high] : null
}

const hull = (a: Span | null, b: Span | null): Span | null =>
  !a ? b : !b ? a : [Math.min(a[0], b[0]), Math.max(a[1], b[1])]

const discSpan = (centre: MaskPoint, rowY: number, radius: number): Span | null => {
  const rest = radius * radius - (rowY - centre.y) ** 2
  if (rest < 0) return null
  const half = Math.sqrt(rest)
  return [centre.x - half, centre.x + half]
}

/**
 * Where the capsule meets the line y = `rowY`: the two end discs and the band between them (the
 * points whose projection falls on the segment and which lie within the radius of it). The
 * capsule is convex, so the hull of the three pieces is exact.
 */
function capsuleRowSpan(a: MaskPoint, b: MaskPoint, rowY: number, radius: number): Span | null {
  const ends = hull(discSpan(a, rowY, radius), discSpan(b, rowY, radius))
  const dx = b.x - a.x
  const dy = b.y - a.y
  const length2 = dx * dx + dy * dy
  if (length2 === 0) return ends
  const alongSegment = solveLinear((rowY - a.y) * dy - a.x * dx, dx, 0, length2)
  const reach = radius * Math.sqrt(length2)
  const nearLine = solveLinear(a.x * dy + (rowY - a.y) * dx, -dy, -reach, reach)
  return hull(ends, intersect(alongSegment, nearLine))
}

/**
 * Paints (or erases) the capsule from `a` to `b` onto `grid`, returning the rectangle it may have
 * changed, or null when the capsule misses the grid. Each pixel is judged at its centre.
 */
export function paintSegment(
  grid: AlphaGrid,
  a: MaskPoint,
  b: MaskPoint,
  stroke: Pick<StrokeOperation, 'mode' | 'size' | 'hardness'>,
): PixelRect | null {
  const { width, height } = grid
  const radius = Math.max(stroke.size / 2, minRadius)
  const top = Math.max(0, Math.floor(Math.min(a.y, b.y) - radius))
  const bottom = Math.min(height - 1, Math.ceil(Math.max(a.y, b.y) + radius))
  let left = width
  let right = -1
  let firstRow = height
  let lastRow = -1
  for (let y = top; y <= bottom; y += 1) {
    const span = capsuleRowSpan(a, b, y + 0.5, radius)
    if (!span) continue
    const x0 = Math.max(0, Math.ceil(span[0] - 0.5))
    const x1 = Math.min(width - 1, Math.floor(span[1] - 0.5))
    if (x0 > x1) continue
    paintRow(grid, y, x0, x1, a, b, radius, stroke)
    left = Math.min(left, x0)
    right = Math.max(right, x1)
    firstRow = Math.min(firstRow, y)
    lastRow = y
  }
  return right < left
    ? null
    : { x: left, y: firstRow, width: right - left + 1, height: lastRow - firstRow + 1 }
}

/** The per-pixel work of `paintSegment` for pixels x0..x1 of row y: the hot loop, kept flat. */
function paintRow(
  grid: AlphaGrid,
  y: number,
  x0: number,
  x1: number,
  a: MaskPoint,
  b: MaskPoint,
  radius: number,
  stroke: Pick<StrokeOperation, 'mode' | 'hardness'>,
): void {
  const { pixels, width } = grid
  const erase = stroke.mode === 'erase'
  const core = stroke.hardness * radius
  const core2 = core * core
  const radius2 = radius * radius
  const falloff = radius - core
  const dx = b.x - a.x
  const dy = b.y - a.y
  const length2 = dx * dx + dy * dy
  const cy = y + 0.5
  // Along the segment (t × length²) and across it (distance × length): both linear in x.
  const alongAtZero = (0.5 - a.x) * dx + (cy - a.y) * dy
  const acrossAtZero = -(0.5 - a.x) * dy + (cy - a.y) * dx
  const row = y * width
  for (let x = x0; x <= x1; x += 1) {
    const index = row + x
    const current = pixels[index] ?? 0
    if (erase ? current === 0 : current === 255) continue
    const along = alongAtZero + x * dx
    let distance2: number
    if (along <= 0) distance2 = (x + 0.5 - a.x) ** 2 + (cy - a.y) ** 2
    else if (along >= length2) distance2 = (x + 0.5 - b.x) ** 2 + (cy - b.y) ** 2
    else {
      const across = acrossAtZero - x * dy
      distance2 = (across * across) / length2
    }
    if (distance2 > radius2) continue
    // Full inside the core, then a smoothstep to nothing at the radius: no visible ring where a
    // soft brush's core ends.
    let alpha = 255
    if (distance2 > core2) {
      const s = (radius - Math.sqrt(distance2)) / falloff
      alpha = Math.round(255 * s * s * (3 - 2 * s))
    }
    if (erase) {
      if (255 - alpha < current) pixels[index] = 255 - alpha
    } else if (alpha > current) pixels[index] = alpha
  }
}

/**
 * Paints the stroke's segments from point `fromPoint` on (0 for the whole stroke; the previous
 * point count when the stroke has grown, since the earlier segments are already on the grid).
 */
export function paintStroke(grid: AlphaGrid, stroke: StrokeOperation, fromPoint = 0): PixelRect | null {
  const { points } = stroke
  const first = points[0]
  if (!first) return null
  if (points.length === 1) return paintSegment(grid, first, first, stroke)
  let dirty: PixelRect | null = null
  for (let index = Math.max(0, fromPoint - 1); index < points.length - 1; index += 1) {
    const a = points[index]
    const b = points[index + 1]
    if (a && b) dirty = unionRect(dirty, paintSegment(grid, a, b, stroke))
  }
  return dirty
}
