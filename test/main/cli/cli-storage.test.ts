import { PassThrough } from 'node:stream'
import keytar from 'keytar'
import { afterEach, describe, expect, it } from 'vitest'
import type { CliInput } from '../../../main/cli/cli-context'
import { keychainServiceName } from '../../../main/services/credentials/secret-store'
import { s3rverKeyId, useS3Server } from '../../support/s3-server'
import { useTempDirs } from '../../support/temp-dir'
import { filesUnder, runImgOpen, runInProcess } from './cli-kit'

/*
 * `img-open storage …` and the hidden key prompt, against a real S3-compatible server (s3rver on
 * 127.0.0.1 that checks SigV4 signatures with the secret below) and the real OS keychain.
 */
interface StorageJson {
  profile: string
  storage: { bucket: string; endpoint: string; forcePathStyle: boolean; urlExpirySeconds: number } | null
  keys: { set: boolean; store: string | null; key_id_last4: string | null }
}

/** A terminal that types `lines` once the command starts reading; raw mode is recorded. */
function terminal(lines: string[]): CliInput & { rawModes: boolean[] } {
  const input = new PassThrough() as PassThrough & { isTTY: boolean; rawModes: boolean[] }
  input.isTTY = true
  input.rawModes = []
  const typed = [...lines]
  Object.assign(input, {
    setRawMode(mode: boolean) {
      input.rawModes.push(mode)
      const next = mode ? typed.shift() : undefined
      if (next !== undefined) setImmediate(() => input.write(next))
      return input
    },
  })
  return input
}

describe('img-open storage', { timeout: 180_000 }, () => {
  const tempDir = useTempDirs()
  const s3Server = useS3Server()
  const secret = `CANARY-S3-${crypto.randomUUID()}`
  const profileIds: string[] = []
  afterEach(async () => {
    for (const id of profileIds.splice(0)) {
      await keytar.deletePassword(keychainServiceName, id)
      await keytar.deletePassword(keychainServiceName, `${id}:storage`)
    }
  })

  async function studio(dataDir: string): Promise<string> {
    const add = await runInProcess(
      ['profile', 'add', 'Studio', '--base-url', 'https://api.example.com', '--use', '--json'],
      {
        IMG_OPEN_DATA_DIR: dataDir,
      },
    )
    expect(add.code).toBe(0)
    const id = (JSON.parse(add.stdout) as { profile: { id: string } }).profile.id
    profileIds.push(id)
    return id
  }

  it('sets the storage with keys typed at a hidden prompt, shows it without the secret, and tests it', async () => {
    const server = await s3Server('renders', { checkSignatures: secret })
    const dataDir = await tempDir()
    const env = { IMG_OPEN_DATA_DIR: dataDir }
    await studio(dataDir)

    const input = terminal([`${s3rverKeyId}\r`, `${secret}\r`])
    const set = await runInProcess(
      [
        'storage',
        'set',
        '--bucket',
        'renders',
        '--endpoint',
        server.endpoint,
        '--path-style',
        '--expiry',
        '7200',
      ],
      env,
      input,
    )
    expect(set.code).toBe(0)
    // The questions are asked on stderr; nothing typed is echoed anywhere.
    expect(set.stderr).toBe('Storage access key id (not shown): \nStorage secret access key (not shown): \n')
    expect(set.stdout).toBe(
      `Image storage of profile "Studio" set: bucket renders at ${server.endpoint} (keys: in the OS keychain (id …${s3rverKeyId.slice(-4)})).\n`,
    )
    expect(input.rawModes).toEqual([true, false, true, false])

    const show = await runImgOpen(['storage', 'show', '--json'], env)
    const shown = JSON.parse(show.stdout) as StorageJson
    expect(shown.storage).toMatchObject({
      bucket: 'renders',
      endpoint: server.endpoint,
      forcePathStyle: true,
      urlExpirySeconds: 7200,
    })
    expect(shown.keys).toEqual({ set: true, store: 'keychain', key_id_last4: 'RVER' })
    const text = await runImgOpen(['storage', 'show'], env)
    expect(text.stdout).toContain('Bucket:          renders\n')
    expect(show.stdout + text.stdout).not.toContain(secret)

    // The keys come from the keychain alone: the probe passes the signature check.
    const test = await runImgOpen(['storage', 'test'], env)
    expect(test.stderr).toBe('')
    expect(test.stdout).toBe(
      'The image storage of profile "Studio" works: a probe object was uploaded to renders, fetched by its link and deleted.\n',
    )
    expect(server.refusals).toEqual([])
    for (const file of await filesUnder(dataDir)) expect(file.bytes.includes(secret), file.path).toBe(false)
  })

  it('keys from the environment are stored; a wrong secret fails the test with what to check', async () => {
    const server = await s3Server('renders', { checkSignatures: secret })
    const dataDir = await tempDir()
    const env = { IMG_OPEN_DATA_DIR: dataDir }
    await studio(dataDir)
    const set = await runImgOpen(
      ['storage', 'set', '--bucket', 'renders', '--endpoint', server.endpoint, '--path-style'],
      {
        ...env,
        IMG_OPEN_STORAGE_ACCESS_KEY_ID: s3rverKeyId,
        IMG_OPEN_STORAGE_SECRET_ACCESS_KEY: `${secret}-wrong`,
      },
    )
    expect(set.code).toBe(0)
    const test = await runImgOpen(['storage', 'test', '--json'], env)
    expect(test.code).toBe(1)
    expect(test.stderr).toContain('The image storage refused its access keys.')
    expect(test.stderr).not.toContain(`${secret}-wrong`)
  })

  it('names the option of a bad value and says when there is no storage, in both languages', async () => {
    const dataDir = await tempDir()
    const env = { IMG_OPEN_DATA_DIR: dataDir }
    await studio(dataDir)
    const bucket = await runInProcess(['storage', 'set', '--bucket', 'Bad_Bucket'], env)
    expect(bucket.code).toBe(2)
    expect(bucket.stderr).toBe(
      'img-open: Bad value for --bucket: A bucket name is lower-case letters, digits, dots and hyphens.\n',
    )
    const expiry = await runInProcess(['storage', 'set', '--bucket', 'ok-bucket', '--expiry', '999999'], env)
    expect(expiry.stderr).toContain('--expiry')
    expect(expiry.stderr).toContain('use whole seconds from 60 to 604800 (7 days)')
    const none = await runInProcess(['storage', 'show'], env)
    expect(none.stdout).toContain('Profile "Studio" has no image storage')
    const zh = await runInProcess(['storage', 'show'], { ...env, LANG: 'zh_CN.UTF-8' })
    expect(zh.stdout).toContain('配置“Studio”没有图片存储')
    // Ctrl+C at the key prompt: nothing is saved, not even the bucket.
    const cancelled = await runInProcess(
      ['storage', 'set', '--bucket', 'ok-bucket'],
      env,
      terminal(['\u0003']),
    )
    expect(cancelled.code).toBe(2)
    expect(cancelled.stderr).toContain('img-open: Cancelled; nothing was saved.')
    expect((await runInProcess(['storage', 'show'], env)).stdout).toContain('has no image storage')
  })
})
