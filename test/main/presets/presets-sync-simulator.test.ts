import { afterEach, describe, expect, it } from 'vitest'
import { createApiClient } from '../../../main/services/api/api-client'
import { createLogger, createSecretRedactor } from '../../../main/services/logger'
import { assetRows } from '../../../main/simulator/sim-assets'
import { simulatorTestKeys } from '../../../main/simulator/sim-keys'
import { startSimulator, type Simulator } from '../../../main/simulator/simulator'
import { useTempDirs } from '../../support/temp-dir'
import { allFilter, buildService, starterFile } from './presets-harness'

describe('syncing the starter library with the simulator over HTTP', () => {
  const tempDir = useTempDirs()
  const closers: (() => Promise<void>)[] = []
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()))
  })

  it('adds what the server has, flags what it lacks and keeps the matching starters', async () => {
    const simulator: Simulator = await startSimulator()
    const api = createApiClient({ logger: createLogger({ redactor: createSecretRedactor() }) })
    closers.push(
      () => simulator.close(),
      () => api.close(),
    )
    const service = buildService(await tempDir(), {
      starterFile,
      apiClient: api,
      resolveConnection: async () => ({ baseUrl: simulator.url, auth: simulatorTestKeys }),
    })
    const report = await service.sync()
    expect(report.failedKinds).toEqual([])
    const names = (items: typeof report.added) => items.map((item) => `${item.kind}:${item.fileName}`).sort()
    // Every starter checkpoint is one the simulator runs (a first run must generate).
    expect(names(report.added)).toEqual([
      'lora:blindbox_v1_mix',
      'lora:more_details',
      'lora:xl_more_art-full_v1',
    ])
    expect(names(report.flaggedMissing)).toEqual([
      'embedding:negativeXL_D',
      'lora:epiNoiseoffset_v2',
      'lora:sd_xl_offset_example-lora_1.0',
    ])
    const juggernaut = (await service.list({ ...allFilter, text: 'juggernautXL_v9_348913' })).items[0]
    expect(juggernaut).toMatchObject({ origin: 'starter', family: 'sdxl', missingOnServer: false })
    const photon = (await service.list({ ...allFilter, text: 'photon_v1_84728' })).items[0]
    expect(photon).toMatchObject({ origin: 'starter', displayName: 'Photon v1', missingOnServer: false })
    // The model list's SHA-256 lands on the starter preset (what a pasted `Model hash` is matched
    // against); the LoRA list gives none, so LoRA presets carry none.
    const listed = assetRows('checkpoint', simulator.url).find(
      (row) => row.sdModelCheckpoint === photon?.fileName,
    )
    expect(typeof listed?.modelHash).toBe('string')
    expect(photon?.hash).toBe(String(listed?.modelHash).toLowerCase())
    const blindbox = (await service.list({ ...allFilter, text: 'blindbox_v1_mix' })).items[0]
    expect(blindbox?.fileName).toBe('blindbox_v1_mix')
    expect(blindbox?.hash).toBeUndefined()
  })
})
