import { createHash } from 'node:crypto'
import { Agent, request } from 'undici'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { ApiConnection } from '../../../main/services/api/api-types'
import { createSessionSecretStore } from '../../../main/services/credentials/secret-store'
import { createDemoImageHost } from '../../../main/services/storage/demo-image-host'
import { simulatorTestKeys } from '../../../main/simulator/sim-keys'
import { startSimulator, type Simulator } from '../../../main/simulator/simulator'
import { closedPort } from '../../support/s3-server'
import { useServices } from '../../support/services'
import { useTempDirs } from '../../support/temp-dir'

/*
 * The demo profile's uploads go to the in-process simulator (`/sim-uploads/`), over real HTTP: the
 * same bytes come back by the link, DELETE removes them, and refusals are the storage AppErrors.
 */
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)
const sha256 = createHash('sha256').update(png).digest('hex')
const image = { bytes: new Uint8Array(png), contentType: 'image/png', sha256 }

async function fetchLink(url: string) {
  const response = await request(url)
  return { status: response.statusCode, bytes: Buffer.from(await response.body.arrayBuffer()) }
}

describe('the demo profile’s image host', () => {
  const tempDir = useTempDirs()
  const services = useServices()
  const simulators: Simulator[] = []
  const agent = new Agent({ connect: { timeout: 5_000 } })
  afterEach(async () => {
    await Promise.all(simulators.splice(0).map((sim) => sim.close()))
  })
  afterAll(() => agent.close())

  async function hostOn(options: Parameters<typeof startSimulator>[0], auth: ApiConnection['auth'] = null) {
    const sim = await startSimulator(options)
    simulators.push(sim)
    return {
      sim,
      host: createDemoImageHost({
        resolveConnection: async () => ({ baseUrl: sim.url, auth }),
        dispatcher: agent,
      }),
    }
  }

  it('puts the image in the simulator, links it, and deletes it', async () => {
    const { sim, host } = await hostOn({ demo: true })
    const uploaded = await host.upload(image)
    const key = expect.stringMatching(new RegExp(`^${sha256}-[0-9a-f]{12}\\.png$`))
    expect(uploaded).toEqual({
      url: `${sim.url}/sim-uploads/${uploaded.object.key}`,
      urlExpiresAt: null,
      object: { bucket: 'sim-uploads', key },
    })
    expect(sim.uploadCount()).toBe(1)
    const fetched = await fetchLink(uploaded.url)
    expect(fetched.status).toBe(200)
    expect(fetched.bytes.equals(png)).toBe(true)

    await host.remove(uploaded.object)
    expect(sim.uploadCount()).toBe(0)
    expect((await fetchLink(uploaded.url)).status).toBe(404)
    await expect(host.remove(uploaded.object)).resolves.toBeUndefined()
  })

  it('gives each upload its own object, so one task ending never removes another task’s image', async () => {
    const { sim, host } = await hostOn({ demo: true })
    const first = await host.upload(image)
    const second = await host.upload(image)
    expect(second.object.key).not.toBe(first.object.key)
    await host.remove(first.object)
    expect(sim.uploadCount()).toBe(1)
    const fetched = await fetchLink(second.url)
    expect(fetched.status).toBe(200)
    expect(fetched.bytes.equals(png)).toBe(true)
  })

  it('sends the connection’s keys, and reports a simulator that wants keys as image_storage_auth', async () => {
    const keyless = await hostOn({})
    await expect(keyless.host.upload(image)).rejects.toMatchObject({
      code: 'image_storage_auth',
      details: { status: 401 },
    })
    const keyed = await hostOn({}, simulatorTestKeys)
    const uploaded = await keyed.host.upload(image)
    expect(keyed.sim.uploadCount()).toBe(1)
    await keyed.host.remove(uploaded.object)
    expect(keyed.sim.uploadCount()).toBe(0)
  })

  it('refuses bytes that are not what they claim to be as invalid_request', async () => {
    const { host } = await hostOn({ demo: true })
    await expect(host.upload({ ...image, contentType: 'image/jpeg' })).rejects.toMatchObject({
      code: 'invalid_request',
      details: { reason: 'type_mismatch' },
    })
  })

  it('reports a simulator that is gone as image_storage_unreachable', async () => {
    const port = await closedPort()
    const host = createDemoImageHost({
      resolveConnection: async () => ({ baseUrl: `http://127.0.0.1:${port}`, auth: null }),
      dispatcher: agent,
    })
    await expect(host.upload(image)).rejects.toMatchObject({
      code: 'image_storage_unreachable',
      details: { bucket: 'sim-uploads', endpoint: `127.0.0.1:${port}`, reason: 'connection_refused' },
    })
  })

  it('is what the services use for the demo profile, storage test included', async () => {
    const app = await services({ dataDir: await tempDir(), keychain: createSessionSecretStore() })
    expect(await app.imageHost.describe('demo')).toEqual({ kind: 'demo' })
    const result = await app.dispatch('profiles.testStorage', { id: 'demo' }, { transport: 'in-process' })
    expect(result).toEqual({
      ok: true,
      value: { bucket: 'sim-uploads', objectKey: expect.stringMatching(/^[0-9a-f]{64}-[0-9a-f]{12}\.png$/) },
    })
    const uploaded = await app.imageHost.upload('demo', image)
    expect((await fetchLink(uploaded.url)).bytes.equals(png)).toBe(true)
    await app.imageHost.remove('demo', uploaded.object)
    expect((await fetchLink(uploaded.url)).status).toBe(404)
  })
})
