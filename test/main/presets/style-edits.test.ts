import { describe, expect, it } from 'vitest'
import { AppError, presetLimits, styleDraftSchema, text2ImageLimits } from '#contract'
import { parseStylesCsv } from '../../../main/services/presets/styles-csv'
import { useServices } from '../../support/services'
import { useTempDirs } from '../../support/temp-dir'
import { buildService } from './presets-harness'

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error instanceof AppError ? { code: error.code, details: error.details } : error),
  )

const styleDraft = (name: string, prompt = '', negativePrompt = '') =>
  styleDraftSchema.parse({ name, prompt, negativePrompt })

describe('creating and editing prompt styles', () => {
  const tempDir = useTempDirs()

  it('creates a style, edits and renames it, keeping its id and creation time across a restart', async () => {
    const dir = await tempDir()
    const service = buildService(dir)
    const created = await service.createStyle(styleDraft('  Noir ', 'film noir, {prompt}', 'color'))
    expect(created).toMatchObject({ name: 'Noir', prompt: 'film noir, {prompt}', negativePrompt: 'color' })

    const renamed = await service.updateStyle(created.id, styleDraft('Film noir', 'noir, {prompt}', ''))
    expect(renamed).toMatchObject({ id: created.id, name: 'Film noir', prompt: 'noir, {prompt}' })
    expect(renamed.createdAt).toBe(created.createdAt)
    expect(renamed.updatedAt).toBeGreaterThan(created.updatedAt)
    // Saving under its own name is not a clash.
    await service.updateStyle(created.id, styleDraft('Film noir', 'noir, {prompt}, grain', ''))
    await service.close()

    const reopened = buildService(dir)
    expect(await reopened.listStyles()).toEqual([
      expect.objectContaining({ id: created.id, name: 'Film noir', prompt: 'noir, {prompt}, grain' }),
    ])
  })

  it('refuses a name another style has, on create and on rename, and changes nothing', async () => {
    const service = buildService(await tempDir())
    await service.createStyle(styleDraft('Noir', 'noir'))
    const other = await service.createStyle(styleDraft('Pastel', 'pastel'))
    const taken = { code: 'conflict', details: { reason: 'style_name_taken', field: 'name' } }
    expect(await failureOf(service.createStyle(styleDraft('Noir', 'again')))).toEqual(taken)
    expect(await failureOf(service.updateStyle(other.id, styleDraft('Noir', 'x')))).toEqual(taken)
    expect((await service.listStyles()).map((style) => [style.name, style.prompt])).toEqual([
      ['Noir', 'noir'],
      ['Pastel', 'pastel'],
    ])
  })

  it('answers not_found for a style that is not there', async () => {
    const service = buildService(await tempDir())
    expect(await failureOf(service.updateStyle('gone', styleDraft('X')))).toMatchObject({ code: 'not_found' })
  })

  it('stops at the library’s style limit', async () => {
    const service = buildService(await tempDir())
    const rows = Array.from({ length: presetLimits.stylesMax }, (_, index) => `s${index},p`)
    await service.importStyles(['name,prompt', ...rows].join('\n'))
    expect(await failureOf(service.createStyle(styleDraft('one more')))).toMatchObject({
      code: 'invalid_request',
      details: { reason: 'too_many' },
    })
  })
})

describe('exporting styles as A1111 styles.csv', () => {
  const tempDir = useTempDirs()

  it('writes a BOM, the A1111 header and CRLF rows, quoting only what needs it', async () => {
    const service = buildService(await tempDir())
    await service.createStyle(styleDraft('Noir', 'film noir, {prompt}', 'say "no"'))
    await service.createStyle(styleDraft('Plain', 'masterpiece', ''))
    await service.createStyle(styleDraft('Lines', 'one\ntwo', ' leading space'))
    expect(await service.exportStyles()).toEqual({
      fileName: 'styles.csv',
      text:
        '\uFEFFname,prompt,negative_prompt\r\n' +
        'Noir,"film noir, {prompt}","say ""no"""\r\n' +
        'Plain,masterpiece,\r\n' +
        'Lines,"one\ntwo"," leading space"\r\n',
    })
  })

  it('round-trips: import, edit, export and import again give the same styles', async () => {
    const source = buildService(await tempDir())
    const original = [
      '\uFEFFname,prompt,negative_prompt',
      'Cinematic,"cinematic still {prompt}, film grain","cartoon, painting"',
      'Quoted,"a ""quoted"" word",',
      'Multi,"line one\r\nline two",neg',
      '# a comment row,x,y',
      'Plain,masterpiece,',
    ].join('\r\n')
    await source.importStyles(original)
    const styles = await source.listStyles()
    const plain = styles.find((style) => style.name === 'Plain')
    if (!plain) throw new Error('Plain was not imported')
    await source.updateStyle(plain.id, styleDraft('Plain, renamed', '  spaced {prompt}', 'cr\ronly'))
    await source.createStyle(styleDraft('新风格', '水墨画, {prompt}', '照片'))

    const exported = await source.exportStyles()
    const target = buildService(await tempDir())
    expect(await target.importStyles(exported.text)).toEqual({ added: 5, replaced: 0, skipped: 0 })
    const strip = (list: typeof styles) =>
      list.map(({ name, prompt, negativePrompt }) => ({ name, prompt, negativePrompt }))
    expect(strip(await target.listStyles())).toEqual(strip(await source.listStyles()))
    expect(parseStylesCsv(exported.text).styles.map((style) => style.name)).toEqual([
      'Cinematic',
      'Quoted',
      'Multi',
      'Plain, renamed',
      '新风格',
    ])
  })
})

describe('style procedures through the dispatcher', () => {
  const tempDir = useTempDirs()
  const services = useServices()
  const ctx = { transport: 'in-process' } as const

  it.each([
    ['presets.createStyle', { style: { name: '', prompt: 'x', negativePrompt: '' } }],
    ['presets.createStyle', { style: { name: '   ', prompt: 'x', negativePrompt: '' } }],
    ['presets.createStyle', { style: { name: '#comment', prompt: 'x', negativePrompt: '' } }],
    [
      'presets.createStyle',
      { style: { name: 'x'.repeat(presetLimits.styleNameMaxLength + 1), prompt: '', negativePrompt: '' } },
    ],
    [
      'presets.createStyle',
      {
        style: { name: 'Long', prompt: 'x'.repeat(text2ImageLimits.promptMaxLength + 1), negativePrompt: '' },
      },
    ],
    ['presets.createStyle', { style: { name: 'Extra', prompt: '', negativePrompt: '', id: 'mine' } }],
    ['presets.createStyle', { name: 'Flat', prompt: '', negativePrompt: '' }],
    ['presets.updateStyle', { style: { name: 'No id', prompt: '', negativePrompt: '' } }],
    ['presets.updateStyle', { id: '', style: { name: 'Empty id', prompt: '', negativePrompt: '' } }],
    ['presets.updateStyle', { id: 'a', style: { name: 'N', prompt: '', negativePrompt: 'x'.repeat(8001) } }],
    ['presets.exportStyles', { format: 'json' }],
  ])('answers %s with a bad payload by invalid_request', async (name, payload) => {
    const { dispatch } = await services({ dataDir: await tempDir() })
    expect(await dispatch(name, payload, ctx)).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', details: { procedure: name } },
    })
  })

  it('creates, renames and exports styles, and a clash comes back as conflict', async () => {
    const { dispatch } = await services({ dataDir: await tempDir() })
    const created = await dispatch(
      'presets.createStyle',
      { style: { name: 'Noir', prompt: 'film noir, {prompt}', negativePrompt: '' } },
      ctx,
    )
    if (!created.ok) throw new Error('create failed')
    const id = (created.value as { id: string }).id
    const clash = await dispatch(
      'presets.createStyle',
      { style: { name: 'Noir', prompt: '', negativePrompt: '' } },
      ctx,
    )
    expect(clash).toMatchObject({ ok: false, error: { code: 'conflict', details: { field: 'name' } } })
    const renamed = await dispatch(
      'presets.updateStyle',
      { id, style: { name: 'Dark noir', prompt: 'noir {prompt}', negativePrompt: 'color' } },
      ctx,
    )
    expect(renamed).toMatchObject({ ok: true, value: { id, name: 'Dark noir' } })
    const exported = await dispatch('presets.exportStyles', {}, ctx)
    expect(exported).toMatchObject({
      ok: true,
      value: {
        fileName: 'styles.csv',
        text: expect.stringContaining('\r\nDark noir,noir {prompt},color\r\n'),
      },
    })
  })
})
