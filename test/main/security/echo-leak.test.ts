import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { TaskRecord } from '#contract'
import { createSessionSecretStore } from '../../../main/services/credentials/secret-store'
import { createServices, type Services } from '../../../main/services/create-services'
import { startSimulator, type Simulator } from '../../../main/simulator/simulator'
import { useTempDirs } from '../../support/temp-dir'
import { recordIn, runImgOpen } from '../cli/cli-kit'
import {
  historyTexts,
  leaksInFiles,
  leaksInTexts,
  makeCanaries,
  recordTraffic,
  type Canaries,
} from './leak-kit'

/*
 * SECURITY.md #25: a service that echoes the keys it received, in an error's `msg`, `code` and
 * `data.field`/`param` and in a task's `desc` (the simulator's `echoText` fault). None of it may
 * reach the bridge, the history (decoded records), an export, the log, or the CLI's output.
 */

const params = (prompt: string, checkpoint = 'photon_v1_84728.safetensors') => ({
  prompt,
  steps: 6,
  width: 256,
  height: 256,
  alwayson_scripts: { sd_model_checkpoint: checkpoint },
})

const echoOf = (canaries: Canaries) => `${canaries.accessKeySecret} id=${canaries.accessKeyId}`

type Traffic = ReturnType<typeof recordTraffic>

async function settled(services: Services, taskId: string): Promise<TaskRecord> {
  await expect
    .poll(() => services.history.get(taskId)?.status, { timeout: 20_000, interval: 50 })
    .toMatch(/^(succeeded|failed)$/)
  const record = services.history.get(taskId)
  if (!record) throw new Error(`no record of ${taskId}`)
  return record
}

async function submit(
  traffic: Traffic,
  services: Services,
  profileId: string,
  prompt: string,
  model?: string,
) {
  const { taskId } = await traffic.call<{ taskId: string }>('tasks.submit', {
    kind: 'text2image',
    profileId,
    params: params(prompt, model),
  })
  return settled(services, taskId)
}

/** A success, a refused submit, a task failed half-way and a refused parameter, all echoing the keys. */
async function runEchoedTasks(
  traffic: Traffic,
  services: Services,
  simulator: Simulator,
  profileId: string,
  canaries: Canaries,
) {
  const echoText = { text: echoOf(canaries) }
  simulator.setFaults({ echoText })
  const ok = await submit(traffic, services, profileId, 'a lighthouse at dusk')
  expect(ok.status).toBe('succeeded')
  expect(ok.description).toContain('[redacted]')

  simulator.setFaults({ echoText, quotaExceeded: { remaining: 1, paths: ['text2image'] } })
  const refused = await submit(traffic, services, profileId, 'a harbour in fog')
  expect(refused).toMatchObject({ status: 'failed', error: { code: 'quota' } })
  expect(JSON.stringify(refused.error)).toContain('[redacted]')

  simulator.setFaults({ echoText, taskFailure: { remaining: 1 } })
  const halfway = await submit(traffic, services, profileId, 'a storm over the sea')
  expect(halfway.status).toBe('failed')
  expect(halfway.error?.details?.serviceMessage).toContain('[redacted]')

  simulator.setFaults({ echoText })
  const badModel = await submit(traffic, services, profileId, 'a quiet street', 'no-such-model.safetensors')
  expect(badModel).toMatchObject({ status: 'failed', error: { code: 'invalid_request' } })
  expect(badModel.error?.details).toMatchObject({ field: '[redacted] id=[redacted]' })

  await traffic.call('history.lookupArchived', { taskId: halfway.id, profileId })
  await traffic.call('tasks.active', {})
  await traffic.call('history.list', {})
  for (const record of [ok, refused, halfway, badModel]) await traffic.call('history.get', { id: record.id })
  const jsonl = await traffic.call<{ content: string }>('history.export', { format: 'jsonl' })
  const csv = await traffic.call<{ content: string }>('history.export', { format: 'csv' })
  for (const content of [jsonl.content, csv.content]) expect(content).toContain('[redacted]')
  return [jsonl.content, csv.content]
}

describe('a service that echoes the keys gets none of them kept, shown or logged (SECURITY.md #25)', () => {
  const tempDir = useTempDirs()
  const cleanups: (() => Promise<unknown>)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  const simulatorFor = async (canaries: Canaries) => {
    const simulator = await startSimulator({
      keys: [{ accessKeyId: canaries.accessKeyId, accessKeySecret: canaries.accessKeySecret }],
      timing: { queueMs: 10, msPerStep: 5 },
    })
    cleanups.push(() => simulator.close())
    return simulator
  }

  it(
    'in the app: bridge answers and events, exports, the log, and every decoded history record',
    { timeout: 90_000 },
    async () => {
      const canaries = makeCanaries()
      const simulator = await simulatorFor(canaries)
      const dataDir = await tempDir()
      const services = await createServices({
        dataDir,
        edition: 'test',
        version: '0.0.0-test',
        trackerLimits: { firstIntervalMs: 50, slowAfterMs: 1_000, maxIntervalMs: 200 },
        keychain: createSessionSecretStore(),
      })
      cleanups.push(() => services.close())
      const traffic = recordTraffic(services)
      const profile = await traffic.call<{ id: string }>('profiles.create', {
        name: 'Echo',
        baseUrl: simulator.url,
      })
      await traffic.call('credentials.set', {
        profileId: profile.id,
        accessKeyId: canaries.accessKeyId,
        accessKeySecret: canaries.accessKeySecret,
      })
      await traffic.call('profiles.setActive', { id: profile.id })

      const exports = await runEchoedTasks(traffic, services, simulator, profile.id, canaries)
      traffic.stop()
      const logLines = [...services.logger.lines]
      await services.close()

      expect(traffic.events.some((event) => event.includes('[redacted]'))).toBe(true)
      expect(leaksInTexts(traffic.answers, canaries)).toEqual([])
      expect(leaksInTexts(traffic.events, canaries)).toEqual([])
      expect(leaksInTexts(exports, canaries)).toEqual([])
      expect(leaksInTexts(logLines, canaries)).toEqual([])
      const records = historyTexts(join(dataDir, 'history.db'))
      expect(records.some((text) => text.includes('[redacted]'))).toBe(true)
      expect(leaksInTexts(records, canaries)).toEqual([])
      expect(await leaksInFiles(dataDir, canaries)).toEqual([])
    },
  )

  it('in the CLI: stdout, stderr, the log and the history', { timeout: 60_000 }, async () => {
    const canaries = makeCanaries()
    const simulator = await simulatorFor(canaries)
    simulator.setFaults({ echoText: { text: echoOf(canaries) }, taskFailure: {} })
    const dataDir = await tempDir()
    const paramsFile = join(await tempDir(), 'params.json')
    await writeFile(paramsFile, JSON.stringify(params('a storm over the sea')))
    const run = await runImgOpen(['generate', '--params', paramsFile, '--wait', '--json'], {
      IMG_OPEN_DATA_DIR: dataDir,
      IMG_OPEN_BASE_URL: simulator.url,
      IMG_OPEN_ACCESS_KEY_ID: canaries.accessKeyId,
      IMG_OPEN_ACCESS_KEY_SECRET: canaries.accessKeySecret,
    })
    expect(run.code).toBe(1)
    const taskId = (JSON.parse(run.stdout) as { task_id: string }).task_id
    expect(recordIn(dataDir, taskId)?.error?.details?.serviceMessage).toContain('[redacted]')
    expect(leaksInTexts([run.stdout, run.stderr], canaries)).toEqual([])
    expect(leaksInTexts(historyTexts(join(dataDir, 'history.db')), canaries)).toEqual([])
    expect(await leaksInFiles(dataDir, canaries)).toEqual([])
  })
})
