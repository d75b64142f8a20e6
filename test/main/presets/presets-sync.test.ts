import { describe, expect, it } from 'vitest'
import { AppError, type PresetKind } from '#contract'
import type { ApiClient, ApiConnection, ServerAsset } from '../../../main/services/api/api-types'
import { familyFromBaseModel } from '../../../main/services/presets/presets-sync'
import { useTempDirs } from '../../support/temp-dir'
import { allFilter, buildService, checkpointDraft, draft } from './presets-harness'

const connection: ApiConnection = { baseUrl: 'https://sim.invalid', auth: null }

type Lists = Partial<Record<PresetKind, readonly ServerAsset[] | AppError>>

const asset = (kind: PresetKind, fileName: string, baseModel: string | null = 'SD 1.5'): ServerAsset => ({
  kind,
  fileName,
  displayName: fileName.replace(/\..*$/, ''),
  baseModel,
  imageUrl: null,
})

/** Serves the given lists in pages, as the Img Open list endpoints do; records what was asked. */
function fakeApi(lists: Lists) {
  const calls: string[] = []
  const unused = async (): Promise<never> => {
    throw new Error('not used by presets')
  }
  const api: ApiClient = {
    submit: unused,
    checkImageUrl: unused,
    queryTask: unused,
    queryArchivedTask: unused,
    fetchImage: unused,
    async listAssets(_connection, kind, page) {
      calls.push(`${kind}:${page.pageNum}`)
      const list = lists[kind] ?? []
      if (list instanceof AppError) throw list
      const start = (page.pageNum - 1) * page.pageSize
      return { rows: list.slice(start, start + page.pageSize), total: list.length, ...page }
    },
  }
  return { api, calls }
}

describe('syncing presets with the server lists', () => {
  const tempDir = useTempDirs()

  const serviceWith = async (lists: Lists) => {
    const fake = fakeApi(lists)
    const profiles: (string | undefined)[] = []
    const service = buildService(await tempDir(), {
      apiClient: fake.api,
      resolveConnection: async (profileId) => {
        profiles.push(profileId)
        return connection
      },
    })
    return { service, calls: fake.calls, profiles }
  }

  it('adds the files no preset names, flagged as from the server, reading every page', async () => {
    const many = Array.from({ length: 230 }, (_, i) => asset('lora', `lora_${i}`))
    const { service, calls, profiles } = await serviceWith({
      checkpoint: [
        asset('checkpoint', 'photon_v1_84728.safetensors'),
        asset('checkpoint', 'xl.safetensors', 'SDXL 1.0'),
      ],
      lora: many,
    })
    await service.create(checkpointDraft('My Photon', 'photon_v1_84728.safetensors'))
    const report = await service.sync('work')
    expect(profiles).toEqual(['work'])
    expect(calls).toEqual(['checkpoint:1', 'vae:1', 'lora:1', 'lora:2', 'lora:3', 'embedding:1'])
    expect(report.added).toHaveLength(231)
    expect(report.added[0]).toEqual({ kind: 'checkpoint', fileName: 'xl.safetensors', displayName: 'xl' })
    const checkpoints = await service.list({ ...allFilter, kind: 'checkpoint' })
    expect(checkpoints.items.map((p) => [p.displayName, p.origin, p.family])).toEqual([
      ['My Photon', 'user', 'sd15'],
      ['xl', 'server', 'sdxl'],
    ])
  })

  it('flags presets whose file is gone from the server and never deletes them', async () => {
    const { service } = await serviceWith({ checkpoint: [asset('checkpoint', 'kept.safetensors')] })
    const gone = await service.create(checkpointDraft('Gone', 'gone.safetensors'))
    await service.create(checkpointDraft('Kept', 'kept.safetensors'))
    const report = await service.sync()
    expect(report.flaggedMissing).toEqual([
      { kind: 'checkpoint', fileName: 'gone.safetensors', displayName: 'Gone' },
    ])
    expect(await service.get(gone.id)).toMatchObject({ missingOnServer: true, displayName: 'Gone' })
    expect((await service.list(allFilter)).total).toBe(2)
  })

  it('never overwrites local edits of a server-added preset, nor adds it twice', async () => {
    const { service } = await serviceWith({ lora: [asset('lora', 'neon_v1', 'SDXL')] })
    await service.sync()
    const [added] = (await service.list({ ...allFilter, kind: 'lora' })).items
    if (added?.kind !== 'lora') throw new Error('sync added no LoRA')
    const edited = await service.update(
      added.id,
      draft({
        kind: 'lora',
        displayName: 'Neon (mine)',
        fileName: 'neon_v1',
        family: 'other',
        notes: 'mine',
        lora: { defaultWeight: 0.6, triggerWords: ['neon'] },
      }),
    )
    const second = await service.sync()
    expect(second.added).toEqual([])
    expect(second.flaggedMissing).toEqual([])
    expect((await service.list({ ...allFilter, kind: 'lora' })).items).toEqual([edited])
  })

  it('clears the flag when the file is listed again', async () => {
    const lists: Lists = { vae: [] }
    const { service } = await serviceWith(lists)
    const vae = await service.create(draft({ kind: 'vae', displayName: 'MSE', fileName: 'vae-ft-mse.ckpt' }))
    expect((await service.sync()).flaggedMissing).toHaveLength(1)
    lists.vae = [asset('vae', 'vae-ft-mse.ckpt')]
    const report = await service.sync()
    expect(report.backOnServer).toEqual([{ kind: 'vae', fileName: 'vae-ft-mse.ckpt', displayName: 'MSE' }])
    expect(await service.get(vae.id)).toMatchObject({ missingOnServer: false })
  })

  it('does not bring back a server preset the user deleted, unless the delete is undone', async () => {
    const { service } = await serviceWith({ embedding: [asset('embedding', 'EasyNegative')] })
    await service.sync()
    const [easy] = (await service.list(allFilter)).items
    if (!easy) throw new Error('sync added nothing')
    await service.remove(easy.id)
    expect((await service.sync()).added).toEqual([])
    await service.restore(easy.id)
    expect((await service.list(allFilter)).items).toEqual([easy])
    expect((await service.sync()).added).toEqual([])
  })

  it('leaves the presets of a list that failed untouched and says which failed', async () => {
    const { service } = await serviceWith({
      checkpoint: [asset('checkpoint', 'a.safetensors')],
      lora: new AppError('not_found', 'no such list'),
    })
    const lora = await service.create(draft({ kind: 'lora', displayName: 'Local', fileName: 'local_lora' }))
    const report = await service.sync()
    expect(report.failedKinds).toEqual([{ kind: 'lora', code: 'not_found' }])
    expect(await service.get(lora.id)).toMatchObject({ missingOnServer: false })
    expect(report.added.map((item) => item.fileName)).toEqual(['a.safetensors'])
  })

  it('fails with the service’s error when no list can be read, changing nothing', async () => {
    const refused = new AppError('auth', 'The access keys were refused.')
    const { service } = await serviceWith({
      checkpoint: refused,
      vae: refused,
      lora: refused,
      embedding: refused,
    })
    const local = await service.create(checkpointDraft('Local'))
    await expect(service.sync()).rejects.toMatchObject({ code: 'auth' })
    expect(await service.get(local.id)).toEqual(local)
  })

  it('refuses to sync when no API client is configured', async () => {
    const service = buildService(await tempDir())
    await expect(service.sync()).rejects.toMatchObject({ code: 'invalid_request' })
  })

  it('reads the base model family from the service’s free text', () => {
    expect(familyFromBaseModel('SD 1.5')).toBe('sd15')
    expect(familyFromBaseModel('SDXL 1.0')).toBe('sdxl')
    expect(familyFromBaseModel('Pony')).toBe('sdxl')
    expect(familyFromBaseModel('Flux.1 D')).toBe('other')
    expect(familyFromBaseModel(null)).toBe('other')
  })
})
