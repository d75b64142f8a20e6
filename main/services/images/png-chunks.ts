/**
 * The PNG container: an 8-byte signature, then chunks of `length (4, big-endian) · type (4) ·
 * data · CRC-32 over type and data`. Only what reading and writing text chunks needs.
 */
import { isPng, pngSignature } from '#contract'

export { isPng, pngSignature }

// node:zlib's crc32 arrived in Node 22; the app supports Node 20, so the table lives here.
const crcTable = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n += 1) {
    let c = n
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

/** CRC-32 (ISO-HDLC, as PNG and zlib use), continuing from `previous` when given. */
export function crc32(bytes: Uint8Array, previous = 0): number {
  let crc = (previous ^ 0xffffffff) >>> 0
  for (const byte of bytes) crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

export interface PngChunk {
  readonly type: string
  readonly data: Uint8Array
  /** Offset of the chunk's length field in the file. */
  readonly offset: number
  readonly crcOk: boolean
}

const chunkTypeText = (bytes: Uint8Array, at: number) =>
  String.fromCharCode(bytes[at] ?? 0, bytes[at + 1] ?? 0, bytes[at + 2] ?? 0, bytes[at + 3] ?? 0)

/**
 * Walks the chunks up to IEND. A truncated or lying length ends the walk instead of reading past
 * the buffer, so a damaged file yields the chunks before the damage.
 */
export function readPngChunks(bytes: Uint8Array): PngChunk[] {
  if (!isPng(bytes)) return []
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const chunks: PngChunk[] = []
  let offset = pngSignature.length
  while (offset + 12 <= bytes.length) {
    const length = view.getUint32(offset)
    const dataStart = offset + 8
    const dataEnd = dataStart + length
    if (dataEnd + 4 > bytes.length) break
    const type = chunkTypeText(bytes, offset + 4)
    const storedCrc = view.getUint32(dataEnd)
    const crcOk = crc32(bytes.subarray(offset + 4, dataEnd)) === storedCrc
    chunks.push({ type, data: bytes.subarray(dataStart, dataEnd), offset, crcOk })
    offset = dataEnd + 4
    if (type === 'IEND') break
  }
  return chunks
}

/** One complete chunk (length, type, data, CRC) ready to splice into a file. */
export function encodeChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length)
  const view = new DataView(out.buffer)
  view.setUint32(0, data.length)
  for (let i = 0; i < 4; i += 1) out[4 + i] = type.charCodeAt(i)
  out.set(data, 8)
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)))
  return out
}

/**
 * Inserts chunks just before the first IDAT, where Pillow (and so A1111) puts its text chunks, and
 * drops `remove`d ones. Returns null when the bytes are not a PNG with image data.
 */
export function spliceChunks(
  png: Uint8Array,
  insert: readonly Uint8Array[],
  remove: (chunk: PngChunk) => boolean = () => false,
): Uint8Array | null {
  const chunks = readPngChunks(png)
  const firstData = chunks.find((chunk) => chunk.type === 'IDAT')
  if (!firstData || chunks.at(-1)?.type !== 'IEND') return null
  const parts: Uint8Array[] = [pngSignature]
  for (const chunk of chunks) {
    if (chunk === firstData) parts.push(...insert)
    if (remove(chunk)) continue
    parts.push(png.subarray(chunk.offset, chunk.offset + 12 + chunk.data.length))
  }
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}
