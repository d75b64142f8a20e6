import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  maskToRgba,
  overlayColour,
  overlayToRgba,
  renderMaskPng,
} from '../../../renderer/src/features/inpaint/mask-image'
import { addOperation, emptyMask, makeStroke } from '../../../renderer/src/features/inpaint/mask-document'
import { rasterizeMask } from '../../../renderer/src/features/inpaint/mask-raster'
import { canvasWrites, drawnCanvases, encodedSize, installCanvasStub } from './canvas-stub'

describe('mask images', () => {
  beforeEach(installCanvasStub)
  afterEach(() => vi.restoreAllMocks())

  it('turns the mask into opaque greys: white repaints, black keeps', () => {
    const rgba = new Uint8ClampedArray(12)
    maskToRgba(Uint8Array.from([0, 128, 255]), rgba)
    expect(Array.from(rgba)).toEqual([0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255])
  })

  it('colours the overlay with the mask as its opacity, for just the rectangle asked', () => {
    const pixels = Uint8Array.from([0, 10, 20, 30, 40, 50])
    const rgba = new Uint8ClampedArray(8)
    overlayToRgba(pixels, 3, { x: 1, y: 0, width: 1, height: 2 }, rgba)
    const { red, green, blue } = overlayColour
    expect(Array.from(rgba)).toEqual([red, green, blue, 10, red, green, blue, 40])
  })

  it('encodes a PNG at exactly the source size from the painted operations', async () => {
    const doc = addOperation(
      emptyMask,
      makeStroke('paint', 6, 0.5, [
        { x: 3, y: 3 },
        { x: 9, y: 4 },
      ]),
    )
    const blob = await renderMaskPng(doc, 13, 7)
    expect(blob.type).toBe('image/png')
    expect(encodedSize(blob)).toEqual({ width: 13, height: 7 })
    const [canvas] = drawnCanvases
    if (!canvas) throw new Error('nothing was drawn')
    const [write] = canvasWrites(canvas)
    expect(write).toMatchObject({ x: 0, y: 0, width: 13, height: 7 })
    const expected = new Uint8ClampedArray(13 * 7 * 4)
    maskToRgba(rasterizeMask(doc, 13, 7), expected)
    expect(write?.data).toEqual(expected)
  })

  it('refuses a size that is not whole pixels', async () => {
    await expect(renderMaskPng(emptyMask, 0, 10)).rejects.toThrow(RangeError)
    await expect(renderMaskPng(emptyMask, 10.5, 10)).rejects.toThrow(RangeError)
  })
})
