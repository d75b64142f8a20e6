import { request } from 'node:http'
import type { TemporaryImageStyle } from '../services/api/api-guesses'
import type { SimStore } from './sim-routes'
import { progressAt, realtimeData, type SimTiming } from './sim-tasks'

/** One callback delivery attempt, as tests and the simulator's user see it. */
export interface CallbackRecord {
  readonly taskId: string
  readonly url: string
  readonly attempt: number
  /** `skipped`: the URL is not on this machine, so the simulator never calls it. */
  readonly outcome: 'delivered' | 'rejected' | 'failed' | 'skipped'
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]', '::1'])

/** Only http URLs on this machine are ever called. */
export function isLoopbackUrl(url: string): boolean {
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'http:' && loopbackHosts.has(parsed.hostname)
  } catch {
    return false
  }
}

/**
 * POSTs a JSON body; resolves to 'delivered' only when the receiver answers 2xx with
 * `{"code":"200"}`, as the vendor's callback rule says.
 */
export function postCallback(
  url: string,
  body: string,
  timeoutMs: number,
): Promise<'delivered' | 'rejected' | 'failed'> {
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => {
          if (chunks.length < 64) chunks.push(chunk)
        })
        res.on('end', () => {
          const ok = (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300
          let code: unknown
          try {
            code = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { code?: unknown }).code
          } catch {
            code = undefined
          }
          resolve(ok && String(code) === '200' ? 'delivered' : 'rejected')
        })
        res.on('error', () => resolve('failed'))
      },
    )
    req.on('timeout', () => req.destroy())
    req.on('error', () => resolve('failed'))
    req.end(body)
  })
}

interface Delivery {
  attempts: number
  nextAt: number
  busy: boolean
  done: boolean
}

export interface CallbackLoopDeps {
  readonly store: SimStore
  readonly clock: () => number
  readonly timing: SimTiming
  readonly callbacks: CallbackRecord[]
  readonly baseUrl: string
  readonly style: TemporaryImageStyle
  readonly retryMs: number
}

/** Calls each finished task's `callbackUrl` (loopback only), up to 3 tries, with the query envelope. */
export function createCallbackLoop(deps: CallbackLoopDeps) {
  const state = new Map<string, Delivery>()
  const inFlight = new Set<Promise<void>>()
  const deliver = async (taskId: string, url: string, entry: Delivery) => {
    const task = deps.store.tasks.get(taskId)
    if (!task) return
    const view = {
      baseUrl: deps.baseUrl,
      now: deps.clock(),
      timing: deps.timing,
      style: deps.style,
      unknownStatus: null,
    }
    const body = JSON.stringify({ code: '200', msg: 'success', data: realtimeData(task, view) })
    entry.attempts += 1
    const outcome = await postCallback(url, body, 2_000)
    deps.callbacks.push({ taskId, url, attempt: entry.attempts, outcome })
    entry.done = outcome === 'delivered' || entry.attempts >= 3
    entry.nextAt = deps.clock() + deps.retryMs * entry.attempts
    entry.busy = false
  }
  return {
    tick() {
      for (const [taskId, task] of deps.store.tasks) {
        const url = task.spec.callbackUrl
        if (url === null) continue
        const entry = state.get(taskId) ?? { attempts: 0, nextAt: 0, busy: false, done: false }
        state.set(taskId, entry)
        if (entry.done || entry.busy || entry.nextAt > deps.clock()) continue
        const { state: taskState } = progressAt(task, deps.clock(), deps.timing)
        if (taskState !== 'succeeded' && taskState !== 'failed') continue
        if (!isLoopbackUrl(url)) {
          entry.done = true
          deps.callbacks.push({ taskId, url, attempt: 0, outcome: 'skipped' })
          continue
        }
        entry.busy = true
        const delivery = deliver(taskId, url, entry).finally(() => inFlight.delete(delivery))
        inFlight.add(delivery)
      }
    },
    settle: () => Promise.allSettled([...inFlight]).then(() => undefined),
  }
}
