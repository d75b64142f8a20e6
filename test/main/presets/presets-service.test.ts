import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppError } from '#contract'
import { useTempDirs } from '../../support/temp-dir'
import { allFilter, buildService, checkpointDraft, draft, starterFile } from './presets-harness'

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof AppError ? error.code : 'not an AppError'),
  )

describe('the presets service', () => {
  const tempDir = useTempDirs()

  it('seeds the starter presets on first run and keeps the user’s edits on the next start', async () => {
    const dir = await tempDir()
    const first = buildService(dir, { starterFile })
    expect(await first.status()).toMatchObject({ state: 'seeded' })
    const page = await first.list({ ...allFilter, kind: 'checkpoint' })
    const revAnimated = page.items.find((p) => p.fileName === 'revAnimated_v122_7371.safetensors')
    expect(revAnimated).toMatchObject({ origin: 'starter', family: 'sd15', settings: { clipSkip: 2 } })
    expect(page.counts.embedding).toBeGreaterThan(0)
    expect((await first.listStyles()).map((s) => s.name)).toContain('Cinematic')
    if (!revAnimated) throw new Error('starter checkpoint missing')
    await first.remove(revAnimated.id)
    await first.close()

    const second = buildService(dir, { starterFile })
    expect(await second.status()).toMatchObject({ state: 'ok' })
    const after = await second.list({ ...allFilter, text: 'revAnimated' })
    expect(after.total).toBe(0)
  })

  it('creates, reads, updates, duplicates and deletes presets, and a delete can be undone', async () => {
    const service = buildService(await tempDir())
    const created = await service.create(checkpointDraft('Photon'))
    expect(created).toMatchObject({ origin: 'user', missingOnServer: false, displayName: 'Photon' })
    expect(await service.get(created.id)).toEqual(created)

    const updated = await service.update(created.id, {
      ...checkpointDraft('Photon v2', 'Photon.safetensors'),
      notes: 'sharp',
    })
    expect(updated).toMatchObject({ id: created.id, displayName: 'Photon v2', notes: 'sharp' })
    expect(updated.createdAt).toBe(created.createdAt)
    expect(updated.updatedAt).toBeGreaterThan(created.updatedAt)

    const copy = await service.duplicate(created.id, 'Photon v2 copy')
    expect(copy).toMatchObject({
      displayName: 'Photon v2 copy',
      fileName: 'Photon.safetensors',
      notes: 'sharp',
    })
    expect(copy.id).not.toBe(created.id)

    await service.remove(created.id)
    expect(await codeOf(service.get(created.id))).toBe('not_found')
    const restored = await service.restore(created.id)
    expect(restored.preset).toEqual(updated)
    expect(await service.get(created.id)).toEqual(updated)
    expect(await codeOf(service.restore(created.id))).toBe('not_found')
    expect(await codeOf(service.update('nope', checkpointDraft('x')))).toBe('not_found')
  })

  it('filters by kind, words, tag, family and favourite, favourites first, in pages', async () => {
    const service = buildService(await tempDir())
    await service.create(
      draft({ kind: 'lora', displayName: 'Detail', fileName: 'add_detail', tags: ['Detail'] }),
    )
    await service.create(
      draft({
        kind: 'lora',
        displayName: 'Neon',
        fileName: 'neon_v1',
        family: 'sdxl',
        lora: { defaultWeight: 0.8, triggerWords: ['neon glow'] },
      }),
    )
    const base = await service.create(checkpointDraft('Zeta base'))
    await service.create(
      draft({ kind: 'checkpoint', displayName: 'Alpha XL', fileName: 'a.safetensors', family: 'sdxl' }),
    )
    await service.setFavourite(base.id, true)

    const names = async (filter: object) =>
      (await service.list({ ...allFilter, ...filter })).items.map((preset) => preset.displayName)
    expect(await names({ kind: 'checkpoint' })).toEqual(['Zeta base', 'Alpha XL'])
    expect(await names({ text: 'NEON glow' })).toEqual(['Neon'])
    expect(await names({ text: 'detail add' })).toEqual(['Detail'])
    expect(await names({ tag: 'detail' })).toEqual(['Detail'])
    expect(await names({ family: 'sdxl' })).toEqual(['Alpha XL', 'Neon'])
    expect(await names({ favouriteOnly: true })).toEqual(['Zeta base'])
    const page = await service.list({ offset: 1, limit: 2 })
    expect(page).toMatchObject({
      total: 4,
      offset: 1,
      counts: { checkpoint: 2, lora: 2, vae: 0, embedding: 0 },
    })
    expect(page.items).toHaveLength(2)
    expect((await service.list({ ...allFilter, kind: 'lora' })).tags).toEqual(['Detail'])
  })

  it('saves every change durably, so a new service on the same folder sees it', async () => {
    const dir = await tempDir()
    const service = buildService(dir)
    await Promise.all(Array.from({ length: 12 }, (_, i) => service.create(checkpointDraft(`Model ${i}`))))
    await service.close()
    const files = await readdir(dir)
    expect(files).toEqual(['presets.json'])
    const stored = JSON.parse(await readFile(join(dir, 'presets.json'), 'utf8'))
    expect(stored).toMatchObject({ format: 'img-open-workbench/presets-store', version: 1 })
    expect((await buildService(dir).list(allFilter)).total).toBe(12)
  })

  it('leaves the file and the library as they were when a save fails', async () => {
    const dir = await tempDir()
    const service = buildService(dir)
    await service.create(checkpointDraft('Kept'))
    const before = await readFile(join(dir, 'presets.json'), 'utf8')
    // A non-empty directory where the file should be: the atomic rename fails.
    await rm(join(dir, 'presets.json'))
    await mkdir(join(dir, 'presets.json', 'blocker'), { recursive: true })
    expect(await codeOf(service.create(checkpointDraft('Lost')))).toBe('io')
    expect((await service.list(allFilter)).items.map((p) => p.displayName)).toEqual(['Kept'])
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([])
    await rm(join(dir, 'presets.json'), { recursive: true })
    await writeFile(join(dir, 'presets.json'), before)
  })

  it('keeps a file that is not JSON aside, reports it and does not reseed', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'presets.json'), '{"format": "img-open-workbench/presets-st')
    const service = buildService(dir, { starterFile })
    const status = await service.status()
    expect(status).toMatchObject({ state: 'recovered', reason: 'unreadable', recoveredEntries: 0 })
    expect(status.keptAsideAs).toMatch(/^presets\.corrupt-2026-01-02T03-04-\d\d-000Z\.json$/)
    expect(await readFile(join(dir, status.keptAsideAs ?? ''), 'utf8')).toBe(
      '{"format": "img-open-workbench/presets-st',
    )
    expect((await service.list(allFilter)).total).toBe(0)
    expect(await buildService(dir, { starterFile }).status()).toMatchObject({ state: 'ok' })
  })

  it('recovers the valid entries of a file with damaged ones and keeps the original aside', async () => {
    const dir = await tempDir()
    const service = buildService(dir)
    const good = await service.create(checkpointDraft('Good'))
    await service.close()
    const stored = JSON.parse(await readFile(join(dir, 'presets.json'), 'utf8'))
    stored.presets.push({ ...good, id: 'broken', settings: { steps: 'many' } })
    await writeFile(join(dir, 'presets.json'), JSON.stringify(stored))

    const reopened = buildService(dir)
    expect(await reopened.status()).toMatchObject({
      state: 'recovered',
      reason: 'invalid_entries',
      recoveredEntries: 1,
      droppedEntries: 1,
    })
    expect((await reopened.list(allFilter)).items.map((p) => p.id)).toEqual([good.id])
    expect(reopened.logLines.some((line) => line.includes('presets.recovered'))).toBe(true)
    const aside = (await readdir(dir)).filter((name) => name.startsWith('presets.corrupt-'))
    expect(aside).toHaveLength(1)
  })

  it('does not overwrite a library written by a newer version', async () => {
    const dir = await tempDir()
    const newer = JSON.stringify({ format: 'img-open-workbench/presets-store', version: 99, presets: [] })
    await writeFile(join(dir, 'presets.json'), newer)
    const service = buildService(dir)
    const status = await service.status()
    expect(status).toMatchObject({ state: 'recovered', reason: 'newer_version' })
    expect(await readFile(join(dir, status.keptAsideAs ?? ''), 'utf8')).toBe(newer)
  })

  it('lets a deleted style be restored', async () => {
    const service = buildService(await tempDir())
    await service.importStyles('name,prompt,negative_prompt\nNoir,"film noir, {prompt}",color\n')
    const [noir] = await service.listStyles()
    if (!noir) throw new Error('style not imported')
    await service.deleteStyle(noir.id)
    expect(await service.listStyles()).toEqual([])
    expect((await service.restore(noir.id)).style).toEqual(noir)
    expect(await service.listStyles('NOIR')).toEqual([noir])
  })
})
