import { createServer } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { EventName, Profile } from '#contract'
import { createSessionSecretStore } from '../../../main/services/credentials/secret-store'
import type { Services } from '../../../main/services/create-services'
import { assetRows } from '../../../main/simulator/sim-assets'
import { startSimulator, type Simulator } from '../../../main/simulator/simulator'
import { simulatorTestKeys } from '../../../main/simulator/sim-keys'
import { useServices } from '../../support/services'
import { useTempDirs } from '../../support/temp-dir'

/*
 * Profiles end to end through the dispatcher, against the real simulator over HTTP. The keychain is
 * an in-memory SecretStore here, so this runs anywhere; test/main/credentials covers the OS keychain.
 */
describe('connection profiles', () => {
  const tempDir = useTempDirs()
  const services = useServices()
  const simulators: Simulator[] = []
  afterEach(async () => {
    await Promise.all(simulators.splice(0).map((sim) => sim.close()))
  })

  async function setup() {
    const sim = await startSimulator()
    simulators.push(sim)
    const app = await services({ dataDir: await tempDir(), keychain: createSessionSecretStore() })
    return { sim, app }
  }

  async function call<T>(app: Services, name: string, input: unknown): Promise<T> {
    const result = await app.dispatch(name, input, { transport: 'in-process' })
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error)
    return result.value as T
  }

  async function remoteProfile(app: Services, baseUrl: string, keys = simulatorTestKeys) {
    const profile = await call<Profile>(app, 'profiles.create', { name: 'Sim', baseUrl })
    await call(app, 'credentials.set', { profileId: profile.id, ...keys })
    return profile
  }

  it('proves keys work by listing models, and says how many it found', async () => {
    const { sim, app } = await setup()
    const { id } = await remoteProfile(app, sim.url)
    expect(await call(app, 'profiles.testConnection', { id })).toEqual({
      modelCount: assetRows('checkpoint', sim.url).length,
    })
  })

  it('reports refused keys as an auth failure', async () => {
    const { sim, app } = await setup()
    const { id } = await remoteProfile(app, sim.url, {
      ...simulatorTestKeys,
      accessKeySecret: 'wrong-secret-000',
    })
    await expect(call(app, 'profiles.testConnection', { id })).rejects.toMatchObject({ code: 'auth' })
  })

  it('reports an address nobody answers at as a network failure', async () => {
    const { app } = await setup()
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const address = server.address()
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
      })
    })
    const { id } = await remoteProfile(app, `http://127.0.0.1:${port}`)
    await expect(call(app, 'profiles.testConnection', { id })).rejects.toMatchObject({ code: 'network' })
  })

  it('answers "keys needed" for a profile without keys, without calling the service', async () => {
    const { sim, app } = await setup()
    const { id } = await call<Profile>(app, 'profiles.create', { name: 'Sim', baseUrl: sim.url })
    await expect(call(app, 'profiles.testConnection', { id })).rejects.toMatchObject({
      code: 'keys_needed',
      details: { profileId: id, reason: 'missing' },
    })
    expect(sim.requests.count()).toBe(0)
  })

  it('runs the demo profile on the in-process simulator with no keys at all', async () => {
    const { app } = await setup()
    const { modelCount } = await call<{ modelCount: number }>(app, 'profiles.testConnection', { id: 'demo' })
    expect(modelCount).toBeGreaterThan(0)
    const connection = await app.profiles.resolveConnection()
    expect(connection.auth).toBeNull()
    expect(connection.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    // Started once, reused afterwards.
    expect((await app.profiles.resolveConnection('demo')).baseUrl).toBe(connection.baseUrl)
  })

  it('resolves the active profile with its keys, and tells windows when it changes', async () => {
    const { sim, app } = await setup()
    const seen: EventName[] = []
    app.events.subscribe((name) => seen.push(name))
    const { id } = await remoteProfile(app, `${sim.url}/`)
    await call(app, 'profiles.setActive', { id })
    expect(await app.profiles.resolveConnection()).toEqual({
      baseUrl: sim.url,
      auth: simulatorTestKeys,
      allowInsecureHttp: false,
    })
    expect(seen.filter((name) => name === 'profiles.changed').length).toBeGreaterThanOrEqual(3)
    const listed = await call<{ profiles: Profile[]; activeProfileId: string }>(app, 'profiles.list', {})
    expect(listed.activeProfileId).toBe(id)
    expect(listed.profiles.find((p) => p.id === id)?.lastUsedAt).toEqual(expect.any(Number))
  })

  it('refuses addresses that are not plain http(s), including ones carrying a password', async () => {
    const { app } = await setup()
    for (const baseUrl of ['ftp://x.test', 'https://user:pw@x.test', 'https://x.test/?a=1', 'not a url']) {
      await expect(call(app, 'profiles.create', { name: 'X', baseUrl })).rejects.toMatchObject({
        code: 'invalid_request',
      })
    }
  })

  it('keeps the demo built in: it cannot be renamed, deleted or given keys', async () => {
    const { app } = await setup()
    await expect(call(app, 'profiles.update', { id: 'demo', name: 'Mine' })).rejects.toMatchObject({
      code: 'invalid_request',
    })
    await expect(call(app, 'profiles.delete', { id: 'demo' })).rejects.toMatchObject({
      code: 'invalid_request',
    })
    await expect(
      call(app, 'credentials.set', {
        profileId: 'demo',
        accessKeyId: 'a-key-id',
        accessKeySecret: 'a-secret-value',
      }),
    ).rejects.toMatchObject({ code: 'invalid_request' })
    const demo = await call<Profile>(app, 'profiles.update', {
      id: 'demo',
      defaultCheckpoint: 'photon_v1_84728.safetensors',
    })
    expect(demo).toMatchObject({
      kind: 'demo',
      defaultCheckpoint: 'photon_v1_84728.safetensors',
      keys: { required: false },
    })
  })

  it('reports the settings file status through settings.get', async () => {
    const { app } = await setup()
    expect(await call(app, 'settings.get', {})).toMatchObject({
      file: { state: 'new', reason: null, keptAside: null, writable: true },
      path: expect.stringMatching(/settings\.json$/),
    })
  })
})
