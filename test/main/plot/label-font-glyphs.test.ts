import { openSync } from 'fontkit'
import { describe, expect, it } from 'vitest'
import { plotAxisNamesZh, plotLanguages, plotValueLabel, plotWord, plotAxisTypes } from '#contract'
import { findLabelFontFile } from '../../../main/services/plot/label-font'
import { noImageText } from '../../../main/services/plot/plot-labels'

/*
 * The grid draws its labels with the shipped subset font only (no installed font is asked), so a
 * character the subset lacks would be drawn as an empty box. Every word main draws in Chinese must
 * therefore be in the subset's character map.
 */

const fontFile = findLabelFontFile()

function missingGlyphs(texts: readonly string[]): string[] {
  if (!fontFile) throw new Error('resources/fonts/plot-label-font.ttf is missing')
  const font = openSync(fontFile)
  if (!('hasGlyphForCodePoint' in font)) throw new Error('the label font is a collection, not one font')
  const characters = new Set(texts.flatMap((text) => [...text]))
  return [...characters].filter(
    (character) => character !== ' ' && !font.hasGlyphForCodePoint(character.codePointAt(0) ?? 0),
  )
}

describe('the plot label font', () => {
  it('has a glyph for every character of the Chinese axis names and grid words', () => {
    const zhTexts = [
      ...Object.values(plotAxisNamesZh),
      ...plotAxisTypes.map((type) => plotValueLabel(type, 20, 'zh')),
      plotWord.zh,
      noImageText.zh,
    ]
    expect(zhTexts.join('')).toMatch(/[\u4e00-\u9fff]/)
    expect(missingGlyphs(zhTexts)).toEqual([])
  })

  it('has the English words too, in every language the grid is drawn in', () => {
    expect(plotLanguages).toEqual(['en', 'zh'])
    expect(missingGlyphs([plotWord.en, noImageText.en, 'Steps: 20 CFG Scale Hires upscale'])).toEqual([])
  })

  it('reports characters outside the subset, so a name with one would fail the check above', () => {
    // 𠀀 (CJK Extension B) and 龘 are outside GB 2312, which is what the subset keeps.
    expect(missingGlyphs(['步数𠀀', '龘'])).toEqual(['𠀀', '龘'])
  })
})
