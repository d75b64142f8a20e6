import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { sniffImageType as sniffImageKind } from '#contract'
import { dataUrlHead, imageSizeOf } from '../../../renderer/src/features/sources/image-bytes'
import { readImageFile } from '../../../renderer/src/features/sources/read-image-file'

const canvas = (width: number, height: number, channels: 3 | 4 = 3) =>
  sharp({ create: { width, height, channels, background: { r: 10, g: 120, b: 200, alpha: 0.5 } } })

const encodings = [
  ['PNG', 'png', [301, 17], () => canvas(301, 17).png().toBuffer()],
  ['JPEG with EXIF', 'jpeg', [640, 479], () => canvas(640, 479).withMetadata().jpeg().toBuffer()],
  ['lossy WebP (VP8)', 'webp', [333, 222], () => canvas(333, 222).webp().toBuffer()],
  ['lossless WebP (VP8L)', 'webp', [1025, 3], () => canvas(1025, 3).webp({ lossless: true }).toBuffer()],
  ['WebP with alpha (VP8X)', 'webp', [70, 4000], () => canvas(70, 4000, 4).webp().toBuffer()],
] as const

describe('reading image headers', () => {
  it.each(encodings)(
    'tells the kind and pixel size of a %s',
    async (_name, kind, [width, height], encode) => {
      const bytes = new Uint8Array(await encode())
      expect(sniffImageKind(bytes)).toBe(kind)
      expect(imageSizeOf(bytes)).toEqual({ width, height })
      const dataUrl = `data:image/${kind};base64,${Buffer.from(bytes).toString('base64')}`
      expect(imageSizeOf(dataUrlHead(dataUrl))).toEqual({ width, height })
    },
  )

  it('knows no size for bytes that are not an accepted image', async () => {
    const gif = new Uint8Array(await canvas(4, 4).gif().toBuffer())
    expect(sniffImageKind(gif)).toBeNull()
    expect(imageSizeOf(gif)).toBeNull()
    expect(imageSizeOf(new Uint8Array([0xff, 0xd8, 0xff]))).toBeNull()
    expect(imageSizeOf(dataUrlHead('data:image/png;base64,not base64!'))).toBeNull()
  })

  it('reads a file as base64 with its sniffed type, reporting progress up to the end', async () => {
    const png = await canvas(8, 8).png().toBuffer()
    const fractions: number[] = []
    const read = await readImageFile(new File([new Uint8Array(png)], 'no-type'), (fraction) =>
      fractions.push(fraction),
    )
    expect(read).toEqual({
      ok: true,
      kind: 'png',
      base64: png.toString('base64'),
      dataUrl: `data:image/png;base64,${png.toString('base64')}`,
    })
    expect(fractions.at(-1)).toBe(1)
  })
})
