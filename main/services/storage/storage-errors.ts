import { AppError, isAppError } from '#contract'
import { proxyFailureCode } from './storage-proxy'

/** Where a storage call went, for error details: never keys, never a URL with a signature. */
export interface StorageTarget {
  readonly bucket: string
  /** The endpoint's host (and port), e.g. `oss-cn-hangzhou.aliyuncs.com`. */
  readonly endpointHost: string
}

/** S3 error codes (and bare statuses) meaning "these keys may not do this". */
const authNames = new Set([
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'AccessDenied',
  'InvalidToken',
  'ExpiredToken',
  'TokenRefreshRequired',
  'AllAccessDisabled',
  'AccountProblem',
  'InvalidSecurity',
  'Unauthorized',
  'Forbidden',
])

/** Network and TLS failures, by Node's error code, as the reason a user can act on. */
const networkReasons: Record<string, string> = {
  ECONNREFUSED: 'connection_refused',
  ECONNRESET: 'connection_reset',
  EPIPE: 'connection_reset',
  ENOTFOUND: 'host_not_found',
  EAI_AGAIN: 'host_not_found',
  EHOSTUNREACH: 'host_unreachable',
  ENETUNREACH: 'host_unreachable',
  ETIMEDOUT: 'timeout',
  ECONNABORTED: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  UND_ERR_SOCKET: 'connection_reset',
  // HTTPS_PROXY / HTTP_PROXY could not be reached or refused the tunnel (storage-proxy.ts).
  [proxyFailureCode]: 'proxy',
}

const isTlsCode = (code: string) =>
  /^(CERT_|ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_)/.test(code)

/** Only short identifiers go into details: an S3 error name, never its message. */
const safeIdentifier = (value: unknown): string | null =>
  typeof value === 'string' && /^[A-Za-z0-9_.]{1,64}$/.test(value) ? value : null

const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined

function httpStatusOf(error: unknown): number | null {
  const status = field(field(error, '$metadata'), 'httpStatusCode')
  return typeof status === 'number' ? status : null
}

/** The Node/undici error code of `error` or of its cause. */
function codeOf(error: unknown): string | null {
  return safeIdentifier(field(error, 'code')) ?? safeIdentifier(field(field(error, 'cause'), 'code'))
}

type Classified =
  | { readonly code: 'image_storage_auth' | 'image_storage_unreachable'; readonly reason: string }
  | { readonly code: 'image_too_large'; readonly reason: string }

function classify(error: unknown): Classified {
  const status = httpStatusOf(error)
  const name = safeIdentifier(field(error, 'name'))
  if (status !== null) {
    // The error name came from the server, which may echo anything (a key, SECURITY.md #25): only
    // names we know become a reason, any other answer is named by its status alone.
    const reported = name !== null && authNames.has(name) ? name : `status_${status}`
    if ((name !== null && authNames.has(name)) || status === 401 || status === 403)
      return { code: 'image_storage_auth', reason: reported }
    if (name === 'EntityTooLarge' || status === 413) return { code: 'image_too_large', reason: 'too_large' }
    if (name === 'NoSuchBucket') return { code: 'image_storage_unreachable', reason: 'no_such_bucket' }
    // A bucket in another region or behind another endpoint: AWS answers 301 or a region complaint.
    if (name === 'PermanentRedirect' || name === 'AuthorizationHeaderMalformed' || status === 301)
      return { code: 'image_storage_unreachable', reason: 'wrong_region' }
    if (status >= 500) return { code: 'image_storage_unreachable', reason: 'server_error' }
  }
  const code = codeOf(error)
  if (name === 'TimeoutError' || name === 'RequestTimeout')
    return { code: 'image_storage_unreachable', reason: 'timeout' }
  if (code !== null && networkReasons[code] !== undefined)
    return { code: 'image_storage_unreachable', reason: networkReasons[code] }
  if (code !== null && isTlsCode(code)) return { code: 'image_storage_unreachable', reason: 'tls' }
  return {
    code: 'image_storage_unreachable',
    reason: status !== null ? `status_${status}` : (name ?? 'unknown'),
  }
}

const messages: Record<Classified['code'], string> = {
  image_storage_auth: 'The image storage refused its access keys.',
  image_storage_unreachable: 'The image storage could not be reached, or the bucket does not exist.',
  image_too_large: 'The image storage refused an image this large.',
}

/**
 * Any failure of a storage call as an AppError a user can act on. The message is a fixed sentence
 * and the details say only where (bucket, endpoint host) and why (a reason code and HTTP status):
 * SDK messages are never copied, since they can quote request URLs with signatures in them.
 */
export function storageError(
  error: unknown,
  target: StorageTarget,
  options: { cancelled: boolean },
): AppError {
  if (isAppError(error)) return error
  if (options.cancelled) return new AppError('cancelled', 'The upload was cancelled.')
  const { code, reason } = classify(error)
  const status = httpStatusOf(error)
  return new AppError(code, messages[code], {
    bucket: target.bucket,
    endpoint: target.endpointHost,
    reason,
    ...(status === null ? {} : { status }),
  })
}

/** A non-S3 HTTP answer (the demo simulator's upload route) in the shape `storageError` reads. */
export const httpStatusFailure = (status: number): unknown => ({
  name: `status_${status}`,
  $metadata: { httpStatusCode: status },
})
