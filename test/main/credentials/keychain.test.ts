import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import keytar from 'keytar'
import { describe, expect, it } from 'vitest'
import type { Profile, KeysStatus } from '#contract'
import { call, useKeychainServices } from './keychain-support'

/*
 * Against the real Secret Service: run with `npm test -- test/main/credentials`, which starts a
 * private D-Bus session with an unlocked throwaway gnome-keyring.
 */
const canary = `CANARY-${crypto.randomUUID()}`

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name))
}

describe('profiles and keys in the OS keychain', () => {
  const open = useKeychainServices()

  it('finds a working keychain', async () => {
    const { services } = await open()
    expect(await call(services, 'credentials.checkKeychain', { recheck: true })).toMatchObject({
      state: 'ready',
      newKeysGoTo: 'keychain',
      problem: null,
    })
  })

  it('adds, renames and edits a profile, and keeps it across a restart', async () => {
    const { services, dataDir } = await open()
    const created = (await call(services, 'profiles.create', {
      name: 'Work',
      baseUrl: 'https://api.example.test/',
    })) as Profile
    expect(created).toMatchObject({
      name: 'Work',
      baseUrl: 'https://api.example.test',
      kind: 'remote',
      active: false,
    })
    expect(created.keys).toEqual({ required: true, set: false, store: null, keyIdLast4: null, problem: null })
    await call(services, 'profiles.update', {
      id: created.id,
      name: 'Studio',
      defaultCheckpoint: 'photon_v1_84728.safetensors',
    })
    await expect(call(services, 'profiles.create', { name: 'studio' })).rejects.toMatchObject({
      code: 'conflict',
    })
    await expect(
      call(services, 'profiles.create', { name: 'Bad', baseUrl: 'ftp://x.test' }),
    ).rejects.toMatchObject({
      code: 'invalid_request',
    })
    const settings = JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8'))
    expect(settings.profiles).toEqual([
      expect.objectContaining({
        id: created.id,
        name: 'Studio',
        defaultCheckpoint: 'photon_v1_84728.safetensors',
      }),
    ])
    const { profiles } = (await call(services, 'profiles.list', {})) as { profiles: Profile[] }
    expect(profiles.map((p) => p.name)).toEqual(['Demo (offline simulator)', 'Studio'])
  })

  it('round-trips keys through the keychain and answers only with their status', async () => {
    const { services, service } = await open()
    const { id } = (await call(services, 'profiles.create', { name: 'Work' })) as Profile
    const status = (await call(services, 'credentials.set', {
      profileId: id,
      accessKeyId: 'openapi-abcdefgh1234wxyz',
      accessKeySecret: canary,
    })) as KeysStatus
    expect(status).toEqual({
      required: true,
      set: true,
      store: 'keychain',
      keyIdLast4: 'wxyz',
      problem: null,
    })
    expect(JSON.stringify(status)).not.toContain(canary)

    const stored = JSON.parse((await keytar.getPassword(service, id)) ?? 'null')
    expect(stored).toEqual({ v: 1, accessKeyId: 'openapi-abcdefgh1234wxyz', accessKeySecret: canary })
    expect(await services.profiles.resolveConnection(id)).toEqual({
      baseUrl: 'https://api.zhiqite.com',
      auth: { accessKeyId: 'openapi-abcdefgh1234wxyz', accessKeySecret: canary },
      allowInsecureHttp: false,
    })

    // Edit the keys: the new ones replace the old in the same single entry.
    await call(services, 'credentials.set', {
      profileId: id,
      accessKeyId: 'openapi-new-id-9876',
      accessKeySecret: `${canary}-2`,
    })
    expect(await keytar.findCredentials(service)).toHaveLength(1)
    expect(await call(services, 'credentials.status', { profileId: id })).toMatchObject({
      set: true,
      keyIdLast4: '9876',
    })
  })

  it('finds keys again after a restart, from the keychain alone', async () => {
    const first = await open()
    const { id } = (await call(first.services, 'profiles.create', { name: 'Work' })) as Profile
    await call(first.services, 'credentials.set', {
      profileId: id,
      accessKeyId: 'key-id-0001',
      accessKeySecret: canary,
    })
    await first.close()
    const { createServices } = await import('../../../main/services/create-services')
    const again = await createServices({
      dataDir: first.dataDir,
      edition: 'test',
      version: '0',
      keychainService: first.service,
    })
    try {
      expect(await call(again, 'credentials.status', { profileId: id })).toMatchObject({
        set: true,
        store: 'keychain',
      })
    } finally {
      await again.close()
    }
  })

  it('deletes the keychain entry with the profile, and the active profile falls back to the demo', async () => {
    const { services, service } = await open()
    const { id } = (await call(services, 'profiles.create', { name: 'Work' })) as Profile
    await call(services, 'credentials.set', {
      profileId: id,
      accessKeyId: 'key-id-0001',
      accessKeySecret: canary,
    })
    await call(services, 'profiles.setActive', { id })
    expect(await keytar.getPassword(service, id)).not.toBeNull()

    expect(await call(services, 'profiles.delete', { id })).toEqual({ activeProfileId: 'demo' })
    expect(await keytar.findCredentials(service)).toEqual([])
    await expect(call(services, 'profiles.delete', { id: 'demo' })).rejects.toMatchObject({
      code: 'invalid_request',
    })
  })

  it('clears keys: the profile then needs keys, and nothing is left in the keychain', async () => {
    const { services, service } = await open()
    const { id } = (await call(services, 'profiles.create', { name: 'Work' })) as Profile
    await call(services, 'credentials.set', {
      profileId: id,
      accessKeyId: 'key-id-0001',
      accessKeySecret: canary,
    })
    expect(await call(services, 'credentials.clear', { profileId: id })).toMatchObject({ set: false })
    expect(await keytar.findCredentials(service)).toEqual([])
    await expect(services.profiles.resolveConnection(id)).rejects.toMatchObject({
      code: 'keys_needed',
      details: { profileId: id, reason: 'missing' },
    })
  })

  it('marks a profile "keys needed" when its keychain entry was changed by hand, without failing', async () => {
    const { services, service } = await open()
    const { id } = (await call(services, 'profiles.create', { name: 'Work' })) as Profile
    await keytar.setPassword(service, id, 'edited in Seahorse')
    const { profiles } = (await call(services, 'profiles.list', {})) as { profiles: Profile[] }
    expect(profiles.find((p) => p.id === id)?.keys).toEqual({
      required: true,
      set: false,
      store: null,
      keyIdLast4: null,
      problem: { code: 'keys_needed', reason: 'unreadable' },
    })
  })

  it('writes the secret to no file and no log line', async () => {
    const { services, dataDir } = await open()
    const { id } = (await call(services, 'profiles.create', { name: 'Work' })) as Profile
    await call(services, 'credentials.set', {
      profileId: id,
      accessKeyId: 'key-id-0001',
      accessKeySecret: canary,
    })
    services.logger.warn('probe', { echoed: `secret is ${canary}` })
    await call(services, 'profiles.list', {})
    for (const file of await filesUnder(dataDir)) expect(await readFile(file, 'utf8')).not.toContain(canary)
    expect(services.logger.lines.join('\n')).not.toContain(canary)
    expect(services.logger.lines.join('\n')).toContain('[redacted]')
  })
})
