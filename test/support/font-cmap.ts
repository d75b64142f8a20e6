import { readFile } from 'node:fs/promises'

/*
 * Reads a TrueType/OpenType font's character map (its `cmap` table) without a font library, so a
 * test can ask which characters the font has a glyph for. Only the two Unicode formats fonts use:
 * 4 (the Basic Multilingual Plane in segments) and 12 (every plane in groups).
 */

interface Subtable {
  readonly platform: number
  readonly encoding: number
  readonly offset: number
}

function cmapOffset(font: Buffer): number {
  const tables = font.readUInt16BE(4)
  for (let index = 0; index < tables; index += 1) {
    const record = 12 + index * 16
    if (font.toString('latin1', record, record + 4) === 'cmap') return font.readUInt32BE(record + 8)
  }
  throw new Error('The font has no cmap table.')
}

function format4(font: Buffer, at: number, code: number): number {
  if (code > 0xffff) return 0
  const segments = font.readUInt16BE(at + 6) / 2
  const ends = at + 14
  const starts = ends + segments * 2 + 2
  const deltas = starts + segments * 2
  const rangeOffsets = deltas + segments * 2
  for (let segment = 0; segment < segments; segment += 1) {
    const end = font.readUInt16BE(ends + segment * 2)
    if (code > end) continue
    const start = font.readUInt16BE(starts + segment * 2)
    if (code < start) return 0
    const delta = font.readUInt16BE(deltas + segment * 2)
    const rangeAt = rangeOffsets + segment * 2
    const rangeOffset = font.readUInt16BE(rangeAt)
    if (rangeOffset === 0) return (code + delta) & 0xffff
    const glyph = font.readUInt16BE(rangeAt + rangeOffset + (code - start) * 2)
    return glyph === 0 ? 0 : (glyph + delta) & 0xffff
  }
  return 0
}

function format12(font: Buffer, at: number, code: number): number {
  const groups = font.readUInt32BE(at + 12)
  for (let group = 0; group < groups; group += 1) {
    const entry = at + 16 + group * 12
    const start = font.readUInt32BE(entry)
    if (code >= start && code <= font.readUInt32BE(entry + 4))
      return font.readUInt32BE(entry + 8) + code - start
  }
  return 0
}

/** The glyph id a character maps to in the font's Unicode cmap; 0 (`.notdef`) when it has none. */
export async function readGlyphLookup(path: string): Promise<(character: string) => number> {
  const font = await readFile(path)
  const cmap = cmapOffset(font)
  const subtables: Subtable[] = Array.from({ length: font.readUInt16BE(cmap + 2) }, (_, index) => ({
    platform: font.readUInt16BE(cmap + 4 + index * 8),
    encoding: font.readUInt16BE(cmap + 6 + index * 8),
    offset: cmap + font.readUInt32BE(cmap + 8 + index * 8),
  }))
  const unicode = subtables.filter(
    (each) => each.platform === 0 || (each.platform === 3 && each.encoding !== 0),
  )
  const full = unicode.find((each) => font.readUInt16BE(each.offset) === 12)
  const basic = unicode.find((each) => font.readUInt16BE(each.offset) === 4)
  if (!full && !basic) throw new Error('The font has no Unicode cmap of format 4 or 12.')
  return (character) => {
    const code = character.codePointAt(0) ?? 0
    if (full) return format12(font, full.offset, code)
    return basic ? format4(font, basic.offset, code) : 0
  }
}
