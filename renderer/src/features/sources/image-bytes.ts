import { sniffImageType } from '#contract'

/*
 * The pixel size of an accepted image, read from the file's header; its type comes from the
 * contract's one sniffer (`sniffImageType`), shared with main: sniffed rather than trusted from a
 * name or MIME type, since drags and pastes often carry neither.
 */

/** For the file chooser's `accept`. */
export const acceptedImageTypes = 'image/png,image/jpeg,image/webp,.png,.jpg,.jpeg,.webp'

const ascii = (bytes: Uint8Array, at: number, text: string) =>
  [...text].every((char, offset) => bytes[at + offset] === char.charCodeAt(0))

export interface PixelSize {
  readonly width: number
  readonly height: number
}

const u16be = (b: Uint8Array, at: number) => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0)
const u16le = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8)
const u24le = (b: Uint8Array, at: number) => u16le(b, at) | ((b[at + 2] ?? 0) << 16)
const u32be = (b: Uint8Array, at: number) => u16be(b, at) * 0x10000 + u16be(b, at + 2)

function jpegSize(bytes: Uint8Array): PixelSize | null {
  let at = 2
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return null
    const marker = bytes[at + 1] ?? 0
    // Fill bytes and markers without a length (RSTn, TEM) carry no segment.
    if (marker === 0xff || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += marker === 0xff ? 1 : 2
      continue
    }
    const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)
    if (isStartOfFrame) return { height: u16be(bytes, at + 5), width: u16be(bytes, at + 7) }
    at += 2 + u16be(bytes, at + 2)
  }
  return null
}

function webpSize(bytes: Uint8Array): PixelSize | null {
  if (ascii(bytes, 12, 'VP8X')) return { width: 1 + u24le(bytes, 24), height: 1 + u24le(bytes, 27) }
  if (ascii(bytes, 12, 'VP8L')) {
    const [b0 = 0, b1 = 0, b2 = 0, b3 = 0] = bytes.subarray(21, 25)
    return {
      width: 1 + (((b1 & 0x3f) << 8) | b0),
      height: 1 + (((b3 & 0x0f) << 10) | (b2 << 2) | ((b1 & 0xc0) >> 6)),
    }
  }
  if (ascii(bytes, 12, 'VP8 ')) return { width: u16le(bytes, 26) & 0x3fff, height: u16le(bytes, 28) & 0x3fff }
  return null
}

/** The pixel size a PNG, JPEG or WebP header states, or null when the header is not there or odd. */
export function imageSizeOf(bytes: Uint8Array): PixelSize | null {
  const kind = sniffImageType(bytes)
  let size: PixelSize | null = null
  if (kind === 'png' && ascii(bytes, 12, 'IHDR')) size = { width: u32be(bytes, 16), height: u32be(bytes, 20) }
  else if (kind === 'jpeg') size = jpegSize(bytes)
  else if (kind === 'webp') size = webpSize(bytes)
  return size && size.width > 0 && size.height > 0 ? size : null
}

/**
 * The start of a base64 data: URL as bytes: enough for any header, including a JPEG's frame
 * header after EXIF and ICC segments, without decoding megabytes.
 */
export function dataUrlHead(dataUrl: string, maxBytes = 256 * 1024): Uint8Array {
  const start = dataUrl.indexOf(',') + 1
  const chars = Math.ceil(maxBytes / 3) * 4
  try {
    const binary = atob(dataUrl.slice(start, start + chars))
    return Uint8Array.from(binary, (char) => char.charCodeAt(0))
  } catch {
    return new Uint8Array(0)
  }
}
