import { afterEach } from 'vitest'
import {
  isAppError,
  text2ImageParamsSchema,
  type AppError,
  type Text2ImageParams,
  type Text2ImageParamsInput,
} from '#contract'
import type { ApiTimers } from '../../../main/services/api/api-call'
import { createApiClient, type ClosableApiClient } from '../../../main/services/api/api-client'
import { createApiDispatcher } from '../../../main/services/api/api-dispatcher'
import { resolveApiLimits, type ApiLimits } from '../../../main/services/api/api-limits'
import type { ApiClient, ApiConnection } from '../../../main/services/api/api-types'
import { createLogger, createSecretRedactor, type MemoryLogger } from '../../../main/services/logger'
import { simulatorTestKeys } from '../../../main/simulator/sim-keys'
import { startSimulator, type Simulator, type SimulatorOptions } from '../../../main/simulator/simulator'

/** Limits small enough that every timeout, retry and reconciliation in a test takes milliseconds. */
export const fastLimits: Partial<ApiLimits> = {
  connectTimeoutMs: 5_000,
  headersTimeoutMs: 5_000,
  bodyTimeoutMs: 5_000,
  submitDeadlineMs: 15_000,
  queryDeadlineMs: 15_000,
  baseDelayMs: 5,
  maxDelayMs: 20,
  retryBudgetMs: 2_000,
  reconcileWindowMs: 60,
}

/** Simulated work that finishes in well under a second. */
export const fastTiming = { queueMs: 30, msPerStep: 4 }

export const params = (overrides: Partial<Text2ImageParamsInput> = {}): Text2ImageParams =>
  text2ImageParamsSchema.parse({
    prompt: 'a lighthouse at dusk, oil painting',
    steps: 10,
    width: 512,
    height: 768,
    alwayson_scripts: {
      sd_model_checkpoint: 'revAnimated_v122_7371.safetensors',
      sd_vae: 'vae-ft-mse-840000-ema-pruned.ckpt',
    },
    ...overrides,
  })

export const connectionTo = (
  simulator: Simulator,
  auth: ApiConnection['auth'] = simulatorTestKeys,
): ApiConnection => ({
  baseUrl: simulator.url,
  auth,
})

/** The AppError a call fails with; anything else (or success) fails the test. */
export const failureOf = async (promise: Promise<unknown>): Promise<AppError> => {
  try {
    await promise
  } catch (error) {
    if (isAppError(error)) return error
    throw error
  }
  throw new Error('expected a failure')
}

/** The bytes of a task's first image once the service says it succeeded; a failed task fails the test. */
export const resultBytes = async (api: ApiClient, connection: ApiConnection, taskId: string) => {
  for (;;) {
    const snapshot = await api.queryTask(connection, taskId)
    if (snapshot.state === 'failed') throw new Error(snapshot.description)
    if (snapshot.state === 'succeeded')
      return Buffer.from((await api.fetchImage(snapshot.images[0]?.url ?? '')).bytes)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** Timers whose sleeps are recorded and take no time (Retry-After and backoff become observable). */
export function instantTimers(): ApiTimers & { readonly sleeps: number[] } {
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => Date.now(),
    async sleep(ms, signal) {
      sleeps.push(ms)
      if (signal.aborted) throw new Error('aborted')
    },
  }
}

export interface Kit {
  simulator(options?: SimulatorOptions): Promise<Simulator>
  client(options?: {
    limits?: Partial<ApiLimits>
    timers?: ApiTimers
    env?: NodeJS.ProcessEnv
    ca?: string
  }): {
    api: ClosableApiClient
    logger: MemoryLogger
  }
}

/** Simulators and clients that are closed after each test. */
export function useApiKit(): Kit {
  const closers: (() => Promise<void>)[] = []
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()))
  })
  return {
    async simulator(options = {}) {
      const simulator = await startSimulator({ timing: fastTiming, ...options })
      closers.push(() => simulator.close())
      return simulator
    },
    client(options = {}) {
      const redactor = createSecretRedactor()
      const logger = createLogger({ redactor })
      const limits = { ...fastLimits, ...options.limits }
      const dispatcher = createApiDispatcher({
        limits: resolveApiLimits(limits),
        env: options.env ?? {},
        ca: options.ca,
      })
      const api = createApiClient({ logger, limits, dispatcher, timers: options.timers, random: () => 0.5 })
      closers.push(() => dispatcher.close())
      return { api, logger }
    },
  }
}
