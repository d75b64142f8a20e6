import { createHash } from 'node:crypto'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { EventName, Profile } from '#contract'
import { createSessionSecretStore, type SecretStore } from '../../../main/services/credentials/secret-store'
import type { Services } from '../../../main/services/create-services'
import { s3rverKeyId, useS3Server, type S3Server } from '../../support/s3-server'
import { useServices } from '../../support/services'
import { useTempDirs } from '../../support/temp-dir'

/*
 * A profile's image storage through the dispatcher, as the renderer reaches it, against a real
 * S3-compatible server (s3rver) on 127.0.0.1. The keychain is an in-memory SecretStore here;
 * storage-keychain.test.ts covers the OS keychain.
 */
const storageSecret = `CANARY-${crypto.randomUUID()}`
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)
const image = { bytes: png, contentType: 'image/png', sha256: createHash('sha256').update(png).digest('hex') }

async function call<T>(app: Services, name: string, input: unknown): Promise<T> {
  const result = await app.dispatch(name, input, { transport: 'in-process' })
  if (!result.ok) throw Object.assign(new Error(result.error.message), result.error)
  return result.value as T
}

/** Object files s3rver keeps on disk (one per stored object). */
async function storedObjects(server: S3Server): Promise<string[]> {
  const entries = await readdir(join(server.directory, server.bucket), { recursive: true })
  return entries.map(String).filter((name) => name.endsWith('._S3rver_object'))
}

describe('image storage of a profile', () => {
  const tempDir = useTempDirs()
  const services = useServices()
  const s3Server = useS3Server()

  async function setup() {
    const keychain: SecretStore = createSessionSecretStore()
    const dataDir = await tempDir()
    const app = await services({ dataDir, keychain })
    const server = await s3Server()
    const profile = await call<Profile>(app, 'profiles.create', {
      name: 'Studio',
      baseUrl: 'https://api.test',
    })
    const storage = { endpoint: `${server.endpoint}/`, bucket: server.bucket, forcePathStyle: true }
    return { app, server, profile, storage, keychain, dataDir }
  }

  async function withStorageKeys(app: Services, profileId: string, accessKeyId = s3rverKeyId) {
    return call(app, 'credentials.setStorageKeys', { profileId, accessKeyId, secretAccessKey: storageSecret })
  }

  it('saves a profile’s storage, tells every window, and shows it with its keys’ status', async () => {
    const { app, profile, storage, dataDir } = await setup()
    const events: EventName[] = []
    app.events.subscribe((name) => events.push(name))

    const saved = await call<Profile>(app, 'profiles.setStorage', { id: profile.id, storage })
    expect(saved.storage).toEqual({
      endpoint: storage.endpoint.slice(0, -1),
      region: 'us-east-1',
      bucket: 'bkt',
      prefix: 'img-open-workbench/',
      forcePathStyle: true,
      urlExpirySeconds: 3600,
      keepUploads: false,
    })
    expect(saved.storageKeys).toEqual({
      required: true,
      set: false,
      store: null,
      keyIdLast4: null,
      problem: null,
    })
    expect(events).toContain('profiles.changed')
    const file = JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8'))
    expect(file.profiles[0].storage).toEqual(saved.storage)

    await withStorageKeys(app, profile.id)
    const { profiles } = await call<{ profiles: Profile[] }>(app, 'profiles.list', {})
    expect(profiles[1]?.storageKeys).toMatchObject({
      required: true,
      set: true,
      store: 'keychain',
      keyIdLast4: 'RVER',
    })
    expect(profiles[1]?.keys.set).toBe(false)

    const removed = await call<Profile>(app, 'profiles.setStorage', { id: profile.id, storage: null })
    expect(removed.storage).toBeNull()
    expect(removed.storageKeys).toMatchObject({ required: false, set: true })
  })

  it('refuses storage that breaks the rules, for the demo, and for an unknown profile', async () => {
    const { app, profile, storage } = await setup()
    const refusals = [
      { id: profile.id, storage: { ...storage, bucket: 'Has_Capitals' } },
      { id: profile.id, storage: { ...storage, endpoint: 'ftp://files.test' } },
      { id: profile.id, storage: { ...storage, prefix: '/leading-slash/' } },
      { id: profile.id, storage: { ...storage, urlExpirySeconds: 30 } },
      { id: profile.id, storage: { ...storage, accessKey: 'not here' } },
    ]
    for (const input of refusals)
      await expect(call(app, 'profiles.setStorage', input)).rejects.toMatchObject({ code: 'invalid_request' })
    await expect(call(app, 'profiles.setStorage', { id: 'demo', storage })).rejects.toMatchObject({
      code: 'invalid_request',
      details: { reason: 'built_in' },
    })
    await expect(call(app, 'profiles.setStorage', { id: 'nobody', storage })).rejects.toMatchObject({
      code: 'not_found',
    })
    await expect(
      call(app, 'credentials.setStorageKeys', { profileId: 'demo', accessKeyId: 'x', secretAccessKey: 'y' }),
    ).rejects.toMatchObject({ code: 'invalid_request' })
    expect(
      (await call<Profile>(app, 'profiles.setStorage', { id: profile.id, storage: null })).storage,
    ).toBeNull()
  })

  it('tests storage by a real round trip and leaves nothing in the bucket', async () => {
    const { app, server, profile, storage } = await setup()
    await call(app, 'profiles.setStorage', { id: profile.id, storage: { ...storage, prefix: 'probe/' } })
    await withStorageKeys(app, profile.id)
    const answer = await call<{ bucket: string; objectKey: string }>(app, 'profiles.testStorage', {
      id: profile.id,
    })
    expect(answer.bucket).toBe('bkt')
    expect(answer.objectKey).toMatch(/^probe\/\d{4}-\d{2}-\d{2}\/[0-9a-f]{16}-[0-9a-f]{16}\.png$/)
    expect(await storedObjects(server)).toEqual([])
  })

  it('says what is missing: storage first, then its keys', async () => {
    const { app, profile, storage } = await setup()
    await expect(call(app, 'profiles.testStorage', { id: profile.id })).rejects.toMatchObject({
      code: 'image_storage_needed',
    })
    expect(await app.imageHost.describe(profile.id)).toBeNull()
    await expect(app.imageHost.upload(profile.id, image)).rejects.toMatchObject({
      code: 'image_storage_needed',
    })

    await call(app, 'profiles.setStorage', { id: profile.id, storage })
    expect(await app.imageHost.describe(profile.id)).toMatchObject({ kind: 's3', config: { bucket: 'bkt' } })
    await expect(call(app, 'profiles.testStorage', { id: profile.id })).rejects.toMatchObject({
      code: 'keys_needed',
      details: { which: 'storage', reason: 'missing', profileId: profile.id },
    })
    expect(await app.imageHost.describe('demo')).toEqual({ kind: 'demo' })
  })

  it('reports refused storage keys without echoing them, and uses new keys at once', async () => {
    const { app, server, profile, storage } = await setup()
    await call(app, 'profiles.setStorage', { id: profile.id, storage })
    await withStorageKeys(app, profile.id, 'AKIAREFUSED000001')
    const refused = await app.dispatch(
      'profiles.testStorage',
      { id: profile.id },
      { transport: 'in-process' },
    )
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'image_storage_auth', details: { bucket: 'bkt' } },
    })
    expect(JSON.stringify(refused)).not.toContain(storageSecret)
    expect(JSON.stringify(refused)).not.toContain('AKIAREFUSED000001')

    await withStorageKeys(app, profile.id)
    const uploaded = await app.imageHost.upload(profile.id, image)
    expect(await storedObjects(server)).toHaveLength(1)
    await app.imageHost.remove(profile.id, uploaded.object)
    expect(await storedObjects(server)).toEqual([])
    expect(app.logger.lines.join('\n')).not.toContain(storageSecret)
  })

  it('clears storage keys on request and with the profile', async () => {
    const { app, profile, keychain } = await setup()
    await call(app, 'credentials.set', {
      profileId: profile.id,
      accessKeyId: 'api-key-0001',
      accessKeySecret: 'api-secret-1',
    })
    await withStorageKeys(app, profile.id)
    expect(await keychain.get(`${profile.id}:storage`)).not.toBeNull()
    expect(await call(app, 'credentials.clearStorageKeys', { profileId: profile.id })).toMatchObject({
      set: false,
    })
    expect(await keychain.get(`${profile.id}:storage`)).toBeNull()
    // The API keys are a pair of their own: still there.
    expect(await call(app, 'credentials.status', { profileId: profile.id })).toMatchObject({ set: true })

    await withStorageKeys(app, profile.id)
    await call(app, 'profiles.delete', { id: profile.id })
    expect(await keychain.get(`${profile.id}:storage`)).toBeNull()
    expect(await keychain.get(profile.id)).toBeNull()
  })

  it('reads a settings file written before image storage existed', async () => {
    const dataDir = await tempDir()
    const older = {
      version: 1,
      activeProfileId: 'p1',
      profiles: [
        {
          id: 'p1',
          name: 'Work',
          baseUrl: 'https://api.zhiqite.com',
          defaultCheckpoint: null,
          defaultVae: null,
          createdAt: 1,
          lastUsedAt: null,
        },
      ],
      demo: { defaultCheckpoint: null, defaultVae: null, lastUsedAt: null },
    }
    await writeFile(join(dataDir, 'settings.json'), JSON.stringify(older))
    const app = await services({ dataDir, keychain: createSessionSecretStore() })
    expect(await call(app, 'settings.get', {})).toMatchObject({ file: { state: 'ok' } })
    const { profiles } = await call<{ profiles: Profile[] }>(app, 'profiles.list', {})
    expect(profiles[1]).toMatchObject({
      id: 'p1',
      name: 'Work',
      storage: null,
      storageKeys: { required: false },
    })
  })
})
