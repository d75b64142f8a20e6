import { afterAll, beforeAll } from 'vitest'

/**
 * jsdom has no 2D canvas. This stands in for the two calls the mask export makes
 * (createImageData/putImageData) and for `toBlob`, which here yields the pixels the mask put in,
 * as a tiny uncompressed image: width and height (u16, little-endian), then one grey byte per pixel.
 */
export function installCanvasShim() {
  const original = {
    getContext: Object.getOwnPropertyDescriptor(HTMLCanvasElement.prototype, 'getContext'),
    toBlob: Object.getOwnPropertyDescriptor(HTMLCanvasElement.prototype, 'toBlob'),
  }
  const pixels = new WeakMap<HTMLCanvasElement, Uint8ClampedArray>()
  Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', {
    configurable: true,
    value: function getContext(this: HTMLCanvasElement) {
      const remember = (data: Uint8ClampedArray) => pixels.set(this, data)
      return {
        createImageData: (width: number, height: number) => ({
          width,
          height,
          data: new Uint8ClampedArray(width * height * 4),
        }),
        putImageData: (image: { data: Uint8ClampedArray }) => remember(image.data),
      }
    },
  })
  Object.defineProperty(HTMLCanvasElement.prototype, 'toBlob', {
    configurable: true,
    value: function toBlob(this: HTMLCanvasElement, done: (blob: Blob | null) => void) {
      const rgba = pixels.get(this) ?? new Uint8ClampedArray(0)
      const bytes = new Uint8Array(4 + rgba.length / 4)
      new DataView(bytes.buffer).setUint16(0, this.width, true)
      new DataView(bytes.buffer).setUint16(2, this.height, true)
      for (let index = 0; index < rgba.length / 4; index += 1) bytes[4 + index] = rgba[index * 4] ?? 0
      done(new Blob([bytes], { type: 'image/png' }))
    },
  })
  return () => {
    if (original.getContext)
      Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', original.getContext)
    if (original.toBlob) Object.defineProperty(HTMLCanvasElement.prototype, 'toBlob', original.toBlob)
  }
}

/** The shim for every test of the calling `describe`, removed after them. */
export function withCanvasShim(): void {
  let restore: () => void = () => undefined
  beforeAll(() => {
    restore = installCanvasShim()
  })
  afterAll(() => restore())
}

/** Reads back what the shim encoded: the size and the grey value at (x, y). */
export function readShimImage(base64: string) {
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))
  const view = new DataView(bytes.buffer)
  const width = view.getUint16(0, true)
  const height = view.getUint16(2, true)
  return { width, height, at: (x: number, y: number) => bytes[4 + y * width + x] }
}
