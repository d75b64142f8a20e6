import keytar from 'keytar'
import { afterEach, describe, expect, it } from 'vitest'
import type { KeysStatus } from '#contract'
import { keychainServiceName } from '../../../main/services/credentials/secret-store'
import { simulatorTestKeys } from '../../../main/simulator/sim-keys'
import type { Simulator } from '../../../main/simulator/simulator'
import { objectsOnDisk, s3rverKeyId, useS3Server, type S3Server } from '../../support/s3-server'
import { useSimulators } from '../../support/simulators'
import { useTempDirs } from '../../support/temp-dir'
import { storageSecret } from '../storage/s3-tasks-kit'
import {
  expectUploadFetchedAndDeleted,
  img2imgArgs,
  recordIn,
  runImgOpen,
  setUpStorageProfile,
  writeImg2ImgFiles,
} from './cli-kit'

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
  const startSimulator = useSimulators()
  const profileIds: string[] = []
  afterEach(async () => {
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
    const server = await s3Server('bkt', { checkSignatures: storageSecret })
    const dataDir = await tempDir()
    await setUpStorageProfile({
      dataDir,
      name: 'Studio S3',
      simulator,
      server,
      finish: async (profile, call) => {
        profileIds.push(profile.id)
        await call('credentials.set', { profileId: profile.id, ...simulatorTestKeys })
        const keys = await call<KeysStatus>('credentials.setStorageKeys', {
          profileId: profile.id,
          accessKeyId: s3rverKeyId,
          secretAccessKey: storageSecret,
        })
        // A session-only key would die with this process: the command could not read it.
        expect(keys.store, 'run under `npm test`: the command needs the OS keychain').toBe('keychain')
      },
    })
    return { dataDir, server, simulator }
  }

  const localFiles = async () => writeImg2ImgFiles(await tempDir(), '#7a3e9d')

  const img2img = (dataDir: string, files: { params: string; path: string }, extra: string[] = []) =>
    runImgOpen([...img2imgArgs('Studio S3', files), ...extra], { IMG_OPEN_DATA_DIR: dataDir })

  it('uploads the local file, the service fetches it by its link, and it is deleted afterwards', async () => {
    const { dataDir, server, simulator } = await studioProfile()
    const files = await localFiles()
    const run = await img2img(dataDir, files)
    expect(run.code, run.stderr).toBe(0)
    const result = JSON.parse(run.stdout) as ImageJson
    expect(result).toMatchObject({ status: 'succeeded', images: [expect.any(String)] })

    await expectUploadFetchedAndDeleted(
      { dataDir, taskId: result.task_id, image: files.image },
      server,
      simulator,
    )
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
