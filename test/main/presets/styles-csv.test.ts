import { describe, expect, it } from 'vitest'
import { applyStyle, mergeStyleText } from '#contract'
import { parseStylesCsv } from '../../../main/services/presets/styles-csv'
import { useTempDirs } from '../../support/temp-dir'
import { buildService } from './presets-harness'

describe("reading A1111's styles.csv", () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, after a UTF-8 BOM', () => {
    const csv = [
      '\uFEFFname,prompt,negative_prompt',
      'Cinematic,"cinematic still {prompt}, shallow depth of field, film grain","cartoon, painting"',
      'Quoted,"a ""quoted"" word",',
      'Multi,"line one',
      'line two",neg',
      '# disabled example,"not loaded",""',
      '',
      'Spaced, "after a space", "neg"',
    ].join('\r\n')
    const parsed = parseStylesCsv(csv)
    expect(parsed.styles).toEqual([
      {
        name: 'Cinematic',
        prompt: 'cinematic still {prompt}, shallow depth of field, film grain',
        negativePrompt: 'cartoon, painting',
      },
      { name: 'Quoted', prompt: 'a "quoted" word', negativePrompt: '' },
      { name: 'Multi', prompt: 'line one\r\nline two', negativePrompt: 'neg' },
      { name: 'Spaced', prompt: 'after a space', negativePrompt: 'neg' },
    ])
    expect(parsed.skipped).toBe(1)
  })

  it('accepts the legacy name,text form and a missing negative_prompt column', () => {
    expect(parseStylesCsv('name,text\nOld,"old style"\n').styles).toEqual([
      { name: 'Old', prompt: 'old style', negativePrompt: '' },
    ])
  })

  it('lets a later row with the same name win, as A1111 does', () => {
    expect(parseStylesCsv('name,prompt\nA,first\nA,second\n').styles).toEqual([
      { name: 'A', prompt: 'second', negativePrompt: '' },
    ])
  })

  it('rejects a file without the name and prompt columns, or broken quoting', () => {
    expect(() => parseStylesCsv('title,body\nx,y\n')).toThrow(
      expect.objectContaining({ code: 'invalid_request', details: { reason: 'csv_missing_columns' } }),
    )
    expect(() => parseStylesCsv('name,prompt\nA,"never closed\n')).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ reason: 'csv_unreadable' }) }),
    )
  })
})

describe('applying a style', () => {
  it('puts the prompt in place of {prompt}', () => {
    expect(mergeStyleText('cinematic still {prompt}, film grain', ' a cat ')).toBe(
      'cinematic still a cat, film grain',
    )
    expect(mergeStyleText('{prompt} and {prompt}', 'x')).toBe('x and x')
  })

  it('appends a style without {prompt} after ", ", and skips empty parts', () => {
    expect(mergeStyleText('masterpiece, best quality', 'a cat')).toBe('a cat, masterpiece, best quality')
    expect(mergeStyleText('masterpiece', '')).toBe('masterpiece')
    expect(mergeStyleText('  ', 'a cat ')).toBe('a cat')
  })

  it('treats the prompt and the negative prompt alike', () => {
    const style = { prompt: 'film noir, {prompt}', negativePrompt: 'color' }
    expect(applyStyle('a detective', 'blurry', style)).toEqual({
      prompt: 'film noir, a detective',
      negative: 'blurry, color',
    })
  })
})

describe('importing styles into the library', () => {
  const tempDir = useTempDirs()

  it('adds new names, replaces same names and counts skipped rows', async () => {
    const service = buildService(await tempDir())
    expect(await service.importStyles('name,prompt,negative_prompt\nA,one,\n#off,x,\n')).toEqual({
      added: 1,
      replaced: 0,
      skipped: 1,
    })
    const [first] = await service.listStyles()
    expect(await service.importStyles('name,prompt,negative_prompt\nA,two,\nB,three,\n')).toEqual({
      added: 1,
      replaced: 1,
      skipped: 0,
    })
    const styles = await service.listStyles()
    expect(styles.map((style) => [style.name, style.prompt])).toEqual([
      ['A', 'two'],
      ['B', 'three'],
    ])
    expect(styles[0]?.id).toBe(first?.id)
  })
})
