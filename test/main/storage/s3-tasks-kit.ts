import { createHash } from 'node:crypto'
import sharp from 'sharp'
import { afterEach, expect } from 'vitest'
import type { Profile, Result, StorageConfigInput, TaskRecord } from '#contract'
import { createSessionSecretStore } from '../../../main/services/credentials/secret-store'
import { simulatorTestKeys } from '../../../main/simulator/sim-keys'
import { startSimulator, type Simulator, type SimulatorOptions } from '../../../main/simulator/simulator'
import type { ServicesConfig } from '../../../main/services/create-services'
import { s3rverKeyId, useS3Server } from '../../support/s3-server'
import { useServices } from '../../support/services'
import { useTempDirs } from '../../support/temp-dir'

/** The storage's secret access key; the S3 server checks every signature against it. */
export const storageSecret = `CANARY-S3-${crypto.randomUUID()}`

export const taskParams = {
  prompt: 'a lighthouse, repainted',
  steps: 6,
  seed: 42,
  width: 256,
  height: 256,
  alwayson_scripts: { sd_model_checkpoint: 'revAnimated_v122_7371.safetensors' },
}

const fastTracking = { firstIntervalMs: 30, slowAfterMs: 1_000, maxIntervalMs: 100 }

export const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

export const picture = (width: number, height: number, colour: string) =>
  sharp({ create: { width, height, channels: 3, background: colour } })
    .png()
    .toBuffer()

export interface S3ProfileOptions {
  /** Overrides of the profile's storage (bucket, endpoint, keepUploads…). */
  readonly storage?: Partial<StorageConfigInput>
  /** The secret the profile holds for its storage; the server's (`storageSecret`) by default. */
  readonly secret?: string
  /** More options for the simulator (e.g. `trainingMs`) and the services (e.g. `trainingWatchMs`). */
  readonly simulator?: SimulatorOptions
  readonly services?: Partial<ServicesConfig>
}

export type S3ProfileApp = Awaited<ReturnType<ReturnType<typeof useS3Profiles>>>

/**
 * The real services (in-memory keychain) with a user profile on the real simulator (with keys)
 * whose image storage is a real s3rver on 127.0.0.1 that checks SigV4 signatures, set up through
 * the procedures the Settings screen uses. Everything is closed after each test.
 */
export function useS3Profiles() {
  // Registered in this order so that after each test the services close first (their last
  // deletions still reach the storage), then the servers, then the temp dirs go.
  const tempDir = useTempDirs()
  const simulators: Simulator[] = []
  afterEach(async () => {
    await Promise.all(simulators.splice(0).map((simulator) => simulator.close()))
  })
  const s3Server = useS3Server()
  const services = useServices()

  return async (options: S3ProfileOptions = {}) => {
    const simulator = await startSimulator({
      keys: [simulatorTestKeys],
      timing: { queueMs: 10, msPerStep: 5 },
      ...options.simulator,
    })
    simulators.push(simulator)
    const app = await services({
      dataDir: await tempDir(),
      keychain: createSessionSecretStore(),
      trackerLimits: fastTracking,
      ...options.services,
    })
    const server = await s3Server('bkt', { checkSignatures: storageSecret })
    const dispatch = (name: string, input: unknown): Promise<Result<unknown>> =>
      app.dispatch(name, input, { transport: 'in-process' })
    async function call<T>(name: string, input: unknown): Promise<T> {
      const result = await dispatch(name, input)
      if (!result.ok) throw Object.assign(new Error(`${name}: ${result.error.code}`), result.error)
      return result.value as T
    }
    const profile = await call<Profile>('profiles.create', { name: 'Studio', baseUrl: simulator.url })
    await call('credentials.set', { profileId: profile.id, ...simulatorTestKeys })
    const storage = { endpoint: server.endpoint, bucket: server.bucket, forcePathStyle: true }
    await call('profiles.setStorage', { id: profile.id, storage: { ...storage, ...options.storage } })
    await call('credentials.setStorageKeys', {
      profileId: profile.id,
      accessKeyId: s3rverKeyId,
      secretAccessKey: options.secret ?? storageSecret,
    })

    const importImage = async (bytes: Buffer) =>
      (await call<{ cacheKey: string }>('images.import', { base64: bytes.toString('base64') })).cacheKey
    const submitRequest = (request: Record<string, unknown>) => ({
      profileId: profile.id,
      params: taskParams,
      ...request,
    })
    const settled = async (taskId: string): Promise<TaskRecord> => {
      await expect
        .poll(() => app.history.get(taskId)?.status, { timeout: 20_000, interval: 30 })
        .toMatch(/^(succeeded|failed)$/)
      const record = app.history.get(taskId)
      if (!record) throw new Error('task vanished')
      return record
    }
    return { app, simulator, server, profile, dispatch, call, importImage, submitRequest, settled }
  }
}
