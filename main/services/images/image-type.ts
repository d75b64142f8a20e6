import { isPng } from './png-chunks'

export const imageTypes = {
  png: { extension: 'png', mime: 'image/png' },
  jpeg: { extension: 'jpg', mime: 'image/jpeg' },
  webp: { extension: 'webp', mime: 'image/webp' },
} as const satisfies Record<string, { extension: string; mime: string }>

export type ImageType = keyof typeof imageTypes

/** Bytes needed to tell the three formats apart (WebP's "RIFF····WEBP"). */
export const sniffLength = 12

/** Identifies PNG, JPEG or WebP by their magic bytes; anything else (HTML error pages…) is null. */
export function sniffImageType(head: Uint8Array): ImageType | null {
  if (isPng(head)) return 'png'
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg'
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to))
  if (head.length >= sniffLength && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp'
  return null
}
