import { randomBytes } from 'node:crypto'
import { request, type Dispatcher } from 'undici'
import { AppError } from '#contract'
import { authHeadersFor } from '../api/api-call'
import type { ApiConnection } from '../api/api-types'
import type { StoredObject, UploadedImage } from './image-host'
import { extensionFor, type ImageToUpload } from './s3-image-host'
import { httpStatusFailure, storageError } from './storage-errors'

export interface DemoImageHostDeps {
  /** The demo profile's connection, read at call time (the simulator starts on first use). */
  readonly resolveConnection: () => Promise<ApiConnection>
  readonly dispatcher: Dispatcher
  readonly deadlineMs?: number
}

export interface DemoImageHost {
  upload(image: ImageToUpload, options?: { readonly signal?: AbortSignal }): Promise<UploadedImage>
  remove(object: StoredObject, options?: { readonly signal?: AbortSignal }): Promise<void>
}

/**
 * The simulator's upload route. Objects are named by content plus a per-upload tag, so the path says
 * what was sent and two tasks using one image never delete each other's object.
 */
export const demoUploadBucket = 'sim-uploads'
const maxAnswerBytes = 64 * 1024

const checkSha256 = (sha256: string): string => {
  if (!/^[0-9a-f]{64}$/i.test(sha256))
    throw new AppError('invalid_request', 'The image hash is not a SHA-256.', { reason: 'sha256' })
  return sha256.toLowerCase()
}

function objectUrl(baseUrl: string, key: string): URL {
  return new URL(
    `${demoUploadBucket}/${encodeURIComponent(key)}`,
    baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`,
  )
}

/** The answer's JSON (null if it is not JSON), read up to a small cap. */
async function readJson(body: Dispatcher.ResponseData['body']): Promise<unknown> {
  let text = ''
  for await (const chunk of body) {
    text += String(chunk)
    if (text.length > maxAnswerBytes) throw new AppError('protocol', 'The simulator answered too much.')
  }
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

/**
 * A refused PUT or DELETE. The simulator checks the bytes against the declared type and the hash
 * in the name (400): that is a bug on this side, not a storage problem, so it is `invalid_request`.
 */
async function refusal(response: Dispatcher.ResponseData): Promise<unknown> {
  const answer = await readJson(response.body)
  const error = typeof answer === 'object' && answer !== null ? (answer as { error?: unknown }).error : null
  const reason = typeof error === 'string' && /^[a-z0-9_]{1,40}$/.test(error) ? error : 'refused'
  if (response.statusCode === 400)
    return new AppError('invalid_request', 'The demo simulator refused the image.', { reason })
  return httpStatusFailure(response.statusCode)
}

/** `{url}` with an http(s) link, or a protocol error: the link goes to the service as is. */
async function readLink(body: Dispatcher.ResponseData['body']): Promise<string> {
  const parsed = await readJson(body)
  const url = typeof parsed === 'object' && parsed !== null ? (parsed as { url?: unknown }).url : undefined
  if (typeof url !== 'string' || !/^https?:\/\//.test(url))
    throw new AppError('protocol', 'The simulator did not answer with a link.', { reason: 'no_link' })
  return url
}

/**
 * The demo profile's "storage": the in-process simulator keeps uploads in memory
 * (`PUT /sim-uploads/<sha256>.<ext>`), so nothing leaves this computer. Failures are the same
 * AppErrors the S3 host gives.
 */
export function createDemoImageHost(deps: DemoImageHostDeps): DemoImageHost {
  const deadlineMs = deps.deadlineMs ?? 30_000

  const send = async <T>(
    method: 'PUT' | 'DELETE',
    key: string,
    signal: AbortSignal | undefined,
    body: ImageToUpload | null,
    answer: (response: Dispatcher.ResponseData) => Promise<T>,
  ): Promise<T> => {
    const connection = await deps.resolveConnection()
    const url = objectUrl(connection.baseUrl, key)
    const deadline = AbortSignal.timeout(deadlineMs)
    try {
      const response = await request(url, {
        method,
        dispatcher: deps.dispatcher,
        signal: signal === undefined ? deadline : AbortSignal.any([signal, deadline]),
        headers: {
          ...authHeadersFor(connection),
          ...(body === null ? {} : { 'content-type': body.contentType.toLowerCase() }),
        },
        body:
          body === null
            ? undefined
            : Buffer.from(body.bytes.buffer, body.bytes.byteOffset, body.bytes.byteLength),
      })
      return await answer(response)
    } catch (error) {
      const cancelled = signal?.aborted === true
      const cause = deadline.aborted && !cancelled ? { name: 'TimeoutError' } : error
      throw storageError(cause, { bucket: demoUploadBucket, endpointHost: url.host }, { cancelled })
    }
  }

  return {
    async upload(image, options = {}) {
      const tag = randomBytes(6).toString('hex')
      const key = `${checkSha256(image.sha256)}-${tag}.${extensionFor(image.contentType)}`
      const url = await send('PUT', key, options.signal, image, async (response) => {
        if (response.statusCode !== 201 && response.statusCode !== 200) throw await refusal(response)
        return readLink(response.body)
      })
      return { url, urlExpiresAt: null, object: { bucket: demoUploadBucket, key } }
    },

    async remove(object, options = {}) {
      await send('DELETE', object.key, options.signal, null, async (response) => {
        // Already gone is fine: the simulator may have been restarted.
        if (response.statusCode < 300 || response.statusCode === 404) return response.body.dump()
        throw await refusal(response)
      })
    },
  }
}
