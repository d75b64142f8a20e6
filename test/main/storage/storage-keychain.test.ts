import { createHash } from 'node:crypto'
import keytar from 'keytar'
import { describe, expect, it } from 'vitest'
import type { KeysStatus, Profile } from '#contract'
import { createServices } from '../../../main/services/create-services'
import { s3rverKeyId, useS3Server } from '../../support/s3-server'
import { call, useKeychainServices } from '../credentials/keychain-support'

/*
 * Storage keys in the real Secret Service, beside the API keys: run with
 * `npm test -- test/main/storage`, which starts a private D-Bus session with a throwaway keyring.
 */
const secret = `CANARY-${crypto.randomUUID()}`
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)
const image = { bytes: png, contentType: 'image/png', sha256: createHash('sha256').update(png).digest('hex') }

describe('storage keys in the OS keychain', () => {
  const open = useKeychainServices()
  const s3Server = useS3Server()

  it('keeps storage keys in an entry of their own, used for uploads after a restart', async () => {
    const first = await open()
    const server = await s3Server()
    const { id } = (await call(first.services, 'profiles.create', { name: 'Work' })) as Profile
    await call(first.services, 'profiles.setStorage', {
      id,
      storage: { endpoint: server.endpoint, bucket: server.bucket, forcePathStyle: true },
    })
    await call(first.services, 'credentials.set', {
      profileId: id,
      accessKeyId: 'api-key-id-0001',
      accessKeySecret: 'api-secret-value',
    })
    const status = (await call(first.services, 'credentials.setStorageKeys', {
      profileId: id,
      accessKeyId: s3rverKeyId,
      secretAccessKey: secret,
    })) as KeysStatus
    expect(status).toEqual({
      required: true,
      set: true,
      store: 'keychain',
      keyIdLast4: 'RVER',
      problem: null,
    })
    expect(JSON.stringify(status)).not.toContain(secret)
    expect(JSON.parse((await keytar.getPassword(first.service, `${id}:storage`)) ?? 'null')).toEqual({
      v: 1,
      accessKeyId: s3rverKeyId,
      accessKeySecret: secret,
    })
    expect(JSON.parse((await keytar.getPassword(first.service, id)) ?? 'null')).toMatchObject({
      accessKeyId: 'api-key-id-0001',
    })
    await first.close()

    const again = await createServices({
      dataDir: first.dataDir,
      edition: 'test',
      version: '0',
      keychainService: first.service,
    })
    try {
      const { profiles } = (await call(again, 'profiles.list', {})) as { profiles: Profile[] }
      expect(profiles[1]?.storageKeys).toMatchObject({ set: true, store: 'keychain' })
      const uploaded = await again.imageHost.upload(id, image)
      expect((await fetch(uploaded.url)).status).toBe(200)
      await again.imageHost.remove(id, uploaded.object)
    } finally {
      await again.close()
    }
  })

  it('clears storage keys alone, keeps session-only ones out of the keychain, and deletes both with the profile', async () => {
    const { services, service } = await open()
    const { id } = (await call(services, 'profiles.create', { name: 'Work' })) as Profile
    const keys = { profileId: id, accessKeyId: s3rverKeyId, secretAccessKey: secret }
    await call(services, 'credentials.set', {
      profileId: id,
      accessKeyId: 'api-id-01',
      accessKeySecret: 'api-secret',
    })
    await call(services, 'credentials.setStorageKeys', keys)
    expect(await call(services, 'credentials.clearStorageKeys', { profileId: id })).toMatchObject({
      set: false,
    })
    expect((await keytar.findCredentials(service)).map((entry) => entry.account)).toEqual([id])

    const sessionOnly = (await call(services, 'credentials.setStorageKeys', {
      ...keys,
      sessionOnly: true,
    })) as KeysStatus
    expect(sessionOnly).toMatchObject({ set: true, store: 'session' })
    expect(await keytar.getPassword(service, `${id}:storage`)).toBeNull()

    await call(services, 'credentials.setStorageKeys', keys)
    expect(await keytar.getPassword(service, `${id}:storage`)).not.toBeNull()
    await call(services, 'profiles.delete', { id })
    expect(await keytar.findCredentials(service)).toEqual([])
  })

  it('marks storage keys "keys needed" when their entry was changed by hand', async () => {
    const { services, service } = await open()
    const { id } = (await call(services, 'profiles.create', { name: 'Work' })) as Profile
    await keytar.setPassword(service, `${id}:storage`, 'edited in Seahorse')
    const { profiles } = (await call(services, 'profiles.list', {})) as { profiles: Profile[] }
    expect(profiles[1]?.storageKeys).toMatchObject({
      set: false,
      problem: { code: 'keys_needed', reason: 'unreadable' },
    })
    await call(services, 'profiles.setStorage', { id, storage: { bucket: 'bkt', region: 'eu-west-1' } })
    await expect(services.imageHost.upload(id, image)).rejects.toMatchObject({
      code: 'keys_needed',
      details: { which: 'storage', reason: 'unreadable' },
    })
  })
})
