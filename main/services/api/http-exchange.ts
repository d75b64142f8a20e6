import type { EventEmitter } from 'node:events'
import type { IncomingHttpHeaders } from 'node:http'
import type { Dispatcher } from 'undici'
import type { AppError } from '#contract'
import { apiError, type ApiErrorReason } from './api-errors'

/** One HTTP request/answer, with the body read under a hard size cap. */
export interface ExchangeRequest {
  readonly url: URL
  readonly method: 'GET' | 'POST' | 'HEAD'
  readonly headers: Record<string, string>
  readonly body?: string
  readonly maxBytes: number
  /** Only the status and headers matter (a link check): the body is dropped unread and the cap ignored. */
  readonly headersOnly?: boolean
  readonly headersTimeoutMs: number
  readonly bodyTimeoutMs: number
  /** Aborted by the caller. */
  readonly callerSignal?: AbortSignal
  /** Aborted by the caller or the deadline (an EventEmitter with `aborted`, as undici accepts). */
  readonly signal: AbortSignal | (EventEmitter & { readonly aborted: boolean })
  /** True once the call's overall deadline has passed. */
  deadlinePassed(): boolean
}

export type Exchange =
  | {
      readonly kind: 'answer'
      readonly status: number
      readonly headers: IncomingHttpHeaders
      readonly body: Buffer
    }
  | {
      readonly kind: 'failure'
      readonly error: AppError
      /**
       * False only when the failure happened before the request could reach the service (connect,
       * DNS, TLS, proxy): then resending cannot create a second task.
       */
      readonly mayHaveArrived: boolean
      /** Set when the service had already answered with headers. */
      readonly status?: number
    }

const tlsCodes = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
  'EPROTO',
])

const errorCodeOf = (error: unknown): string => {
  if (typeof error !== 'object' || error === null) return ''
  const code = (error as { code?: unknown }).code
  const cause = (error as { cause?: unknown }).cause
  const own = typeof code === 'string' ? code : ''
  // Proxy and TLS failures arrive wrapped; the cause says what really happened.
  if ((own === '' || own.startsWith('UND_ERR_PRX')) && cause !== undefined) return errorCodeOf(cause) || own
  return own
}

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : typeof error === 'string' ? error : ''

interface Classified {
  readonly code: 'network' | 'timeout'
  readonly reason?: ApiErrorReason
  readonly mayHaveArrived: boolean
}

/** Sorts a transport failure by what it means for the caller, from its code (never its text). */
function classifyTransportError(error: unknown): Classified {
  const code = errorCodeOf(error)
  if (tlsCodes.has(code) || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS'))
    return { code: 'network', reason: 'tls', mayHaveArrived: false }
  if (code === 'ECONNREFUSED') return { code: 'network', reason: 'refused', mayHaveArrived: false }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return { code: 'network', reason: 'dns', mayHaveArrived: false }
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return { code: 'timeout', mayHaveArrived: false }
  if (code === 'ENETUNREACH' || code === 'EHOSTUNREACH') return { code: 'network', mayHaveArrived: false }
  // undici reports a refused CONNECT tunnel only in its message; the text is matched, never shown.
  if (code.startsWith('UND_ERR_PRX') || /^Proxy response/.test(messageOf(error)))
    return { code: 'network', reason: 'proxy', mayHaveArrived: false }
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT')
    return { code: 'timeout', mayHaveArrived: true }
  return { code: 'network', reason: 'reset', mayHaveArrived: true }
}

/** Turns any thrown value into a typed failure; the raw exception text never reaches the error. */
function failure(error: unknown, request: ExchangeRequest, status?: number): Exchange {
  const path = request.url.pathname
  if (request.callerSignal?.aborted)
    return { kind: 'failure', error: apiError('cancelled', { path }), mayHaveArrived: true, status }
  if (request.deadlinePassed())
    return {
      kind: 'failure',
      error: apiError('timeout', { path, deadline: true }),
      mayHaveArrived: true,
      status,
    }
  const classified = classifyTransportError(error)
  const details = classified.reason ? { path, reason: classified.reason } : { path }
  return {
    kind: 'failure',
    error: apiError(classified.code, details),
    mayHaveArrived: classified.mayHaveArrived || status !== undefined,
    status,
  }
}

const tooLarge = (request: ExchangeRequest, status: number): Exchange => ({
  kind: 'failure',
  error: apiError('protocol', {
    path: request.url.pathname,
    reason: 'too_large',
    limitBytes: request.maxBytes,
  }),
  mayHaveArrived: true,
  status,
})

/** Drops a body we will not read, closing its connection; the abort it causes is expected. */
const discard = (body: Dispatcher.ResponseData['body']): void => {
  body.on('error', () => undefined)
  body.destroy()
}

/** Reads a body chunk by chunk, giving up (and closing the socket) past `maxBytes`. */
async function readCapped(body: Dispatcher.ResponseData['body'], maxBytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body) {
    const bytes = chunk as Buffer
    size += bytes.length
    if (size > maxBytes) {
      discard(body)
      return null
    }
    chunks.push(bytes)
  }
  return chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks, size)
}

/** Sends one request and reads the whole answer; never throws. */
export async function exchange(dispatcher: Dispatcher, request: ExchangeRequest): Promise<Exchange> {
  let response: Dispatcher.ResponseData
  try {
    response = await dispatcher.request({
      origin: request.url.origin,
      path: `${request.url.pathname}${request.url.search}`,
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: request.signal,
      headersTimeout: request.headersTimeoutMs,
      bodyTimeout: request.bodyTimeoutMs,
    })
  } catch (error) {
    return failure(error, request)
  }
  const { statusCode, headers, body } = response
  if (request.headersOnly) {
    discard(body)
    return { kind: 'answer', status: statusCode, headers, body: Buffer.alloc(0) }
  }
  const declared = Number(headers['content-length'])
  if (Number.isFinite(declared) && declared > request.maxBytes) {
    discard(body)
    return tooLarge(request, statusCode)
  }
  try {
    // A declared length within the cap is enforced by the HTTP parser, so the body is read whole;
    // without one (chunked), it is counted chunk by chunk.
    const bytes = Number.isFinite(declared)
      ? Buffer.from(await body.arrayBuffer())
      : await readCapped(body, request.maxBytes)
    if (bytes === null) return tooLarge(request, statusCode)
    return { kind: 'answer', status: statusCode, headers, body: bytes }
  } catch (error) {
    return failure(error, request, statusCode)
  }
}

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | null {
  const text = Array.isArray(value) ? value[0] : value
  if (text === undefined || text.trim() === '') return null
  if (/^\d+$/.test(text.trim())) return Number(text.trim()) * 1000
  const at = Date.parse(text)
  return Number.isNaN(at) ? null : Math.max(0, at - now)
}
