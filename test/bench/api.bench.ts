import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { Agent, request } from 'undici'
import { text2ImageParamsSchema, wireRequestOf } from '#contract'
import { createApiClient } from '../../main/services/api/api-client'
import { createApiDispatcher } from '../../main/services/api/api-dispatcher'
import { defaultApiLimits } from '../../main/services/api/api-limits'
import { apiPaths, authHeaders } from '../../main/services/api/api-paths'
import type { ApiClient, ApiConnection } from '../../main/services/api/api-types'
import { createTaskTracker, type TrackerFinal } from '../../main/services/api/task-tracker'
import { createLogger, createSecretRedactor } from '../../main/services/logger'
import { simulatorTestKeys } from '../../main/simulator/sim-keys'

/*
 * API client figures, against the simulator running in its own process (so its CPU time is not
 * counted as the client's):
 *   1. overhead per call of the client vs a raw undici.request to the same endpoint (goal ≤ 1.15):
 *      a status query, and a submit through the registry (row lookup, body builder, answer reader)
 *      against a raw POST of the same bytes (the simulator answers a known id again, guess 12);
 *   2. polling requests per completed task, for a short and a long task, with the default intervals;
 *   3. heap used with 200 tasks in flight (client + tracker).
 */

const cli = fileURLToPath(new URL('../../main/simulator/cli.ts', import.meta.url))

async function startSimulatorProcess(msPerStep: number): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--ms-per-step', String(msPerStep)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })
  for await (const line of lines) {
    const match = /listening on (http:\/\/\S+)/.exec(line)
    if (match?.[1]) return { url: match[1], child }
  }
  throw new Error('the simulator did not start')
}

const stop = async (child: ChildProcess) => {
  child.kill('SIGTERM')
  await once(child, 'exit')
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined)
const logger = createLogger({ redactor: createSecretRedactor() })
const params = (steps: number) =>
  text2ImageParamsSchema.parse({
    prompt: 'bench',
    steps,
    alwayson_scripts: { sd_model_checkpoint: 'photon_v1_84728.safetensors' },
  })
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0

const rawPost = (raw: Agent, url: string, path: string, body: unknown) => async () => {
  const response = await request(`${url}${path}`, {
    dispatcher: raw,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [authHeaders.accessKeyId]: simulatorTestKeys.accessKeyId,
      [authHeaders.accessKeySecret]: simulatorTestKeys.accessKeySecret,
    },
    body: JSON.stringify(body),
  })
  await response.body.json()
}

/**
 * Raw and client calls alternate one by one and the medians are compared, so load from other
 * processes hits both sides alike; CPU time of this process (the simulator runs in its own) is the
 * client's own cost.
 */
async function compare(label: string, rawCall: () => Promise<unknown>, clientCall: () => Promise<unknown>) {
  const rawTimes: number[] = []
  const clientTimes: number[] = []
  const cpu = { raw: 0, client: 0 }
  const measure = async (call: () => Promise<unknown>, times: number[], side: 'raw' | 'client') => {
    const cpuBefore = process.cpuUsage()
    const started = process.hrtime.bigint()
    await call()
    times.push(Number(process.hrtime.bigint() - started) / 1e3)
    const used = process.cpuUsage(cpuBefore)
    cpu[side] += used.user + used.system
  }
  for (let i = 0; i < 300; i += 1) {
    await rawCall()
    await clientCall()
  }
  const calls = 3_000
  for (let i = 0; i < calls; i += 1) {
    await measure(rawCall, rawTimes, 'raw')
    await measure(clientCall, clientTimes, 'client')
  }
  const wallRatio = median(clientTimes) / median(rawTimes)
  console.log(
    `overhead (${label}): median per call raw undici.request ${median(rawTimes).toFixed(0)} µs, client ${median(clientTimes).toFixed(0)} µs, ratio ${wallRatio.toFixed(3)} (goal ≤ 1.15)`,
  )
  console.log(
    `overhead (${label}): client-process CPU per call raw ${(cpu.raw / calls).toFixed(0)} µs, client ${(cpu.client / calls).toFixed(0)} µs, ratio ${(cpu.client / cpu.raw).toFixed(3)}`,
  )
}

async function overheadPerCall(url: string): Promise<void> {
  const connection: ApiConnection = { baseUrl: url, auth: simulatorTestKeys }
  const dispatcher = createApiDispatcher({ limits: defaultApiLimits, env: {} })
  const api = createApiClient({ logger, dispatcher })
  const raw = new Agent({ keepAliveTimeout: 10_000 })
  await api.submit(connection, 'text2image-v2', 'bench-overhead', params(1))
  await new Promise((resolve) => setTimeout(resolve, 600))
  await compare('query', rawPost(raw, url, apiPaths.queryTask, { businessTaskId: 'bench-overhead' }), () =>
    api.queryTask(connection, 'bench-overhead'),
  )
  const submitted = { endpoint: 'text2image-v2', params: params(1) } as const
  const wire = wireRequestOf('bench-overhead', submitted)
  await compare('submit', rawPost(raw, url, wire.path, wire.body), () =>
    api.submit(connection, submitted.endpoint, 'bench-overhead', submitted.params),
  )
  await raw.close()
  await dispatcher.close()
}

async function pollsPerTask(url: string, steps: number, tasks: number): Promise<void> {
  const connection: ApiConnection = { baseUrl: url, auth: simulatorTestKeys }
  const api = createApiClient({
    logger,
    dispatcher: createApiDispatcher({ limits: defaultApiLimits, env: {} }),
  })
  let queries = 0
  const counting: Pick<ApiClient, 'queryTask' | 'queryArchivedTask'> = {
    queryTask: (...args) => ((queries += 1), api.queryTask(...args)),
    queryArchivedTask: api.queryArchivedTask,
  }
  const finals: TrackerFinal[] = []
  const allDone = new Promise<void>((resolve) => {
    const tracker = createTaskTracker({
      api: counting,
      logger,
      onFinal: (final) => {
        finals.push(final)
        if (finals.length === tasks) void tracker.stop().then(resolve)
      },
    })
    void (async () => {
      for (let i = 0; i < tasks; i += 1) {
        const id = `bench-${steps}-${i}`
        await api.submit(connection, 'text2image-v2', id, params(steps))
        tracker.track(id, connection)
      }
    })()
  })
  const started = Date.now()
  await allDone
  const seconds = (Date.now() - started) / 1000
  const failed = finals.filter((final) => final.snapshot?.state !== 'succeeded').length
  console.log(
    `polling: ${tasks} tasks of ${steps} steps finished in ${seconds.toFixed(1)} s, ${(queries / tasks).toFixed(1)} status queries per task (${failed} not succeeded)`,
  )
  await api.close()
}

async function memoryInFlight(url: string, count: number): Promise<void> {
  const connection: ApiConnection = { baseUrl: url, auth: simulatorTestKeys }
  gc()
  const before = process.memoryUsage().heapUsed
  const api = createApiClient({
    logger,
    dispatcher: createApiDispatcher({ limits: defaultApiLimits, env: {} }),
  })
  const tracker = createTaskTracker({ api, logger })
  for (let i = 0; i < count; i += 1) {
    const id = `mem-${i}`
    await api.submit(connection, 'text2image-v2', id, params(150))
    tracker.track(id, connection)
  }
  await new Promise((resolve) => setTimeout(resolve, 3_000))
  gc()
  const after = process.memoryUsage().heapUsed
  console.log(
    `memory: ${tracker.tracked().length} tasks in flight: heap +${((after - before) / 1024 / 1024).toFixed(2)} MiB (${((after - before) / count / 1024).toFixed(1)} KiB per task), rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`,
  )
  await tracker.stop()
  await api.close()
}

/** `--overhead` runs the overhead figures only. */
const overheadOnly = process.argv.includes('--overhead')
const fast = await startSimulatorProcess(80)
try {
  await overheadPerCall(fast.url)
  if (!overheadOnly) {
    await pollsPerTask(fast.url, 20, 20)
    await memoryInFlight(fast.url, 200)
  }
} finally {
  await stop(fast.child)
}
if (overheadOnly) process.exit(0)
const slow = await startSimulatorProcess(600)
try {
  await pollsPerTask(slow.url, 40, 20)
} finally {
  await stop(slow.child)
}
