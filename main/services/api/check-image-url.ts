import { abortError, callSignals, httpUrl, type CallContext, type CallSignals } from './api-call'
import { imageLinkCheckGuess } from './api-guesses'
import type { CallOptions, ImageUrlState } from './api-types'
import { exchange } from './http-exchange'

/** A link check is a single quick question; the fallback (an upload) is the answer to any doubt. */
const checkDeadlineMs = 15_000

type Probe = { readonly status: number; readonly type: string | null } | 'unreachable'

async function probe(
  ctx: CallContext,
  url: URL,
  method: 'HEAD' | 'GET',
  signals: CallSignals,
): Promise<Probe> {
  const result = await exchange(ctx.dispatcher, {
    url,
    method,
    // A ranged GET asks for one byte; a server that ignores Range is cut off after the headers.
    headers: method === 'GET' ? { accept: 'image/*', range: 'bytes=0-0' } : { accept: 'image/*' },
    maxBytes: 0,
    headersOnly: true,
    headersTimeoutMs: ctx.limits.headersTimeoutMs,
    bodyTimeoutMs: ctx.limits.bodyTimeoutMs,
    ...signals,
  })
  if (result.kind === 'failure') {
    if (signals.callerSignal?.aborted) throw abortError(signals, url.pathname)
    return 'unreachable'
  }
  const type = result.headers['content-type']
  const mime = typeof type === 'string' ? (type.split(';')[0]?.trim() ?? '') : ''
  return { status: result.status, type: mime === '' ? null : mime }
}

const judge = (answer: Probe): ImageUrlState => {
  if (answer === 'unreachable') return 'unreachable'
  const { status, type } = answer
  if (status >= 200 && status < 300)
    return type === null || imageLinkCheckGuess.validTypes.test(type) ? 'valid' : 'expired'
  if ((imageLinkCheckGuess.expired as readonly number[]).includes(status)) return 'expired'
  return 'unreachable'
}

/**
 * Whether an image link (an earlier result, a pasted URL) still serves an image, per guess 18: a
 * HEAD, confirmed by a one-byte ranged GET when HEAD is refused. Goes through the client's
 * connection pool (proxy, TLS verification, timeouts) and never carries the access keys. Only a
 * cancel rejects (`cancelled`), and a URL that is not http(s) (`invalid_request`).
 */
export async function checkImageUrl(
  ctx: CallContext,
  url: string,
  options: CallOptions,
): Promise<ImageUrlState> {
  const target = httpUrl(url, 'url')
  const signals = callSignals(options.signal, options.deadlineMs ?? checkDeadlineMs)
  try {
    const head = await probe(ctx, target, 'HEAD', signals)
    const confirm =
      head !== 'unreachable' &&
      (imageLinkCheckGuess.confirmWithGet as readonly number[]).includes(head.status)
    return judge(confirm ? await probe(ctx, target, 'GET', signals) : head)
  } finally {
    signals.dispose()
  }
}
