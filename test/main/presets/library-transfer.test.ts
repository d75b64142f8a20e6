import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDirs } from '../../support/temp-dir'
import { allFilter, buildService, checkpointDraft, draft } from './presets-harness'

const library = (presets: unknown[], styles: unknown[] = []) =>
  JSON.stringify({ format: 'img-open-workbench/presets', version: 1, presets, styles })

describe('importing and exporting the library', () => {
  const tempDir = useTempDirs()

  it('exports presets and styles that import unchanged into another library', async () => {
    const source = buildService(await tempDir())
    const photon = await source.create({ ...checkpointDraft('Photon'), tags: ['photo'], favourite: true })
    await source.create(
      draft({ kind: 'lora', displayName: 'Detail', fileName: 'add_detail', lora: { defaultWeight: 0.4 } }),
    )
    await source.importStyles('name,prompt,negative_prompt\nNoir,"film noir, {prompt}",color\n')
    const exported = await source.exportLibrary()
    expect(exported.fileName).toMatch(/^img-open-presets-\d{4}-\d\d-\d\d\.json$/)

    const target = buildService(await tempDir())
    expect(await target.importLibrary(exported.text, 'skip')).toEqual({
      added: 2,
      replaced: 0,
      skipped: 0,
      stylesAdded: 1,
      stylesReplaced: 0,
    })
    expect(await target.get(photon.id)).toEqual(photon)
    expect((await target.listStyles()).map((style) => style.name)).toEqual(['Noir'])
    expect(await target.importLibrary(exported.text, 'skip')).toMatchObject({ added: 0, skipped: 2 })
    expect(await target.importLibrary(exported.text, 'replace')).toMatchObject({
      replaced: 2,
      stylesReplaced: 1,
    })
  })

  it('accepts hand-written entries without ids or timestamps', async () => {
    const service = buildService(await tempDir())
    const text = library([{ kind: 'embedding', displayName: 'EasyNegative', fileName: 'EasyNegative' }])
    expect(await service.importLibrary(text, 'skip')).toMatchObject({ added: 1 })
    const [easy] = (await service.list(allFilter)).items
    expect(easy).toMatchObject({ origin: 'user', family: 'other', embedding: { intendedFor: 'prompt' } })
  })

  it.each([
    ['not JSON', '{"format":', { reason: 'not_json' }],
    ['another kind of file', JSON.stringify({ hello: 1 }), { reason: 'not_a_library' }],
    [
      'another version',
      JSON.stringify({ format: 'img-open-workbench/presets', version: 2, presets: [] }),
      { reason: 'unsupported_version' },
    ],
    [
      'a bad field',
      library([
        { kind: 'vae', displayName: 'ok', fileName: 'ok.vae' },
        { kind: 'checkpoint', displayName: 'bad', fileName: 'b', settings: { width: 513 } },
      ]),
      {
        reason: 'invalid_entry',
        section: 'presets',
        index: 1,
        field: 'settings.width',
        issue: 'not_multiple_of',
      },
    ],
    [
      'an unknown kind',
      library([{ kind: 'hypernetwork', displayName: 'h', fileName: 'h' }]),
      { index: 0, field: 'kind' },
    ],
    [
      'an unknown field',
      library([{ kind: 'vae', displayName: 'v', fileName: 'v', secret: 'x' }]),
      { index: 0, field: 'secret', issue: 'unrecognized_keys' },
    ],
    [
      'a bad style',
      library([], [{ name: '', prompt: '', negativePrompt: '' }]),
      { section: 'styles', index: 0, field: 'name' },
    ],
    [
      'a repeated id',
      library([
        { id: 'same', kind: 'vae', displayName: 'a', fileName: 'a' },
        { id: 'same', kind: 'vae', displayName: 'b', fileName: 'b' },
      ]),
      { index: 1, field: 'id', issue: 'duplicate' },
    ],
  ])('rejects %s with the reason and changes nothing', async (_name, text, details) => {
    const dir = await tempDir()
    const service = buildService(dir)
    await service.create(checkpointDraft('Existing'))
    const before = await readFile(join(dir, 'presets.json'), 'utf8')
    await expect(service.importLibrary(text, 'replace')).rejects.toMatchObject({
      code: 'invalid_request',
      details,
    })
    expect(await readFile(join(dir, 'presets.json'), 'utf8')).toBe(before)
    expect((await service.list(allFilter)).items.map((p) => p.displayName)).toEqual(['Existing'])
  })
})
