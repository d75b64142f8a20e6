/*
 * The one image-type sniffer, shared by main (downloads, the image cache, uploads), the simulator
 * and the renderer (drops, pastes, file choosers): PNG, JPEG and WebP told apart by their magic
 * bytes, never by a name or a MIME type, which drags, pastes and error pages get wrong.
 */

export const imageTypes = {
  png: { extension: 'png', mime: 'image/png' },
  jpeg: { extension: 'jpg', mime: 'image/jpeg' },
  webp: { extension: 'webp', mime: 'image/webp' },
} as const satisfies Record<string, { extension: string; mime: string }>

export type ImageType = keyof typeof imageTypes

/** Bytes needed to tell the three formats apart (WebP's "RIFF····WEBP"). */
export const imageSniffLength = 12

/** PNG's eight-byte signature. */
export const pngSignature = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)

const startsWith = (bytes: Uint8Array, at: number, expected: ArrayLike<number>): boolean => {
  if (bytes.length < at + expected.length) return false
  for (let index = 0; index < expected.length; index++)
    if (bytes[at + index] !== expected[index]) return false
  return true
}

const asciiBytes = (text: string): number[] => [...text].map((char) => char.charCodeAt(0))
const riff = asciiBytes('RIFF')
const webp = asciiBytes('WEBP')
const jpegStart = [0xff, 0xd8, 0xff]

/** Whether the bytes start with PNG's signature. */
export const isPng = (head: Uint8Array): boolean => startsWith(head, 0, pngSignature)

/** Identifies PNG, JPEG or WebP by their magic bytes; anything else (HTML error pages, GIF…) is null. */
export function sniffImageType(head: Uint8Array): ImageType | null {
  if (isPng(head)) return 'png'
  if (startsWith(head, 0, jpegStart)) return 'jpeg'
  if (startsWith(head, 0, riff) && startsWith(head, 8, webp)) return 'webp'
  return null
}
