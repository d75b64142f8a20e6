import { spawn, type ChildProcess } from 'node:child_process'
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createServices } from '../../../main/services/create-services'
import { createSessionSecretStore } from '../../../main/services/credentials/secret-store'
import { simulatorTestKeys } from '../../../main/simulator/sim-keys'
import type { Simulator } from '../../../main/simulator/simulator'
import { objectsOnDisk, s3rverKeyId, useS3Server, type S3Server } from '../../support/s3-server'
import { useSimulators } from '../../support/simulators'
import { useTempDirs } from '../../support/temp-dir'
import { setUpStorageProfile, withoutSessionBus } from '../cli/cli-kit'
import { storageSecret } from '../storage/s3-tasks-kit'
import { trainParams, writeDataset } from './training-kit'

/*
 * kill -9 of `img-open train` while it uploads and while it submits (SECURITY.md #20, #23): the
 * job is in the history (the intent record came first), and the next start finishes it with
 * exactly one training job on the service and no image uploaded twice.
 */

const bin = resolve(__dirname, '../../../bin/img-open.mjs')

/** A pass-through in front of the storage that holds the `stallAt`-th PUT (1-based) unanswered. */
async function stallingProxy(target: string, stallAt: number) {
  let puts = 0
  const held: (() => void)[] = []
  const server: Server = createServer((req, res) => {
    if (req.method === 'PUT' && ++puts === stallAt) {
      held.push(() => res.destroy())
      return
    }
    const url = new URL(req.url ?? '/', target)
    const upstream = request(url, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    puts: () => puts,
    close: () => {
      for (const release of held) release()
      server.closeAllConnections()
      return new Promise<void>((done) => server.close(() => done()))
    },
  }
}

describe('kill -9 during a training job', { timeout: 120_000 }, () => {
  const tempDir = useTempDirs()
  const s3Server = useS3Server()
  const startSimulator = useSimulators()
  const children: ChildProcess[] = []
  const closers: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const child of children.splice(0)) child.kill('SIGKILL')
    for (const close of closers.splice(0).reverse()) await close()
  })

  async function setUp(storageEndpoint: (server: S3Server) => Promise<string>) {
    const simulator = await startSimulator({ keys: [simulatorTestKeys], trainingMs: 200 })
    const server = await s3Server('bkt', { checkSignatures: storageSecret })
    const endpoint = await storageEndpoint(server)
    const dataDir = await tempDir()
    await setUpStorageProfile({
      dataDir,
      name: 'Trainer',
      simulator,
      server: { ...server, endpoint },
      services: { keychain: createSessionSecretStore() },
    })
    const images = join(await tempDir(), 'images')
    await writeDataset(images, 10)
    const params = join(await tempDir(), 'train.json')
    await writeFile(params, JSON.stringify(trainParams))
    const child = spawn(
      process.execPath,
      [bin, 'train', '--profile', 'Trainer', '--images', images, '--params', params],
      {
        env: {
          ...process.env,
          ...withoutSessionBus,
          IMG_OPEN_DATA_DIR: dataDir,
          IMG_OPEN_ACCESS_KEY_ID: simulatorTestKeys.accessKeyId,
          IMG_OPEN_ACCESS_KEY_SECRET: simulatorTestKeys.accessKeySecret,
          IMG_OPEN_STORAGE_ACCESS_KEY_ID: s3rverKeyId,
          IMG_OPEN_STORAGE_SECRET_ACCESS_KEY: storageSecret,
        },
        stdio: 'ignore',
      },
    )
    children.push(child)
    const exited = new Promise<void>((done) => child.once('exit', () => done()))
    return { simulator, server, dataDir, child, exited }
  }

  /** The next start: the same data folder and keys; start-up resumes the job. */
  async function restart(dataDir: string, simulator: Simulator) {
    const services = await createServices({
      dataDir,
      edition: 'test',
      version: '0.0.0-test',
      keychain: createSessionSecretStore(),
      connectionOverride: { baseUrl: simulator.url, auth: simulatorTestKeys },
      storageKeysOverride: { accessKeyId: s3rverKeyId, secretAccessKey: storageSecret },
      trainingWatchMs: 50,
    })
    closers.push(() => services.close())
    await services.tasks.resume()
    return services
  }

  it('while uploading: the job resumes its uploads where they stopped and is sent once', async () => {
    const held: { proxy?: Awaited<ReturnType<typeof stallingProxy>> } = {}
    const { simulator, server, dataDir, child, exited } = await setUp(async (s3) => {
      const opened = await stallingProxy(s3.endpoint, 4)
      held.proxy = opened
      closers.push(() => opened.close())
      return opened.endpoint
    })
    await expect.poll(() => held.proxy?.puts(), { timeout: 60_000, interval: 20 }).toBe(4)
    child.kill('SIGKILL')
    await exited
    expect(simulator.training.jobs()).toHaveLength(0)
    const uploadedBefore = (await objectsOnDisk(server)).size
    expect(uploadedBefore).toBe(3)
    const services = await restart(dataDir, simulator)
    const [job] = services.history.unfinished()
    expect(job).toMatchObject({ kind: 'training', stage: 'uploading' })
    const id = job?.id ?? ''
    await expect
      .poll(() => services.history.get(id)?.status, { timeout: 30_000, interval: 30 })
      .toBe('succeeded')
    expect(simulator.training.jobs().map((sent) => sent.taskId)).toEqual([id])
    expect(simulator.training.jobs()[0]?.inputs).toHaveLength(10)
    // 3 + 7 uploads in all, every one deleted once the job ended.
    expect(held.proxy?.puts()).toBe(4 + 7)
    await expect.poll(async () => (await objectsOnDisk(server)).size).toBe(0)
  })

  it('while submitting: the job is sent again with the same taskId and exists once', async () => {
    const { simulator, dataDir, child, exited } = await setUp(async (s3) => s3.endpoint)
    simulator.setFaults({ stallHeaders: { paths: ['/submitTraining/Job'] } })
    await expect
      .poll(() => simulator.requests.count({ path: '/submitTraining/Job' }), {
        timeout: 60_000,
        interval: 20,
      })
      .toBe(1)
    child.kill('SIGKILL')
    await exited
    simulator.setFaults({})
    const services = await restart(dataDir, simulator)
    const [job] = services.history.unfinished()
    const id = job?.id ?? ''
    expect(job).toMatchObject({ kind: 'training', stage: 'sending', status: 'submitting' })
    await expect
      .poll(() => services.history.get(id)?.status, { timeout: 30_000, interval: 30 })
      .toBe('succeeded')
    expect(simulator.training.jobs().map((sent) => sent.taskId)).toEqual([id])
    expect(
      simulator.requests
        .list()
        .filter((sent) => sent.path.endsWith('/submitTraining/Job'))
        .every((sent) => sent.taskId === id),
    ).toBe(true)
  })
})
