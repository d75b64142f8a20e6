import sharp from 'sharp'
import { afterEach, expect } from 'vitest'
import { type Handlers, type TaskRecord } from '#contract'
import { createDispatcher } from '../../../main/ipc/dispatcher'
import { createApiClient } from '../../../main/services/api/api-client'
import { createSessionSecretStore } from '../../../main/services/credentials/secret-store'
import { createEventBus } from '../../../main/services/event-bus'
import { createHistoryHandlers } from '../../../main/services/history/history-handlers'
import { createHistoryStore } from '../../../main/services/history/history-store'
import { createImageCache } from '../../../main/services/images/image-cache'
import { createImagesHandlers } from '../../../main/services/images/images-handlers'
import { createLogger, createSecretRedactor } from '../../../main/services/logger'
import { createConnectionServices } from '../../../main/services/profiles/connection-services'
import { createTasksHandlers } from '../../../main/services/tasks/tasks-handlers'
import { createTasksService, type TasksServiceDeps } from '../../../main/services/tasks/tasks-service'
import { startSimulator, type Simulator, type SimulatorOptions } from '../../../main/simulator/simulator'
import {
  useLoopbackImageHosts,
  type LoopbackHostOptions,
  type LoopbackImageHost,
} from '../../support/loopback-image-host'

export const checkpoint = 'revAnimated_v122_7371.safetensors'
export const baseSettings = {
  prompt: 'a lighthouse at dusk',
  steps: 6,
  seed: 42,
  width: 256,
  height: 256,
  alwayson_scripts: { sd_model_checkpoint: checkpoint },
}

const fastTracking = { firstIntervalMs: 30, slowAfterMs: 1_000, maxIntervalMs: 100 }
const ctx = { transport: 'in-process' } as const

/** A PNG of one colour (or a noisy one: noise does not compress, so it is heavy). */
export async function solidImage(
  width: number,
  height: number,
  colour: string,
  format: 'png' | 'jpeg' | 'webp' = 'png',
): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .toFormat(format)
    .toBuffer()
}

export async function noisyPng(width: number, height: number): Promise<Buffer> {
  return sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 60 },
    },
  })
    .png()
    .toBuffer()
}

export type ImageTasksApp = Awaited<ReturnType<ReturnType<typeof useImageTasks>>>

/**
 * The real tasks service over the real simulator (the demo profile, no keys) with the real
 * history, image cache, API client and profiles, and a loopback HTTP image host for the demo
 * profile's uploads (or `sharedHost`, the bucket of an earlier app on the same data dir); calls go
 * through the real dispatcher. `close` closes it as the app does; `abandon` closes only its
 * history, as a crash or kill would leave things. Everything is closed after each test.
 */
export function useImageTasks() {
  const hosts = useLoopbackImageHosts()
  const closers: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close()
  })
  return async (
    dataDir: string,
    options: {
      readonly simulator?: SimulatorOptions
      readonly host?: Partial<LoopbackHostOptions>
      readonly sharedHost?: LoopbackImageHost
      readonly deps?: Partial<TasksServiceDeps>
    } = {},
  ) => {
    const simulator: Simulator = await startSimulator({
      demo: true,
      timing: { queueMs: 10, msPerStep: 5 },
      ...options.simulator,
    })
    closers.push(() => simulator.close())
    const logger = createLogger({ redactor: createSecretRedactor() })
    const events = createEventBus()
    const api = createApiClient({ logger })
    const connection = await createConnectionServices({
      dataDir,
      logger,
      redactor: createSecretRedactor(),
      events,
      api,
      startDemoServer: async () => ({ url: simulator.url, close: async () => undefined }),
      keychain: createSessionSecretStore(),
    })
    const history = createHistoryStore({ dataDir, clock: Date.now, logger })
    const imageCache = createImageCache({ dataDir, logger })
    const host = options.sharedHost ?? (await hosts({ profiles: ['demo'], ...options.host }))
    const { profiles } = connection
    const tasks = createTasksService({
      history,
      api,
      profiles,
      imageCache,
      imageHost: host,
      events,
      clock: Date.now,
      logger,
      trackerLimits: fastTracking,
      ...options.deps,
    })
    let closing: Promise<void> | undefined
    const close = () =>
      (closing ??= (async () => {
        // Requests a test left hanging would keep their callers (and so this close) waiting.
        host.cutStalled()
        await tasks.close()
        await connection.close()
        await api.close()
        await imageCache.close()
        history.close()
      })())
    closers.push(close)
    const handlers = {
      ...createTasksHandlers({ tasks, profiles, history }),
      ...createImagesHandlers({ imageCache }),
      ...createHistoryHandlers({ store: history, imageCache, api, profiles, clock: Date.now, logger }),
    } as unknown as Handlers
    const dispatch = createDispatcher(handlers, logger)
    async function call<T>(name: string, input: unknown): Promise<T> {
      const result = await dispatch(name, input, ctx)
      if (!result.ok)
        throw Object.assign(new Error(`${name}: ${result.error.code} ${result.error.message}`), result.error)
      return result.value as T
    }
    const importImage = async (bytes: Buffer) =>
      (await call<{ cacheKey: string }>('images.import', { base64: bytes.toString('base64') })).cacheKey
    const finalOf = async (id: string): Promise<TaskRecord> => {
      await expect
        .poll(() => history.get(id)?.status, { timeout: 20_000, interval: 30 })
        .toMatch(/succeeded|failed/)
      const record = history.get(id)
      if (!record) throw new Error('task vanished')
      return record
    }
    /** The task's first result image as the simulator serves it. */
    const resultBytes = async (record: TaskRecord) =>
      imageCache.read(record.images[0]?.cacheKey ?? '', 'full')
    return {
      simulator,
      host,
      history,
      imageCache,
      tasks,
      dispatch,
      call,
      importImage,
      finalOf,
      resultBytes,
      logger,
      close,
      /** The app stops dead: its history (and lock) go, its work in flight never finishes. */
      abandon: () => history.close(),
    }
  }
}
