import type { PixelRect } from './brush'
import type { MaskDocument } from './mask-document'
import { rasterizeMask } from './mask-raster'

/** The overlay's colour over the source image (its strength comes from the mask and CSS opacity). */
export const overlayColour = { red: 255, green: 48, blue: 96 } as const

/**
 * The mask as opaque greys in RGBA, A1111's convention: white repaints, black keeps, greys (soft
 * brush edges) blend.
 */
export function maskToRgba(pixels: Uint8Array, rgba: Uint8ClampedArray): void {
  for (let index = 0; index < pixels.length; index += 1) {
    const grey = pixels[index] ?? 0
    const at = index * 4
    rgba[at] = grey
    rgba[at + 1] = grey
    rgba[at + 2] = grey
    rgba[at + 3] = 255
  }
}

/** The rectangle `rect` of the mask as the overlay's colour, the mask value as its alpha. */
export function overlayToRgba(
  pixels: Uint8Array,
  maskWidth: number,
  rect: PixelRect,
  rgba: Uint8ClampedArray,
): void {
  let at = 0
  for (let y = rect.y; y < rect.y + rect.height; y += 1) {
    const row = y * maskWidth
    for (let x = rect.x; x < rect.x + rect.width; x += 1) {
      rgba[at] = overlayColour.red
      rgba[at + 1] = overlayColour.green
      rgba[at + 2] = overlayColour.blue
      rgba[at + 3] = pixels[row + x] ?? 0
      at += 4
    }
  }
}

/** Redraws `rect` of the overlay canvas (at source size) from the mask pixels. */
export function drawOverlay(
  context: CanvasRenderingContext2D,
  pixels: Uint8Array,
  maskWidth: number,
  rect: PixelRect,
): void {
  const image = context.createImageData(rect.width, rect.height)
  overlayToRgba(pixels, maskWidth, rect, image.data)
  context.putImageData(image, rect.x, rect.y)
}

function assertPixelSize(width: number, height: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`A mask needs a whole-pixel size, got ${width}×${height}`)
  }
}

/**
 * The mask as a PNG of exactly `width`×`height` (the source image's pixel size): white = repaint,
 * black = keep, opaque. Rasterised from the operations, so it does not depend on the zoom at which
 * the mask was painted.
 */
export async function renderMaskPng(doc: MaskDocument, width: number, height: number): Promise<Blob> {
  assertPixelSize(width, height)
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  const context = canvas.getContext('2d')
  if (!context) throw new Error('No 2D canvas to encode the mask')
  const image = context.createImageData(width, height)
  maskToRgba(rasterizeMask(doc, width, height), image.data)
  context.putImageData(image, 0, 0)
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => {
      if (blob) resolve(blob)
      else reject(new Error('The mask could not be encoded as PNG'))
    }, 'image/png')
  })
}
