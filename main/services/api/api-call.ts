import { EventEmitter } from 'node:events'
import { setTimeout as sleepFor } from 'node:timers/promises'
import type { Dispatcher } from 'undici'
import { sendsKeysInClear, type AppError } from '#contract'
import type { Logger } from '../logger'
import { apiError, type ApiErrorCode } from './api-errors'
import {
  classifyHttpStatus,
  invalidFieldKeys,
  invalidFieldPattern,
  serviceCodeGuess,
  serviceMessageGuess,
} from './api-guesses'
import type { ApiLimits } from './api-limits'
import { authHeaders, joinUrl } from './api-paths'
import type { ApiConnection } from './api-types'
import { exchange, parseRetryAfter, type Exchange } from './http-exchange'
import { parseUntrusted } from './untrusted-text'
import { envelopeSchema } from './wire'

/** Time as the client sees it; tests may shrink or fake it. */
export interface ApiTimers {
  now(): number
  /** Resolves after `ms`, rejects as soon as `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>
}

export const realTimers: ApiTimers = {
  now: () => Date.now(),
  sleep: (ms, signal) => sleepFor(ms, undefined, { signal }),
}

export interface CallContext {
  readonly dispatcher: Dispatcher
  readonly limits: ApiLimits
  readonly timers: ApiTimers
  /** Uniform in [0, 1): jitter. */
  readonly random: () => number
  readonly logger: Logger
  /** Secrets known to the process besides the connection's own (storage keys, other profiles'). */
  readonly knownSecrets?: () => readonly string[]
}

/**
 * What aborts a call's requests: undici takes an EventEmitter as a request's `signal`, and one costs
 * far less than an AbortController, whose signal plus undici's listener on it took ~20 µs of every
 * query (a third of the client's overhead over a raw request).
 */
export interface CallAbort extends EventEmitter {
  /** True once the caller cancelled or the deadline passed ('abort' has been emitted). */
  readonly aborted: boolean
}

/** The caller's signal and the call's deadline, combined; `dispose` must run when the call ends. */
export interface CallSignals {
  /** Aborted by the caller or by the deadline; given to undici as the request's signal. */
  readonly signal: CallAbort
  readonly callerSignal?: AbortSignal
  /** True once the overall deadline has passed. */
  deadlinePassed(): boolean
  /** An AbortSignal that follows `signal`, for waits between attempts; made on first use (rare). */
  waitSignal(): AbortSignal
  dispose(): void
}

/** One emitter and one timer per call; the deadline timer aborts it directly. */
export function callSignals(callerSignal: AbortSignal | undefined, deadlineMs: number): CallSignals {
  const emitter = new EventEmitter() as EventEmitter & { aborted: boolean }
  emitter.aborted = false
  let passed = false
  let wait: AbortController | null = null
  const abort = () => {
    if (emitter.aborted) return
    emitter.aborted = true
    wait?.abort()
    emitter.emit('abort')
  }
  const timer = setTimeout(() => {
    passed = true
    abort()
  }, deadlineMs)
  if (callerSignal?.aborted) abort()
  callerSignal?.addEventListener('abort', abort, { once: true })
  return {
    signal: emitter,
    callerSignal,
    deadlinePassed: () => passed,
    waitSignal() {
      if (wait === null) {
        wait = new AbortController()
        if (emitter.aborted) wait.abort()
      }
      return wait.signal
    },
    dispose() {
      clearTimeout(timer)
      callerSignal?.removeEventListener('abort', abort)
    },
  }
}

/** The error for a call that ended because it was cancelled or ran out of time. */
export function abortError(signals: CallSignals, path: string): AppError {
  return signals.callerSignal?.aborted
    ? apiError('cancelled', { path })
    : apiError('timeout', { path, deadline: true })
}

/** Waits between attempts; a cancel or the deadline ends the wait (and the call) at once. */
export async function pause(ctx: CallContext, ms: number, signals: CallSignals, path: string): Promise<void> {
  try {
    await ctx.timers.sleep(ms, signals.waitSignal())
  } catch {
    throw abortError(signals, path)
  }
  if (signals.signal.aborted) throw abortError(signals, path)
}

/** Exponential backoff with equal jitter: half the step fixed, half random. */
export function backoffDelay(ctx: CallContext, attempt: number): number {
  const step = Math.min(ctx.limits.maxDelayMs, ctx.limits.baseDelayMs * 2 ** (attempt - 1))
  return Math.round(step / 2 + ctx.random() * (step / 2))
}

export type Attempt<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false
      readonly error: AppError
      readonly retryable: boolean
      readonly retryAfterMs: number | null
      readonly mayHaveArrived: boolean
      /** True when the service answered (any HTTP status). */
      readonly answered: boolean
    }

/** Every secret an answer must be cleaned of: the connection's keys and any the process knows. */
const secretsOf = (ctx: CallContext, connection: ApiConnection | null): string[] => [
  ...(connection?.auth ? [connection.auth.accessKeyId, connection.auth.accessKeySecret] : []),
  ...(ctx.knownSecrets?.() ?? []),
]

const headerSafe = /^[\x21-\x7e]+$/

/**
 * The auth headers for a connection; keys that cannot be sent as headers fail as `auth`. Keys go
 * only over https:, or http: to this machine, or where the profile allows it (SECURITY.md #27);
 * otherwise nothing is sent and the call fails as `invalid_request` on `baseUrl`.
 */
export function authHeadersFor(connection: ApiConnection): Record<string, string> {
  if (!connection.auth) return {}
  if (inClear(connection.baseUrl) && connection.allowInsecureHttp !== true)
    throw apiError('invalid_request', { field: 'baseUrl', reason: 'insecure_http' })
  const { accessKeyId, accessKeySecret } = connection.auth
  if (!headerSafe.test(accessKeyId) || !headerSafe.test(accessKeySecret))
    throw apiError('auth', { reason: 'malformed_keys' })
  return { [authHeaders.accessKeyId]: accessKeyId, [authHeaders.accessKeySecret]: accessKeySecret }
}

/** Parses an http(s) URL; anything else fails as `invalid_request` on `field`, before anything is sent. */
export function httpUrl(text: string, field: string): URL {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw apiError('invalid_request', { field })
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw apiError('invalid_request', { field })
  return url
}

/**
 * Parsed API URLs and clear-text verdicts by base URL (and path): a profile calls the same few
 * paths all day, and the two URL parses cost ~5 µs of every call. URLs handed out are only read.
 * Bounded: emptied when full (base URLs and paths are few; only a flood of distinct ones refills it).
 */
const urlCache = new Map<string, URL>()
const clearCache = new Map<string, boolean>()
const urlCacheMax = 256

function remembered<T>(cache: Map<string, T>, key: string, make: () => T): T {
  const known = cache.get(key)
  if (known !== undefined) return known
  const made = make()
  if (cache.size >= urlCacheMax) cache.clear()
  cache.set(key, made)
  return made
}

const inClear = (baseUrl: string): boolean => remembered(clearCache, baseUrl, () => sendsKeysInClear(baseUrl))

/** The full URL of an API path under a profile's base URL (a failed parse is not remembered). */
export const apiUrl = (baseUrl: string, path: string): URL => {
  const full = joinUrl(baseUrl, path)
  return remembered(urlCache, full, () => httpUrl(full, 'baseUrl'))
}

const invalidField = (message: string, data: unknown): string | undefined => {
  if (typeof data === 'object' && data !== null) {
    const fields = data as Record<string, unknown>
    const named = invalidFieldKeys.map((key) => fields[key]).find((value) => typeof value === 'string')
    if (typeof named === 'string') return named
  }
  return invalidFieldPattern.exec(message)?.[1]
}

/** What the service said about an error, safe to keep in details (its code, its scrubbed message, the field). */
function serviceDetails(
  code: ApiErrorCode,
  serviceCode: string,
  message: string,
  data: unknown,
): Record<string, unknown> {
  const field = code === 'invalid_request' ? invalidField(message, data) : undefined
  return { serviceCode, ...(message ? { serviceMessage: message } : {}), ...(field ? { field } : {}) }
}

/** The error class of a business `code` other than "200", per guess 5. */
const classifyServiceCode = (serviceCode: string, message: string): ApiErrorCode =>
  serviceCodeGuess[serviceCode] ??
  serviceMessageGuess.find(([pattern]) => pattern.test(message))?.[1] ??
  'server'

/** Longest service message kept in error details; the service's own text is shown as a hint only. */
const serviceMessageMax = 300

/**
 * Reads a JSON answer: an HTTP error status decides the class itself (the envelope, if any, adds
 * its code, message and field); otherwise the envelope's business code does. `data` on success.
 * The answer is cleaned of `secrets` (and capped) before anything reads it, so no reader of any
 * answer can pass a key on (SECURITY.md #25).
 */
function interpretJson(
  answer: Extract<Exchange, { kind: 'answer' }>,
  path: string,
  secrets: string[],
  now: number,
): Attempt<unknown> {
  const json = parseUntrusted(answer.body.toString('utf8'), secrets)
  const envelope = envelopeSchema.safeParse(json)
  const retryAfterMs = parseRetryAfter(answer.headers['retry-after'], now)
  const fail = (
    code: ApiErrorCode,
    details: Record<string, unknown>,
    retryable: boolean,
  ): Attempt<unknown> => ({
    ok: false,
    error: apiError(code, { path, ...details, ...(retryAfterMs !== null ? { retryAfterMs } : {}) }),
    retryable,
    retryAfterMs,
    mayHaveArrived: true,
    answered: true,
  })
  const said = envelope.success ? { code: envelope.data.code, data: envelope.data.data } : null
  const message = () => (envelope.success ? (envelope.data.msg ?? '').slice(0, serviceMessageMax) : '')
  const httpCode = classifyHttpStatus(answer.status)
  if (httpCode !== null) {
    const details = said ? serviceDetails(httpCode, said.code, message(), said.data) : {}
    const transient = httpCode === 'server' || httpCode === 'timeout' || answer.status === 429
    return fail(httpCode, { httpStatus: answer.status, ...details }, transient)
  }
  if (json === undefined) return fail('protocol', { what: 'not JSON' }, false)
  if (!said) return fail('protocol', { what: 'envelope' }, false)
  if (said.code !== '200') {
    const text = message()
    const code = classifyServiceCode(said.code, text)
    return fail(
      code,
      serviceDetails(code, said.code, text, said.data),
      code === 'server' || said.code === '429',
    )
  }
  return { ok: true, value: said.data ?? null }
}

/** Network trouble and timeouts may pass; a certificate that fails verification will not. */
export const isTransient = (error: AppError): boolean =>
  (error.code === 'network' || error.code === 'timeout') && error.details?.reason !== 'tls'

/** One POST of a JSON body to an API path, answer interpreted; never throws. */
export async function attemptJson(
  ctx: CallContext,
  connection: ApiConnection,
  path: string,
  body: unknown,
  signals: CallSignals,
): Promise<Attempt<unknown>> {
  const url = apiUrl(connection.baseUrl, path)
  const started = ctx.timers.now()
  const result = await exchange(ctx.dispatcher, {
    url,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...authHeadersFor(connection),
    },
    body: JSON.stringify(body),
    maxBytes: ctx.limits.maxJsonBytes,
    headersTimeoutMs: ctx.limits.headersTimeoutMs,
    bodyTimeoutMs: ctx.limits.bodyTimeoutMs,
    ...signals,
  })
  const attempt: Attempt<unknown> =
    result.kind === 'answer'
      ? interpretJson(result, path, secretsOf(ctx, connection), ctx.timers.now())
      : {
          ok: false,
          error: result.error,
          retryable: isTransient(result.error) && !signals.signal.aborted,
          retryAfterMs: null,
          mayHaveArrived: result.mayHaveArrived,
          answered: result.status !== undefined,
        }
  // Failures only: a line per successful poll would flood the log file (200 tasks ⇒ 200 lines a second).
  if (!attempt.ok)
    ctx.logger.info('api.call_failed', {
      path,
      ms: ctx.timers.now() - started,
      status: result.kind === 'answer' ? result.status : null,
      code: attempt.error.code,
    })
  return attempt
}

export interface RetryingCall<T> {
  readonly path: string
  readonly signal?: AbortSignal
  readonly deadlineMs: number
  readonly attempt: (signals: CallSignals) => Promise<Attempt<T>>
}

/**
 * Runs an idempotent call: retries transient failures (network, timeout, 5xx, 429) with jittered
 * exponential backoff or the service's Retry-After, within `maxAttempts` and `retryBudgetMs`, all
 * under one overall deadline.
 */
export async function withRetries<T>(ctx: CallContext, call: RetryingCall<T>): Promise<T> {
  const signals = callSignals(call.signal, call.deadlineMs)
  try {
    let waited = 0
    for (let attempt = 1; ; attempt += 1) {
      if (signals.signal.aborted) throw abortError(signals, call.path)
      const result = await call.attempt(signals)
      if (result.ok) return result.value
      if (!result.retryable || attempt >= ctx.limits.maxAttempts) throw result.error
      const delay = result.retryAfterMs ?? backoffDelay(ctx, attempt)
      if (waited + delay > ctx.limits.retryBudgetMs) throw result.error
      waited += delay
      ctx.logger.info('api.retry', { path: call.path, attempt, delayMs: delay, code: result.error.code })
      await pause(ctx, delay, signals, call.path)
    }
  } finally {
    signals.dispose()
  }
}
