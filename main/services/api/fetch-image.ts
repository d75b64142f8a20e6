import { httpUrl, isTransient, withRetries, type Attempt, type CallContext } from './api-call'
import { apiError } from './api-errors'
import { classifyHttpStatus } from './api-guesses'
import type { FetchedImage, FetchImageOptions } from './api-types'
import { exchange, parseRetryAfter } from './http-exchange'

/**
 * Downloads a result or preview image. The URL comes from the service (often a signed OSS link on
 * another host), so no auth header is ever sent; the body is streamed under a hard cap and the
 * download retried like any idempotent call.
 */
export async function fetchImage(
  ctx: CallContext,
  url: string,
  options: FetchImageOptions,
): Promise<FetchedImage> {
  const target = httpUrl(url, 'url')
  const maxBytes = Math.min(options.maxBytes ?? ctx.limits.maxImageBytes, ctx.limits.maxImageBytes)
  const path = target.pathname
  return withRetries(ctx, {
    path,
    signal: options.signal,
    deadlineMs: options.deadlineMs ?? ctx.limits.queryDeadlineMs,
    async attempt(signals): Promise<Attempt<FetchedImage>> {
      const result = await exchange(ctx.dispatcher, {
        url: target,
        method: 'GET',
        headers: { accept: 'image/*' },
        maxBytes,
        headersTimeoutMs: ctx.limits.headersTimeoutMs,
        bodyTimeoutMs: ctx.limits.bodyTimeoutMs,
        ...signals,
      })
      if (result.kind === 'failure') {
        return {
          ok: false,
          error: result.error,
          retryable: isTransient(result.error) && !signals.signal.aborted,
          retryAfterMs: null,
          mayHaveArrived: true,
          answered: false,
        }
      }
      const code = classifyHttpStatus(result.status)
      if (code !== null) {
        const retryAfterMs = parseRetryAfter(result.headers['retry-after'], ctx.timers.now())
        const transient = code === 'server' || code === 'timeout' || result.status === 429
        const error = apiError(code, { path, httpStatus: result.status })
        return { ok: false, error, retryable: transient, retryAfterMs, mayHaveArrived: true, answered: true }
      }
      const type = result.headers['content-type']
      const contentType = typeof type === 'string' ? (type.split(';')[0]?.trim() ?? null) : null
      return { ok: true, value: { bytes: result.body, contentType } }
    },
  })
}
