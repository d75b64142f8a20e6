import { vi } from 'vitest'

/*
 * jsdom has no canvas. This stand-in keeps what is written through the 2D context (RGBA bytes at a
 * position) so tests can read it back; toBlob gives a blob of the requested type, and
 * `encodedSize` tells which canvas size it came from. Real Chromium is left to end-to-end tests.
 */
interface CanvasWrite {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
  readonly data: Uint8ClampedArray
}

interface StubImageData {
  readonly width: number
  readonly height: number
  readonly data: Uint8ClampedArray
}

const writes = new WeakMap<HTMLCanvasElement, CanvasWrite[]>()
const encoded = new WeakMap<Blob, { width: number; height: number }>()
/** Every canvas a 2D context was asked for since the stub was installed. */
export const drawnCanvases: HTMLCanvasElement[] = []

function fakeContext(canvas: HTMLCanvasElement) {
  const log = writes.get(canvas) ?? []
  if (!writes.has(canvas)) {
    writes.set(canvas, log)
    drawnCanvases.push(canvas)
  }
  return {
    canvas,
    createImageData: (width: number, height: number): StubImageData => ({
      width,
      height,
      data: new Uint8ClampedArray(width * height * 4),
    }),
    putImageData: (image: StubImageData, x: number, y: number) => {
      log.push({ x, y, width: image.width, height: image.height, data: image.data.slice() })
    },
  }
}

export function installCanvasStub(): void {
  drawnCanvases.length = 0
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function getContext(
    this: HTMLCanvasElement,
  ) {
    return fakeContext(this) as unknown as RenderingContext
  })
  vi.spyOn(HTMLCanvasElement.prototype, 'toBlob').mockImplementation(function toBlob(
    this: HTMLCanvasElement,
    callback: BlobCallback,
    type?: string,
  ) {
    const blob = new Blob([new Uint8Array(8)], { type: type ?? 'image/png' })
    encoded.set(blob, { width: this.width, height: this.height })
    callback(blob)
  })
}

/** What has been drawn on `canvas`, in order. */
export const canvasWrites = (canvas: HTMLCanvasElement) => writes.get(canvas) ?? []

/** The size of the canvas a blob from the stubbed toBlob was encoded from. */
export const encodedSize = (blob: Blob) => encoded.get(blob)
