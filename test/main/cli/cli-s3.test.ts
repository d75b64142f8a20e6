import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import keytar from 'keytar'
import { afterEach, describe, expect, it } from 'vitest'
import type { KeysStatus, Profile } from '../../../main/contract'
import { createServices } from '../../../main/services/create-services'
import { keychainServiceName } from '../../../main/services/credentials/secret-store'
import { simulatorTestKeys } from '../../../main/simulator/sim-keys'
import { startSimulator, type Simulator } from '../../../main/simulator/simulator'
import { objectsOnDisk, s3rverKeyId, useS3Server, type S3Server } from '../../support/s3-server'
import { useTempDirs } from '../../support/temp-dir'
import { picture, sha256Of, storageSecret, taskParams } from '../storage/s3-tasks-kit'
import { recordIn, runImgOpen } from './cli-kit'

/*
 * `img-open img2img` through a profile whose image storage is a real s3rver on 127.0.0.1 that checks
 * signatures. The command reads storage keys from the OS keychain only, under the app's own entry
 * name, so this runs under `npm test` (a private D-Bus session with a throwaway keyring), like the
 * other keychain tests; its entries are removed afterwards.
 */
interface ImageJson {
  task_id: string
  status: string
  images: string[]
}

describe('img-open img2img with a profile’s own S3 storage', { timeout: 60_000 }, () => {
  const tempDir = useTempDirs()
  const s3Server = useS3Server()
  const simulators: Simulator[] = []
  const profileIds: string[] = []
  afterEach(async () => {
    await Promise.all(simulators.splice(0).map((simulator) => simulator.close()))
    for (const id of profileIds.splice(0)) {
      await keytar.deletePassword(keychainServiceName, id)
      await keytar.deletePassword(keychainServiceName, `${id}:storage`)
    }
  })

  /** A data folder with the profile "Studio S3" set up in the app, as a user would, then closed. */
  async function studioProfile(): Promise<{ dataDir: string; server: S3Server; simulator: Simulator }> {
    const simulator = await startSimulator({
      keys: [simulatorTestKeys],
      timing: { queueMs: 10, msPerStep: 5 },
    })
    simulators.push(simulator)
    const server = await s3Server('bkt', { checkSignatures: storageSecret })
    const dataDir = await tempDir()
    const services = await createServices({ dataDir, edition: 'test', version: '0.0.0-test' })
    try {
      const call = async <T>(name: string, input: unknown) => {
        const result = await services.dispatch(name, input, { transport: 'in-process' })
        if (!result.ok) throw Object.assign(new Error(`${name}: ${result.error.code}`), result.error)
        return result.value as T
      }
      const profile = await call<Profile>('profiles.create', { name: 'Studio S3', baseUrl: simulator.url })
      profileIds.push(profile.id)
      await call('credentials.set', { profileId: profile.id, ...simulatorTestKeys })
      await call('profiles.setStorage', {
        id: profile.id,
        storage: { endpoint: server.endpoint, bucket: server.bucket, forcePathStyle: true },
      })
      const keys = await call<KeysStatus>('credentials.setStorageKeys', {
        profileId: profile.id,
        accessKeyId: s3rverKeyId,
        secretAccessKey: storageSecret,
      })
      // A session-only key would die with this process: the command could not read it.
      expect(keys.store, 'run under `npm test`: the command needs the OS keychain').toBe('keychain')
    } finally {
      await services.close()
    }
    return { dataDir, server, simulator }
  }

  async function localFiles() {
    const dir = await tempDir()
    const image = await picture(160, 96, '#7a3e9d')
    await writeFile(join(dir, 'params.json'), JSON.stringify(taskParams))
    await writeFile(join(dir, 'local.png'), image)
    return { params: join(dir, 'params.json'), path: join(dir, 'local.png'), image }
  }

  const img2img = (dataDir: string, files: { params: string; path: string }, extra: string[] = []) =>
    runImgOpen(
      [
        'img2img',
        '--profile',
        'Studio S3',
        '--params',
        files.params,
        '--image',
        files.path,
        '--wait',
        '--json',
        ...extra,
      ],
      { IMG_OPEN_DATA_DIR: dataDir },
    )

  it('uploads the local file, the service fetches it by its link, and it is deleted afterwards', async () => {
    const { dataDir, server, simulator } = await studioProfile()
    const files = await localFiles()
    const run = await img2img(dataDir, files)
    expect(run.code, run.stderr).toBe(0)
    const result = JSON.parse(run.stdout) as ImageJson
    expect(result).toMatchObject({ status: 'succeeded', images: [expect.any(String)] })

    const input = recordIn(dataDir, result.task_id)?.inputs?.[0]
    expect(input).toMatchObject({ role: 'source', origin: 'upload', keepUpload: false, storageObject: null })
    const link = new URL(input?.url ?? '')
    expect(link.origin).toBe(server.endpoint)
    const object = decodeURIComponent(link.pathname)
    // Into the bucket, out to the service by its presigned link, and deleted: in that order.
    expect(server.accepted).toEqual([`PUT ${object}`, `GET ${object}`, `DELETE ${object}`])
    expect(server.refusals).toEqual([])
    const arrived = simulator.inputs(result.task_id)
    expect(arrived.map((image) => image.sha256)).toEqual([sha256Of(files.image)])
    expect((await objectsOnDisk(server)).size).toBe(0)
  })

  it('--keep-uploads leaves the uploaded file in the bucket', async () => {
    const { dataDir, server } = await studioProfile()
    const files = await localFiles()
    const run = await img2img(dataDir, files, ['--keep-uploads'])
    expect(run.code, run.stderr).toBe(0)
    const { task_id: taskId } = JSON.parse(run.stdout) as ImageJson
    const input = recordIn(dataDir, taskId)?.inputs?.[0]
    expect(input).toMatchObject({ keepUpload: true, storageObject: { bucket: 'bkt' } })
    const onDisk = await objectsOnDisk(server)
    expect([...onDisk.keys()]).toEqual([input?.storageObject?.key])
    expect(onDisk.get(input?.storageObject?.key ?? '')?.equals(files.image)).toBe(true)
    expect(server.accepted.some((request) => request.startsWith('DELETE'))).toBe(false)
  })
})
