/*
 * A1111 keeps the infotext of a JPEG or WebP it saves in EXIF `UserComment` (modules/images.py:
 * `piexif.helper.UserComment.dump(text, encoding="unicode")`, i.e. "UNICODE\0" then UTF-16BE),
 * and reads it back from there. This writes the same, without re-encoding the picture: the EXIF
 * block is spliced in as a JPEG APP1 segment or a WebP `EXIF` chunk (sharp would decode and
 * compress the image again, losing quality on every save).
 */

const exifHeader = Buffer.from('Exif\0\0', 'latin1')
/** An APP1 segment's length field counts itself and is 16 bits. */
const maxApp1Payload = 0xffff - 2

/** A big-endian TIFF block: IFD0 → Exif IFD → UserComment (tag 0x9286, UNDEFINED). */
export function userCommentExif(text: string): Buffer {
  const utf16le = Buffer.from(text, 'utf16le')
  const comment = Buffer.concat([Buffer.from('UNICODE\0', 'latin1'), Buffer.from(utf16le).swap16()])
  const tiff = Buffer.alloc(44 + comment.length)
  tiff.write('MM', 0, 'latin1')
  tiff.writeUInt16BE(42, 2)
  tiff.writeUInt32BE(8, 4)
  // IFD0: one entry, the pointer to the Exif IFD at 26.
  tiff.writeUInt16BE(1, 8)
  tiff.writeUInt16BE(0x8769, 10)
  tiff.writeUInt16BE(4, 12)
  tiff.writeUInt32BE(1, 14)
  tiff.writeUInt32BE(26, 18)
  tiff.writeUInt32BE(0, 22)
  // Exif IFD: one entry, UserComment, its bytes at 44.
  tiff.writeUInt16BE(1, 26)
  tiff.writeUInt16BE(0x9286, 28)
  tiff.writeUInt16BE(7, 30)
  tiff.writeUInt32BE(comment.length, 32)
  tiff.writeUInt32BE(44, 36)
  tiff.writeUInt32BE(0, 40)
  comment.copy(tiff, 44)
  return tiff
}

const isExifApp1 = (bytes: Uint8Array, at: number) =>
  bytes[at + 1] === 0xe1 && Buffer.from(bytes.subarray(at + 4, at + 10)).equals(exifHeader)

/**
 * The JPEG with `text` as its only EXIF (an EXIF segment it had is replaced: a generated image's
 * camera fields mean nothing). The segment goes after SOI and a JFIF APP0. Null when the bytes
 * are not a JPEG whose header segments can be walked, or the text is too long for one segment.
 */
export function jpegWithUserComment(jpeg: Uint8Array, text: string): Uint8Array | null {
  const payload = Buffer.concat([exifHeader, userCommentExif(text)])
  if (payload.length > maxApp1Payload || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return null
  const kept: Uint8Array[] = []
  let app0First = false
  let at = 2
  // Walk the APPn/COM segments before the image data; everything after is copied as it is.
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff) {
    const marker = jpeg[at + 1] ?? 0
    if (!((marker >= 0xe0 && marker <= 0xef) || marker === 0xfe)) break
    const length = ((jpeg[at + 2] ?? 0) << 8) | (jpeg[at + 3] ?? 0)
    if (length < 2 || at + 2 + length > jpeg.length) return null
    if (!isExifApp1(jpeg, at)) {
      if (kept.length === 0 && marker === 0xe0) app0First = true
      kept.push(jpeg.subarray(at, at + 2 + length))
    }
    at += 2 + length
  }
  const segment = Buffer.alloc(4)
  segment.writeUInt16BE(0xffe1, 0)
  segment.writeUInt16BE(payload.length + 2, 2)
  const split = app0First ? 1 : 0
  return Buffer.concat([
    jpeg.subarray(0, 2),
    ...kept.slice(0, split),
    segment,
    payload,
    ...kept.slice(split),
    jpeg.subarray(at),
  ])
}

interface Chunk {
  readonly id: string
  readonly data: Uint8Array
}

function readChunks(webp: Uint8Array): Chunk[] | null {
  const buffer = Buffer.from(webp.buffer, webp.byteOffset, webp.byteLength)
  if (buffer.toString('latin1', 0, 4) !== 'RIFF' || buffer.toString('latin1', 8, 12) !== 'WEBP') return null
  const chunks: Chunk[] = []
  let at = 12
  while (at + 8 <= buffer.length) {
    const id = buffer.toString('latin1', at, at + 4)
    const size = buffer.readUInt32LE(at + 4)
    if (at + 8 + size > buffer.length) return null
    chunks.push({ id, data: buffer.subarray(at + 8, at + 8 + size) })
    at += 8 + size + (size % 2)
  }
  return chunks.length > 0 ? chunks : null
}

/** Canvas size and alpha of a simple (VP8 or VP8L) WebP, from its bitstream header. */
function simpleCanvas(chunk: Chunk): { width: number; height: number; alpha: boolean } | null {
  const data = Buffer.from(chunk.data)
  if (chunk.id === 'VP8L' && data.length >= 5 && data[0] === 0x2f) {
    const bits = data.readUInt32LE(1)
    return {
      width: (bits & 0x3fff) + 1,
      height: ((bits >>> 14) & 0x3fff) + 1,
      alpha: ((bits >>> 28) & 1) === 1,
    }
  }
  if (chunk.id === 'VP8 ' && data.length >= 10 && data[3] === 0x9d && data[4] === 0x01 && data[5] === 0x2a)
    return { width: data.readUInt16LE(6) & 0x3fff, height: data.readUInt16LE(8) & 0x3fff, alpha: false }
  return null
}

const chunkBytes = ({ id, data }: Chunk): Buffer => {
  const head = Buffer.alloc(8)
  head.write(id, 0, 'latin1')
  head.writeUInt32LE(data.length, 4)
  return Buffer.concat([head, data, Buffer.alloc(data.length % 2)])
}

/**
 * The WebP with `text` in an `EXIF` chunk (replacing one it had). A simple WebP becomes the
 * extended format, whose `VP8X` header is what announces the chunk. Null when the bytes are not a
 * WebP this can read.
 */
export function webpWithUserComment(webp: Uint8Array, text: string): Uint8Array | null {
  const chunks = readChunks(webp)
  const first = chunks?.[0]
  if (!chunks || !first) return null
  let header: Buffer
  let rest = chunks.slice(1)
  if (first.id === 'VP8X' && first.data.length >= 10) {
    header = Buffer.from(first.data)
  } else {
    const canvas = simpleCanvas(first)
    if (canvas === null) return null
    header = Buffer.alloc(10)
    header.writeUIntLE(canvas.width - 1, 4, 3)
    header.writeUIntLE(canvas.height - 1, 7, 3)
    if (canvas.alpha) header[0] = (header[0] ?? 0) | 0x10
    rest = chunks
  }
  header[0] = (header[0] ?? 0) | 0x08
  // EXIF goes after the image data and before XMP, as the container spec orders them.
  const body = rest.filter((chunk) => chunk.id !== 'EXIF')
  const xmp = body.findIndex((chunk) => chunk.id === 'XMP ')
  const exif: Chunk = { id: 'EXIF', data: userCommentExif(text) }
  const ordered = xmp === -1 ? [...body, exif] : [...body.slice(0, xmp), exif, ...body.slice(xmp)]
  const payload = Buffer.concat([
    Buffer.from('WEBP', 'latin1'),
    ...[{ id: 'VP8X', data: header }, ...ordered].map(chunkBytes),
  ])
  const riff = Buffer.alloc(8)
  riff.write('RIFF', 0, 'latin1')
  riff.writeUInt32LE(payload.length, 4)
  return Buffer.concat([riff, payload])
}
