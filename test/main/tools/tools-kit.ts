import { afterEach, expect } from 'vitest'
import type { TaskRecord } from '#contract'
import type { Handlers } from '#contract'
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
import {
  createCustomTools,
  createMediaDownloader,
  createMediaStore,
  createToolsHandlers,
  createToolsService,
  type ToolsServiceDeps,
} from '../../../main/services/tools'
import { startSimulator, type Simulator, type SimulatorOptions } from '../../../main/simulator/simulator'
import { useLoopbackImageHosts } from '../../support/loopback-image-host'

const fastTracking = { firstIntervalMs: 20, slowAfterMs: 1_000, maxIntervalMs: 60 }
const ctx = { transport: 'in-process' } as const

export type ToolsApp = Awaited<ReturnType<ReturnType<typeof useToolsApp>>>

/**
 * The real tools service over the real simulator (the demo profile, no keys), with the real
 * history, image cache, API client, profiles and a loopback image host for uploads; calls go
 * through the real dispatcher. Everything is closed after each test.
 */
export function useToolsApp() {
  const hosts = useLoopbackImageHosts()
  const closers: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close()
  })
  return async (
    dataDir: string,
    options: {
      readonly simulator?: SimulatorOptions
      readonly deps?: Partial<ToolsServiceDeps>
      /** Keys the simulator demands and the profile sends (instead of the keyless demo). */
      readonly keys?: { readonly accessKeyId: string; readonly accessKeySecret: string }
    } = {},
  ) => {
    const simulator: Simulator = await startSimulator({
      demo: options.keys === undefined,
      ...(options.keys ? { keys: [options.keys] } : {}),
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
    const host = await hosts({ profiles: ['demo'] })
    const media = createMediaDownloader()
    const keys = options.keys
    const profiles = keys
      ? {
          ...connection.profiles,
          resolveConnection: async () => ({ baseUrl: simulator.url, auth: keys }),
        }
      : connection.profiles
    const tools = createToolsService({
      history,
      api,
      profiles,
      imageCache,
      imageHost: host,
      media,
      mediaStore: createMediaStore(dataDir),
      events,
      clock: Date.now,
      logger,
      trackerLimits: fastTracking,
      ...options.deps,
    })
    closers.push(async () => {
      host.cutStalled()
      await tools.close()
      await media.close()
      await connection.close()
      await api.close()
      await imageCache.close()
      history.close()
    })
    const handlers = {
      ...createToolsHandlers({ tools, customTools: createCustomTools(dataDir) }),
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
        .poll(() => history.get(id)?.status, { timeout: 20_000, interval: 20 })
        .toMatch(/succeeded|failed/)
      const record = history.get(id)
      if (!record) throw new Error('task vanished')
      return record
    }
    return { simulator, host, history, imageCache, tools, dispatch, call, importImage, finalOf, logger }
  }
}
