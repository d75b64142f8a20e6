import { deflateSync } from 'node:zlib'
import { hashText, seededRandom } from './sim-random'

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

const crc32 = (bytes: Uint8Array): number => {
  let crc = 0xffffffff
  for (const byte of bytes) crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

const chunk = (type: string, data: Uint8Array): Buffer => {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const out = Buffer.alloc(8 + data.length + 4)
  out.writeUInt32BE(data.length, 0)
  body.copy(out, 4)
  out.writeUInt32BE(crc32(body), 8 + data.length)
  return out
}

/** Encodes 8-bit RGB pixels (row-major, 3 bytes each) as a PNG file. */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8) // bit depth 8, colour type RGB, default compression/filter/interlace
  const rows = Buffer.alloc((width * 3 + 1) * height)
  for (let y = 0; y < height; y += 1) {
    rows[y * (width * 3 + 1)] = 0 // filter: none
    rows.set(rgb.subarray(y * width * 3, (y + 1) * width * 3), y * (width * 3 + 1) + 1)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', new Uint8Array(0)),
  ])
}

export interface PaintRequest {
  /** Everything the picture should follow from (prompt, seed, image index). */
  readonly key: string
  readonly width: number
  readonly height: number
  /** 0–1: how far the picture has emerged from noise (1 = final image). */
  readonly progress: number
}

/**
 * A small deterministic picture: a gradient and a few discs chosen from `key`, blended with noise
 * while in progress. The same request always gives the same bytes.
 */
export function paintImage(request: PaintRequest): Buffer {
  const { width, height } = request
  const random = seededRandom(hashText(request.key))
  const colour = () => [random() * 255, random() * 255, random() * 255] as const
  const [from, to] = [colour(), colour()]
  const discs = Array.from({ length: 4 }, () => ({
    x: random() * width,
    y: random() * height,
    r: (0.1 + random() * 0.25) * Math.min(width, height),
    c: colour(),
  }))
  const noise = seededRandom(hashText(`${request.key}#noise`))
  const rgb = new Uint8Array(width * height * 3)
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const t = (x + y) / (width + height)
      let pixel = [0, 1, 2].map((i) => (from[i] ?? 0) * (1 - t) + (to[i] ?? 0) * t)
      for (const disc of discs) if ((x - disc.x) ** 2 + (y - disc.y) ** 2 < disc.r ** 2) pixel = [...disc.c]
      const n = noise() * 255
      for (let i = 0; i < 3; i += 1)
        rgb[(y * width + x) * 3 + i] = Math.round(
          (pixel[i] ?? 0) * request.progress + n * (1 - request.progress),
        )
    }
  }
  return encodePng(width, height, rgb)
}
