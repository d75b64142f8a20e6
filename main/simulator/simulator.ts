import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { authHeaders } from '../services/api/api-paths'
import type { TemporaryImageStyle } from '../services/api/api-guesses'
import type { TaskState } from '../services/api/api-types'
import { createCallbackLoop, type CallbackRecord } from './sim-callbacks'
import { createFaultState, type SimulatorFaults } from './sim-faults'
import { simulatorTestKeys, type SimulatorKeys } from './sim-keys'
import { seededRandom } from './sim-random'
import { apiRoute, businessError, type RouteAnswer, type SimStore } from './sim-routes'
import { createResponder, createWaiter, simulatorImage } from './sim-responder'
import { defaultSimTiming, progressAt, type SimTiming } from './sim-tasks'

export type { SimulatorFaults } from './sim-faults'
export type { CallbackRecord } from './sim-callbacks'

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number
  /** 127.0.0.1 by default; the simulator is meant for this machine only. */
  readonly host?: string
  /** Accepted key pairs; the public test keys by default. */
  readonly keys?: readonly SimulatorKeys[]
  /** Demo mode: calls without auth headers are accepted too (wrong keys still fail). */
  readonly demo?: boolean
  readonly faults?: SimulatorFaults
  /** Simulated time; tasks progress by it. */
  readonly clock?: () => number
  /** Seeds the fault generator: the same seed and requests give the same faults. */
  readonly seed?: number
  readonly timing?: Partial<SimTiming>
  /** Which form of `temporaryImageDto` running tasks report (api-guesses.ts guess 4). */
  readonly temporaryImageStyle?: TemporaryImageStyle
  /** Tasks older than this leave the realtime query (only the archive has them). */
  readonly archiveAfterMs?: number
  /** Images each account may generate; unlimited by default. */
  readonly credits?: number
  /** Pause before a failed callback is tried again (3 tries in all). */
  readonly callbackRetryMs?: number
  /** How often terminal tasks are checked for callbacks. */
  readonly tickMs?: number
  /** Serve HTTPS with this key and certificate (PEM), e.g. for TLS and proxy tests. */
  readonly tls?: { readonly key: string; readonly cert: string }
}

export interface SimTaskView {
  readonly taskId: string
  readonly version: 'v2' | 'v3'
  readonly prompt: string
  readonly createdAt: number
  readonly imageCount: number
  readonly state: TaskState
  readonly percent: number
}

/** One request as the simulator saw it (never the key values). */
export interface RequestRecord {
  readonly method: string
  readonly path: string
  /** `businessTaskId` of a query, when given. */
  readonly taskId: string | null
  readonly withAuth: boolean
  readonly at: number
}

export interface Simulator {
  readonly url: string
  readonly keys: readonly SimulatorKeys[]
  readonly demo: boolean
  /** Replaces every fault knob. */
  setFaults(faults: SimulatorFaults): void
  readonly tasks: {
    list(): SimTaskView[]
    get(taskId: string): SimTaskView | undefined
    count(): number
  }
  readonly requests: {
    list(): readonly RequestRecord[]
    count(filter?: { readonly path?: string; readonly taskId?: string }): number
    clear(): void
  }
  readonly callbacks: readonly CallbackRecord[]
  close(): Promise<void>
}

const maxBodyBytes = 1024 * 1024
const maxLoggedRequests = 20_000

const headerOf = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name.toLowerCase()]
  return Array.isArray(value) ? value[0] : value
}

/** Reads a JSON body; undefined when it is not JSON, null when there is none. */
async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > maxBodyBytes) return undefined
    chunks.push(chunk as Buffer)
  }
  if (size === 0) return null
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown
  } catch {
    return undefined
  }
}

/**
 * Starts the Img Open simulator: a real HTTP server with the service's paths and envelopes, auth
 * checks, validation, tasks that progress over (simulated) time with previews and final PNGs it
 * serves itself, model/LoRA/VAE/embedding lists, callbacks to loopback URLs, and fault knobs.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const clock = options.clock ?? Date.now
  const host = options.host ?? '127.0.0.1'
  const timing: SimTiming = { ...defaultSimTiming, ...options.timing }
  const keys = options.keys ?? [simulatorTestKeys]
  const demo = options.demo ?? false
  const style = options.temporaryImageStyle ?? 'percent-url'
  const faults = createFaultState(options.faults ?? {}, seededRandom(options.seed ?? 1))
  const store: SimStore = { tasks: new Map(), credits: new Map(), nextServiceId: 11_895_411 }
  if (options.credits !== undefined)
    for (const account of ['demo', ...keys.map((key) => key.accessKeyId)])
      store.credits.set(account, options.credits)
  const closing = new AbortController()
  const requestLog: RequestRecord[] = []
  const callbacks: CallbackRecord[] = []
  let baseUrl = ''

  const wait = createWaiter(closing.signal)
  const { sendJson, sendPng } = createResponder(faults, wait)
  const imageFor = (path: string) => simulatorImage(path, store, clock(), timing)

  /** The account a request spends, or null when its keys are wrong (or missing outside demo mode). */
  const accountOf = (req: IncomingMessage): string | null => {
    const id = headerOf(req, authHeaders.accessKeyId)
    const secret = headerOf(req, authHeaders.accessKeySecret)
    if (id === undefined && secret === undefined) return demo ? 'demo' : null
    return keys.some((key) => key.accessKeyId === id && key.accessKeySecret === secret) ? (id ?? null) : null
  }

  const log = (record: RequestRecord) => {
    requestLog.push(record)
    if (requestLog.length > maxLoggedRequests) requestLog.splice(0, requestLog.length - maxLoggedRequests)
  }

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://simulator').pathname
    if (faults.fires('dropConnection', path)) return void req.socket.destroy()
    const body = req.method === 'POST' ? await readJson(req) : null
    const taskId =
      typeof body === 'object' && body !== null ? (body as Record<string, unknown>).businessTaskId : null
    const withAuth = headerOf(req, authHeaders.accessKeyId) !== undefined
    log({
      method: req.method ?? '',
      path,
      taskId: typeof taskId === 'string' ? taskId : null,
      withAuth,
      at: clock(),
    })
    await wait(faults.faults.latencyMs ?? 0, res)
    if (faults.fires('stallHeaders', path)) await wait(faults.faults.stallHeaders?.ms ?? Infinity, res)
    if (res.destroyed || closing.signal.aborted) return
    if (faults.fires('rateLimit', path)) {
      const seconds = String(faults.faults.rateLimit?.retryAfterSeconds ?? 1)
      return sendJson(
        res,
        path,
        429,
        { code: '429', msg: 'rate limited', data: null },
        { 'retry-after': seconds },
      )
    }
    if (faults.fires('serverError', path))
      return sendJson(res, path, faults.faults.serverError?.status ?? 503, {
        code: '500',
        msg: 'internal error',
        data: null,
      })
    if (req.method === 'GET' && path.startsWith('/sim-images/')) return sendPng(res, imageFor(path))
    const route = apiRoute(path)
    if (!route) return sendJson(res, path, 404, { code: '404', msg: 'no such path', data: null })
    if (req.method !== 'POST') return sendJson(res, path, 405, { code: '405', msg: 'use POST', data: null })
    const account = accountOf(req)
    if (account === null)
      return sendAnswer(res, path, businessError('auth', '鉴权失败: invalid accessKeyId or accessKeySecret'))
    if (body === undefined)
      return sendAnswer(res, path, businessError('invalid', 'invalid parameter: body: not JSON'))
    const answer = await route(
      {
        store,
        baseUrl,
        path,
        now: clock(),
        timing,
        style,
        faults,
        archiveAfterMs: options.archiveAfterMs ?? Infinity,
        account,
        signal: closing.signal,
      },
      body,
    )
    return sendAnswer(res, path, answer)
  }

  /** Business answers go with HTTP 200 (guess 6); `reset` cuts the connection after a task was created. */
  const sendAnswer = async (res: ServerResponse, path: string, answer: RouteAnswer) => {
    if (answer.kind === 'json') return sendJson(res, path, 200, answer.envelope)
    res.socket?.resetAndDestroy()
  }

  const listener: RequestListener = (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' })
      res.end('{"code":"500","msg":"simulator error","data":null}')
    })
  }
  const server = options.tls ? createTlsServer({ ...options.tls }, listener) : createServer(listener)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  baseUrl = `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`

  const deliveries = createCallbackLoop({
    store,
    clock,
    timing,
    callbacks,
    baseUrl,
    style,
    retryMs: options.callbackRetryMs ?? 3_000,
  })
  const ticker = setInterval(deliveries.tick, options.tickMs ?? 50)
  ticker.unref()

  const view = (id: string): SimTaskView | undefined => {
    const task = store.tasks.get(id)
    if (!task) return undefined
    const { state, percent } = progressAt(task, clock(), timing)
    const { taskId, version, prompt, imageCount } = task.spec
    return { taskId, version, prompt, createdAt: task.createdAt, imageCount, state, percent }
  }

  return {
    url: baseUrl,
    keys,
    demo,
    setFaults: (next) => faults.set(next),
    tasks: {
      list: () => [...store.tasks.keys()].flatMap((id) => view(id) ?? []),
      get: view,
      count: () => store.tasks.size,
    },
    requests: {
      list: () => requestLog,
      count: (filter = {}) =>
        requestLog.filter(
          (record) =>
            (filter.path === undefined || record.path.endsWith(filter.path)) &&
            (filter.taskId === undefined || record.taskId === filter.taskId),
        ).length,
      clear: () => void requestLog.splice(0),
    },
    callbacks,
    async close() {
      clearInterval(ticker)
      closing.abort()
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
      await closed
      await deliveries.settle()
    },
  }
}
