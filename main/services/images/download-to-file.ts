import { createHash } from 'node:crypto'
import { open } from 'node:fs/promises'
import type { Dispatcher } from 'undici'
import { AppError, imageSniffLength as sniffLength, type ImageType, sniffImageType } from '#contract'

export interface DownloadOptions {
  /** Hard cap on the body, enforced whether or not the server sends content-length. */
  readonly maxBytes: number
  readonly signal?: AbortSignal
  /** Overall time for the whole download. */
  readonly deadlineMs: number
}

export interface DownloadedFile {
  readonly sha256: string
  readonly type: ImageType
  readonly size: number
}

const statusError = (status: number) => {
  // An expired or withdrawn result link: there is nothing to fetch any more.
  if (status === 403 || status === 404 || status === 410)
    return new AppError('not_found', 'The image is no longer available.', { httpStatus: status })
  if (status >= 500) return new AppError('server', 'The image server had a problem.', { httpStatus: status })
  return new AppError('protocol', 'The image server answered unexpectedly.', { httpStatus: status })
}

const tooLarge = (maxBytes: number) =>
  new AppError('protocol', 'The image is larger than the app accepts.', {
    reason: 'too_large',
    limitBytes: maxBytes,
  })

const notAnImage = () =>
  new AppError('protocol', 'The download is not a PNG, JPEG or WebP image.', { reason: 'not_an_image' })

function transportError(
  error: unknown,
  callerSignal: AbortSignal | undefined,
  deadline: AbortSignal,
): AppError {
  if (error instanceof AppError) return error
  if (callerSignal?.aborted) return new AppError('cancelled', 'The download was cancelled.')
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined
  if (
    deadline.aborted ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT'
  ) {
    return new AppError('timeout', 'The image download took too long.')
  }
  return new AppError('network', 'The image could not be downloaded.')
}

/**
 * Streams `url` into `path`, hashing as it goes: never more than `maxBytes` is read (a declared
 * content-length over the cap is refused before the body), the first bytes must be PNG, JPEG or
 * WebP magic, and the file is fsynced before this resolves. On failure `path` may hold a partial
 * file; the caller removes it.
 */
export async function downloadToFile(
  dispatcher: Dispatcher,
  url: URL,
  path: string,
  options: DownloadOptions,
): Promise<DownloadedFile> {
  const deadline = AbortSignal.timeout(options.deadlineMs)
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline
  const file = await open(path, 'w', 0o600)
  try {
    const response = await dispatcher.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      headers: { accept: 'image/png,image/jpeg,image/webp' },
      signal,
    })
    const { statusCode, headers, body } = response
    // Destroying an unread body emits an AbortError; nobody reads it any more, so it is expected.
    const discard = () => {
      body.on('error', () => undefined)
      body.destroy()
    }
    if (statusCode < 200 || statusCode > 299) {
      discard()
      throw statusError(statusCode)
    }
    const declared = Number(headers['content-length'])
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      discard()
      throw tooLarge(options.maxBytes)
    }
    const hash = createHash('sha256')
    let size = 0
    let type: ImageType | null = null
    let head = Buffer.alloc(0)
    for await (const chunk of body) {
      const bytes = chunk as Buffer
      size += bytes.length
      if (size > options.maxBytes) {
        discard()
        throw tooLarge(options.maxBytes)
      }
      if (type === null && head.length < sniffLength) {
        head = Buffer.concat([head, bytes])
        if (head.length >= sniffLength) {
          type = sniffImageType(head)
          if (type === null) {
            discard()
            throw notAnImage()
          }
        }
      }
      hash.update(bytes)
      await file.write(bytes)
    }
    type ??= sniffImageType(head)
    if (type === null) throw notAnImage()
    await file.sync()
    return { sha256: hash.digest('hex'), type, size }
  } catch (error) {
    throw transportError(error, options.signal, deadline)
  } finally {
    await file.close()
  }
}
