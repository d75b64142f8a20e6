import { imageTypes, sniffImageType } from '#contract'

export type MediaType = 'image' | 'video' | 'audio'

export interface SniffedMedia {
  readonly type: MediaType
  readonly mime: string
  readonly extension: string
}

/** Bytes the sniffer needs: MP4's brand sits at 8–12. */
export const mediaSniffLength = 12

const ascii = (bytes: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...bytes.subarray(from, to))

/**
 * What the first bytes of a download are, by their magic numbers, whatever the server claimed:
 * PNG/JPEG/WebP images (the image cache's formats), MP4/MOV/WebM videos, MP3/WAV/OGG/FLAC/M4A audio.
 * Anything else (an HTML error page, a script, a zip) is null and is not kept.
 */
export function sniffMedia(head: Uint8Array): SniffedMedia | null {
  const image = sniffImageType(head)
  if (image) {
    return { type: 'image', mime: imageTypes[image].mime, extension: imageTypes[image].extension }
  }
  if (head.length < mediaSniffLength) return null
  if (ascii(head, 4, 8) === 'ftyp') {
    const brand = ascii(head, 8, 12)
    if (brand === 'M4A ') return { type: 'audio', mime: 'audio/mp4', extension: 'm4a' }
    if (brand === 'qt  ') return { type: 'video', mime: 'video/quicktime', extension: 'mov' }
    return { type: 'video', mime: 'video/mp4', extension: 'mp4' }
  }
  if (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3)
    return { type: 'video', mime: 'video/webm', extension: 'webm' }
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WAVE')
    return { type: 'audio', mime: 'audio/wav', extension: 'wav' }
  if (ascii(head, 0, 4) === 'OggS') return { type: 'audio', mime: 'audio/ogg', extension: 'ogg' }
  if (ascii(head, 0, 4) === 'fLaC') return { type: 'audio', mime: 'audio/flac', extension: 'flac' }
  if (ascii(head, 0, 3) === 'ID3' || (head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0))
    return { type: 'audio', mime: 'audio/mpeg', extension: 'mp3' }
  return null
}
