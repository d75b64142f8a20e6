import { describe, expect, it } from 'vitest'
import { imageSniffLength, isPng, sniffImageType } from '#contract'

/** The one image-type sniffer main, the simulator and the renderer share. */
const png = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13)
const jpeg = Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1)
const webp = new TextEncoder().encode('RIFF\x24\x00\x00\x00WEBPVP8 ')
const text = (value: string) => new TextEncoder().encode(value)

describe('sniffImageType', () => {
  it.each([
    ['png', png],
    ['jpeg', jpeg],
    ['webp', webp],
  ] as const)('tells %s by its magic bytes from the first imageSniffLength bytes', (type, bytes) => {
    expect(sniffImageType(bytes.subarray(0, imageSniffLength))).toBe(type)
  })

  it('refuses what is not one of the three: an HTML error page, a GIF, a RIFF that is not WebP, a cut-off head', () => {
    expect(sniffImageType(text('<!doctype html><html>'))).toBeNull()
    expect(sniffImageType(text('GIF89a\x01\x00\x01\x00\x00\x00'))).toBeNull()
    expect(sniffImageType(text('RIFF\x24\x00\x00\x00WAVEfmt '))).toBeNull()
    expect(sniffImageType(png.subarray(0, 7))).toBeNull()
    expect(sniffImageType(new Uint8Array())).toBeNull()
    expect(isPng(png)).toBe(true)
    expect(isPng(jpeg)).toBe(false)
  })
})
