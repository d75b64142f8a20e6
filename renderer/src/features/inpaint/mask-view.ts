import type { MaskPoint } from './mask-document'

/*
 * Zoom and pan as plain numbers: a source pixel (x, y) shows at viewport pixel
 * (x·zoom + panX, y·zoom + panY). Pure, so the mapping from the pointer to source pixels can be
 * tested without layout.
 */
export interface MaskView {
  readonly zoom: number
  readonly panX: number
  readonly panY: number
}

export interface Size {
  readonly width: number
  readonly height: number
}

export const zoomRange = { min: 0.05, max: 32 } as const
/** One press of + or −. */
export const zoomStep = 1.25
/** How much of the image stays in view however far it is dragged, in viewport pixels. */
const keepVisible = 48

const clampZoom = (zoom: number) => Math.min(zoomRange.max, Math.max(zoomRange.min, zoom))

/** The whole image, as large as fits, centred; 1:1 at the origin while the viewport is unmeasured. */
export function fitView(viewport: Size, image: Size): MaskView {
  if (viewport.width <= 0 || viewport.height <= 0 || image.width <= 0 || image.height <= 0) {
    return { zoom: 1, panX: 0, panY: 0 }
  }
  const zoom = clampZoom(Math.min(viewport.width / image.width, viewport.height / image.height))
  return {
    zoom,
    panX: (viewport.width - image.width * zoom) / 2,
    panY: (viewport.height - image.height * zoom) / 2,
  }
}

/** The source pixel position under a viewport point (fractional; may lie outside the image). */
export const toSource = (view: MaskView, x: number, y: number): MaskPoint => ({
  x: (x - view.panX) / view.zoom,
  y: (y - view.panY) / view.zoom,
})

/** Keeps part of the image on screen, so panning can never lose it. */
export function clampPan(view: MaskView, viewport: Size, image: Size): MaskView {
  if (viewport.width <= 0 || viewport.height <= 0) return view
  const limit = (pan: number, shown: number, room: number) => {
    const margin = Math.min(keepVisible, shown, room)
    return Math.min(room - margin, Math.max(margin - shown, pan))
  }
  return {
    zoom: view.zoom,
    panX: limit(view.panX, image.width * view.zoom, viewport.width),
    panY: limit(view.panY, image.height * view.zoom, viewport.height),
  }
}

/** Zooms by `factor`, keeping the source point under viewport point (x, y) where it is. */
export function zoomAround(view: MaskView, factor: number, x: number, y: number): MaskView {
  const zoom = clampZoom(view.zoom * factor)
  const anchor = toSource(view, x, y)
  return { zoom, panX: x - anchor.x * zoom, panY: y - anchor.y * zoom }
}

export const panBy = (view: MaskView, dx: number, dy: number): MaskView => ({
  zoom: view.zoom,
  panX: view.panX + dx,
  panY: view.panY + dy,
})

/** Keeps a point inside the image, so every stroke marks at least one pixel (see isMaskEmpty). */
export const clampToImage = (point: MaskPoint, image: Size): MaskPoint => ({
  x: Math.min(image.width, Math.max(0, point.x)),
  y: Math.min(image.height, Math.max(0, point.y)),
})
