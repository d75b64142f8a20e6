import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { authHeaders } from '../services/api/api-paths'
import { createCallbackLoop, type CallbackRecord } from './sim-callbacks'
import { createFaultState } from './sim-faults'
import { headerOf, readJson } from './sim-http'
import { simulatorTestKeys } from './sim-keys'
import { seededRandom } from './sim-random'
import { apiRoute, businessError, isSubmitPath, type RouteAnswer, type SimStore } from './sim-routes'
import { createResponder, createWaiter, simulatorImage } from './sim-responder'
import { defaultSimTiming, progressAt, type SimTiming } from './sim-tasks'
import { createSimToolState } from './sim-tool-routes'
import { createSimTrainingState } from './sim-training'
import { createUploadHost, uploadPathPrefix } from './sim-uploads'

import type { RequestRecord, Simulator, SimulatorOptions, SimTaskView } from './simulator-types'

export type { SimulatorFaults } from './sim-faults'
export type { CallbackRecord } from './sim-callbacks'
export type { SimInput } from './sim-source-image'
export type { RequestRecord, Simulator, SimulatorOptions, SimTaskView } from './simulator-types'

const maxBodyBytes = 1024 * 1024
const maxLoggedRequests = 20_000

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
  const store: SimStore = {
    tasks: new Map(),
    toolTasks: new Map(),
    tools: { ...createSimToolState(options.toolAnswer), echo: options.toolEcho ?? null },
    training: createSimTrainingState(options.trainingMs),
    expired: new Set(),
    credits: new Map(),
    nextServiceId: 11_895_411,
  }
  if (options.credits !== undefined)
    for (const account of ['demo', ...keys.map((key) => key.accessKeyId)])
      store.credits.set(account, options.credits)
  const closing = new AbortController()
  const requestLog: RequestRecord[] = []
  const callbacks: CallbackRecord[] = []
  let baseUrl = ''

  const wait = createWaiter(closing.signal)
  const { sendJson, sendImage } = createResponder(faults, wait)
  const imageFor = (path: string) =>
    simulatorImage(path, { store, now: clock(), timing, resultLinkTtlMs: options.resultLinkTtlMs })
  const uploads = createUploadHost(() => baseUrl, options.maxUploads)

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
    const body = req.method === 'POST' ? await readJson(req, maxBodyBytes) : null
    const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {}
    // Training bodies carry their id as `taskId` (§14); everything else as `businessTaskId`.
    const taskId = fields.businessTaskId ?? (isSubmitPath(path) ? fields.taskId : null)
    const withAuth = headerOf(req, authHeaders.accessKeyId) !== undefined
    log({
      method: req.method ?? '',
      path,
      taskId: typeof taskId === 'string' ? taskId : null,
      withAuth,
      at: clock(),
      ...(req.method === 'POST' && isSubmitPath(path) ? { body } : {}),
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
    if (path.startsWith('/sim-images/')) {
      if (req.method === 'GET' || req.method === 'HEAD') return sendImage(res, req.method, imageFor(path))
      return sendJson(res, path, 405, { code: '405', msg: 'use GET or HEAD', data: null })
    }
    if (path.startsWith(uploadPathPrefix)) return uploads.handle(req, res, path, accountOf(req) !== null)
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
    inputs: (taskId) =>
      store.tasks.get(taskId)?.spec.inputs ??
      store.toolTasks.get(taskId)?.inputs ??
      store.tools.runs.get(taskId)?.output.inputs ??
      [],
    expireResultLinks() {
      for (const id of [...store.tasks.keys(), ...store.toolTasks.keys()]) store.expired.add(id)
    },
    uploadCount: () => uploads.count(),
    training: {
      jobs: () => [...store.training.jobs.values()],
      setTrainingMs: (ms) => void (store.training.trainingMs = ms),
    },
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
