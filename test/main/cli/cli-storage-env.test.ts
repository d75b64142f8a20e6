import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createServices } from '../../../main/services/create-services'
import { createSessionSecretStore } from '../../../main/services/credentials/secret-store'
import { simulatorTestKeys } from '../../../main/simulator/sim-keys'
import type { Simulator } from '../../../main/simulator/simulator'
import { s3rverKeyId, useS3Server, type S3Server } from '../../support/s3-server'
import { useSimulators } from '../../support/simulators'
import { useTempDirs } from '../../support/temp-dir'
import { leaksInFiles, leaksInTexts, makeCanaries } from '../security/leak-kit'
import {
  expectUploadFetchedAndDeleted,
  img2imgArgs,
  runImgOpen,
  runInProcess,
  setUpStorageProfile,
  withoutSessionBus,
  writeImg2ImgFiles,
  type CliRun,
} from './cli-kit'

/*
 * A server or CI without a Secret Service: the profile's storage (a real s3rver on 127.0.0.1 that
 * checks SigV4 signatures) is configured in the data folder, but its keys come only from the
 * IMG_OPEN_STORAGE_* variables of one run, and the command runs with no D-Bus session at all.
 */
interface ImageJson {
  task_id: string
  status: string
}

const storageAuthLine =
  'img-open: The image storage refused its access keys. Check the storage keys of this profile, or IMG_OPEN_STORAGE_ACCESS_KEY_ID and IMG_OPEN_STORAGE_SECRET_ACCESS_KEY if set.\n'
const storageKeysNeededLine =
  "img-open: This profile's image storage has no access keys here. Set them in the app, or pass IMG_OPEN_STORAGE_ACCESS_KEY_ID and IMG_OPEN_STORAGE_SECRET_ACCESS_KEY.\n"

describe('img-open with the storage keys in the environment, without a keychain', { timeout: 60_000 }, () => {
  const tempDir = useTempDirs()
  const s3Server = useS3Server()
  const startSimulator = useSimulators()
  const canaries = makeCanaries()

  /** A data folder whose profile "Headless" has its storage set up, and no keys stored anywhere. */
  async function headlessProfile(): Promise<{ dataDir: string; server: S3Server; simulator: Simulator }> {
    const simulator = await startSimulator({
      keys: [simulatorTestKeys],
      timing: { queueMs: 10, msPerStep: 5 },
    })
    const server = await s3Server('bkt', { checkSignatures: canaries.storageSecret })
    const dataDir = await tempDir()
    await setUpStorageProfile({
      dataDir,
      name: 'Headless',
      simulator,
      server,
      services: { keychain: createSessionSecretStore() },
    })
    return { dataDir, server, simulator }
  }

  const localFiles = async () => writeImg2ImgFiles(await tempDir(), '#2e8b57')

  const img2img = (dataDir: string, files: { params: string; path: string }, env: NodeJS.ProcessEnv) =>
    runImgOpen(img2imgArgs('Headless', files), {
      ...withoutSessionBus,
      IMG_OPEN_DATA_DIR: dataDir,
      IMG_OPEN_ACCESS_KEY_ID: simulatorTestKeys.accessKeyId,
      IMG_OPEN_ACCESS_KEY_SECRET: simulatorTestKeys.accessKeySecret,
      ...env,
    })

  async function expectNoLeaks(dataDir: string, runs: readonly CliRun[]) {
    expect(
      leaksInTexts(
        runs.flatMap((run) => [run.stdout, run.stderr]),
        canaries,
      ),
    ).toEqual([])
    expect(await leaksInFiles(dataDir, canaries)).toEqual([])
  }

  it('uploads a local image with the keys from the environment, and deletes it afterwards', async () => {
    const { dataDir, server, simulator } = await headlessProfile()
    const files = await localFiles()

    // Without the variables there is nowhere to read the storage keys from: no keychain here.
    const without = await img2img(dataDir, files, {})
    expect(without).toMatchObject({ code: 1, stdout: '', stderr: storageKeysNeededLine })
    expect(server.accepted).toEqual([])

    const run = await img2img(dataDir, files, {
      IMG_OPEN_STORAGE_ACCESS_KEY_ID: s3rverKeyId,
      IMG_OPEN_STORAGE_SECRET_ACCESS_KEY: canaries.storageSecret,
    })
    expect(run.code, run.stderr).toBe(0)
    const result = JSON.parse(run.stdout) as ImageJson
    expect(result.status).toBe('succeeded')
    // Signed with the secret from the environment: into the bucket, fetched by the service, deleted.
    await expectUploadFetchedAndDeleted(
      { dataDir, taskId: result.task_id, image: files.image },
      server,
      simulator,
    )
    await expectNoLeaks(dataDir, [without, run])
    // The command really ran without a keychain: every attempt to reach one found no Secret Service.
    const log = await readFile(join(dataDir, 'logs', 'main.log'), 'utf8')
    expect(log).toMatch(/"event":"keychain\.failed".*"reason":"no_secret_service"/)
  })

  it('a wrong secret in the environment: one line saying the storage refused its keys', async () => {
    const { dataDir, server, simulator } = await headlessProfile()
    const files = await localFiles()
    const run = await img2img(dataDir, files, {
      IMG_OPEN_STORAGE_ACCESS_KEY_ID: s3rverKeyId,
      IMG_OPEN_STORAGE_SECRET_ACCESS_KEY: canaries.wrongStorageSecret,
    })
    expect(run).toEqual({ code: 1, stdout: '', stderr: storageAuthLine })
    expect(server.refusals.length).toBeGreaterThan(0)
    expect(new Set(server.refusals)).toEqual(new Set(['SignatureDoesNotMatch']))
    expect(server.accepted).toEqual([])
    expect(simulator.tasks.count()).toBe(0)
    await expectNoLeaks(dataDir, [run])
  })

  it('the services of such a run keep both storage keys out of every log line', async () => {
    const dataDir = await tempDir()
    const keyId = `STORAGEKEYID${canaries.accessKeyId}`
    const services = await createServices({
      dataDir,
      edition: 'cli',
      version: '0.0.0-test',
      keychain: createSessionSecretStore(),
      storageKeysOverride: { accessKeyId: keyId, secretAccessKey: canaries.storageSecret },
    })
    try {
      services.logger.warn('test.careless', { note: `id ${keyId} secret ${canaries.storageSecret}` })
    } finally {
      await services.close()
    }
    const log = await readFile(join(dataDir, 'logs', 'main.log'), 'utf8')
    expect(log).toContain('"note":"id [redacted] secret [redacted]"')
    expect(await leaksInFiles(dataDir, canaries)).toEqual([])
  })

  it('one variable without the other: exit 2 with the usage line, before the data folder opens', async () => {
    const dataDir = await tempDir()
    const files = await localFiles()
    const args = ['img2img', '--params', files.params, '--image', files.path, '--wait']
    const halves = [
      { IMG_OPEN_STORAGE_ACCESS_KEY_ID: s3rverKeyId },
      { IMG_OPEN_STORAGE_SECRET_ACCESS_KEY: canaries.storageSecret },
    ]
    const runs: CliRun[] = []
    for (const half of halves) {
      const english = await runInProcess(args, { IMG_OPEN_DATA_DIR: dataDir, ...half })
      expect(english).toEqual({
        code: 2,
        stdout: '',
        stderr:
          'img-open: Set both IMG_OPEN_STORAGE_ACCESS_KEY_ID and IMG_OPEN_STORAGE_SECRET_ACCESS_KEY, or neither.\n',
      })
      const chinese = await runInProcess(args, { IMG_OPEN_DATA_DIR: dataDir, LC_ALL: 'zh_CN.UTF-8', ...half })
      expect(chinese).toEqual({
        code: 2,
        stdout: '',
        stderr:
          'img-open：请同时设置 IMG_OPEN_STORAGE_ACCESS_KEY_ID 和 IMG_OPEN_STORAGE_SECRET_ACCESS_KEY，或都不设置。\n',
      })
      runs.push(english, chinese)
    }
    // The real command says the same.
    const real = await runImgOpen(args, { IMG_OPEN_DATA_DIR: dataDir, ...halves[1] })
    expect(real).toEqual(runs[2])
    expect(
      leaksInTexts(
        [...runs, real].flatMap((run) => [run.stdout, run.stderr]),
        canaries,
      ),
    ).toEqual([])
    expect(await readdir(dataDir)).toEqual([])
  })
})
