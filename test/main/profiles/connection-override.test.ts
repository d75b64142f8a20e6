import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { text2ImageParamsSchema, type Profile } from '#contract'
import { createSessionSecretStore } from '../../../main/services/credentials/secret-store'
import type { Services } from '../../../main/services/create-services'
import type { ConnectionOverride } from '../../../main/services/profiles/connection-override'
import { simulatorTestKeys } from '../../../main/simulator/sim-keys'
import { useServices } from '../../support/services'
import { useSimulators } from '../../support/simulators'
import { useTempDirs } from '../../support/temp-dir'

/* The CLI's `--base-url` / IMG_OPEN_ACCESS_KEY_* override, as every API caller of the services sees it. */
describe('connection override', () => {
  const tempDir = useTempDirs()
  const services = useServices()
  const startSimulator = useSimulators()

  async function call<T>(app: Services, name: string, input: unknown): Promise<T> {
    const result = await app.dispatch(name, input, { transport: 'in-process' })
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error)
    return result.value as T
  }

  const open = async (connectionOverride?: ConnectionOverride) =>
    services({ dataDir: await tempDir(), keychain: createSessionSecretStore(), connectionOverride })

  it('given both address and keys, answers them for every profile and never reads the keychain', async () => {
    const override = {
      baseUrl: 'http://127.0.0.1:9',
      auth: { accessKeyId: 'openapi-x', accessKeySecret: 's'.repeat(32) },
    }
    const app = await open(override)
    const profile = await call<Profile>(app, 'profiles.create', {
      name: 'No keys',
      baseUrl: 'https://example.com',
    })
    expect(await app.profiles.resolveConnection(profile.id)).toEqual(override)
    expect(await app.profiles.resolveConnection()).toEqual(override)
  })

  it('keeps the profile address for keys alone, and the profile keys for an address alone', async () => {
    const simulator = await startSimulator({ keys: [simulatorTestKeys] })
    const keysOnly = await open({ auth: simulatorTestKeys })
    const remote = await call<Profile>(keysOnly, 'profiles.create', { name: 'Sim', baseUrl: simulator.url })
    expect(await keysOnly.profiles.resolveConnection(remote.id)).toEqual({
      baseUrl: simulator.url,
      auth: simulatorTestKeys,
    })
    const demo = await keysOnly.profiles.resolveConnection('demo')
    expect(demo).toMatchObject({
      baseUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      auth: simulatorTestKeys,
    })

    const urlOnly = await open({ baseUrl: simulator.url })
    expect(await urlOnly.profiles.resolveConnection('demo')).toEqual({ baseUrl: simulator.url, auth: null })
    const stored = await call<Profile>(urlOnly, 'profiles.create', {
      name: 'Stored',
      baseUrl: 'https://example.com',
    })
    await call(urlOnly, 'credentials.set', { profileId: stored.id, ...simulatorTestKeys })
    expect(await urlOnly.profiles.resolveConnection(stored.id)).toEqual({
      baseUrl: simulator.url,
      auth: simulatorTestKeys,
    })
  })

  it('sends tasks where the override says, records them, and keeps its secret out of logs and settings', async () => {
    const simulator = await startSimulator({
      keys: [simulatorTestKeys],
      timing: { queueMs: 10, msPerStep: 5 },
    })
    const app = await open({ baseUrl: simulator.url, auth: simulatorTestKeys })
    const params = text2ImageParamsSchema.parse({
      prompt: 'override',
      steps: 2,
      alwayson_scripts: { sd_model_checkpoint: 'photon_v1_84728.safetensors' },
    })
    const { taskId } = await app.tasks.submit({ kind: 'text2image', params })
    await expect.poll(() => app.history.get(taskId)?.status, { timeout: 15_000 }).toBe('succeeded')
    expect(simulator.tasks.get(taskId)).toBeDefined()
    app.logger.warn('test.line', { echoed: simulatorTestKeys.accessKeySecret })
    expect(app.logger.lines.join('\n')).not.toContain(simulatorTestKeys.accessKeySecret)
    await app.close()
    const settings = await readFile(join(app.config.dataDir, 'settings.json'), 'utf8').catch(() => '')
    expect(settings).not.toContain(simulator.url)
  })
})
