import { randomBytes } from 'node:crypto'
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { AppError, imageTypes, type StorageConfig } from '#contract'
import type { StoredObject, UploadedImage } from './image-host'
import { storageError, type StorageTarget } from './storage-errors'
import { createStorageAgents } from './storage-proxy'

/** The storage's own access key pair (not the Img Open API keys). */
export interface S3Keys {
  readonly accessKeyId: string
  readonly secretAccessKey: string
}

/** How long a storage call may take: a dead endpoint fails in seconds, not minutes. */
export interface S3Limits {
  readonly connectTimeoutMs: number
  /** Per HTTP attempt, from sending to the last byte of the answer. */
  readonly requestTimeoutMs: number
  /** Attempts per call, the first included (the SDK retries throttling and 5xx with backoff). */
  readonly maxAttempts: number
  /** For a whole call, retries included. */
  readonly deadlineMs: number
}

export const defaultS3Limits: S3Limits = {
  connectTimeoutMs: 5_000,
  requestTimeoutMs: 30_000,
  maxAttempts: 2,
  deadlineMs: 60_000,
}

export interface S3ImageHostDeps {
  readonly config: StorageConfig
  readonly keys: S3Keys
  readonly clock?: () => number
  readonly limits?: Partial<S3Limits>
  /**
   * Where HTTPS_PROXY / HTTP_PROXY / NO_PROXY are read (storage-proxy.ts); `process.env` by default.
   * Tests pass their own so they never depend on the machine's proxy settings.
   */
  readonly env?: NodeJS.ProcessEnv
}

export interface ImageToUpload {
  readonly bytes: Uint8Array
  readonly contentType: string
  readonly sha256: string
}

export interface UploadOptions {
  readonly signal?: AbortSignal
  /** The link's lifetime instead of the profile's, within SigV4's 60 s – 7 days. */
  readonly urlExpirySeconds?: number
}

export interface S3ImageHost {
  /**
   * Puts the image under a key of its own and answers a presigned GET link to it, living the
   * profile's `urlExpirySeconds` unless the caller asks for another lifetime (a training dataset).
   */
  upload(image: ImageToUpload, options?: UploadOptions): Promise<UploadedImage>
  /** Deletes an object; one that is already gone is not an error. */
  remove(object: StoredObject, options?: { readonly signal?: AbortSignal }): Promise<void>
  /** Closes the connection pool. */
  close(): void
}

const extensions: Record<string, string> = Object.fromEntries(
  Object.values(imageTypes).map((type) => [type.mime, type.extension]),
)

/** The file extension for an image content type; other types are refused before any upload. */
export function extensionFor(contentType: string): string {
  const extension = extensions[contentType.toLowerCase()]
  if (extension === undefined)
    throw new AppError('invalid_request', 'Only PNG, JPEG and WebP images can be uploaded.', {
      reason: 'image_type',
    })
  return extension
}

/**
 * `<prefix><yyyy-mm-dd>/<sha256 first 16>-<random>.<ext>`: the date groups uploads for lifecycle
 * rules, the hash tells the same image apart at a glance, and the random part makes every upload's
 * key its own, so one task deleting its object never takes another task's copy of the same image.
 */
export function objectKeyFor(prefix: string, image: ImageToUpload, now: number): string {
  const day = new Date(now).toISOString().slice(0, 10)
  const random = randomBytes(8).toString('hex')
  return `${prefix}${day}/${image.sha256.slice(0, 16).toLowerCase()}-${random}.${extensionFor(image.contentType)}`
}

/** The host the SDK talks to, for error details: the endpoint's, or AWS's for the region. */
export function endpointHostOf(config: StorageConfig): string {
  if (config.endpoint !== undefined) return new URL(config.endpoint).host
  return `s3.${config.region}.amazonaws.com`
}

function createClient(config: StorageConfig, keys: S3Keys, limits: S3Limits, env: NodeJS.ProcessEnv) {
  const { httpAgent, httpsAgent } = createStorageAgents(env)
  return new S3Client({
    region: config.region,
    ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
    forcePathStyle: config.forcePathStyle,
    credentials: { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey },
    maxAttempts: limits.maxAttempts,
    requestHandler: {
      connectionTimeout: limits.connectTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // Without this the SDK only logs a warning when requestTimeout passes and keeps waiting.
      throwOnRequestTimeout: true,
      // The SDK reads no proxy variables itself; these pools do, and always verify TLS.
      httpAgent,
      httpsAgent,
    },
    // The SDK's newer default checksums (CRC32 headers, aws-chunked bodies) are refused by several
    // S3-compatible services (OSS, COS, older MinIO); send them only where an operation needs them.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
}

/** The caller's signal (if any) joined with the call's overall deadline. */
function callSignals(signal: AbortSignal | undefined, deadlineMs: number) {
  const deadline = AbortSignal.timeout(deadlineMs)
  return { deadline, joined: signal === undefined ? deadline : AbortSignal.any([signal, deadline]) }
}

const deadlinePassed = { name: 'TimeoutError' }

const isMissingObject = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return false
  const { name, $metadata } = error as { name?: unknown; $metadata?: { httpStatusCode?: unknown } }
  return name === 'NoSuchKey' || ($metadata?.httpStatusCode === 404 && name !== 'NoSuchBucket')
}

/**
 * One profile's S3-compatible storage (AWS S3, Aliyun OSS, Tencent COS, Cloudflare R2, MinIO) with
 * its keys. Every failure is an AppError (image_storage_auth, image_storage_unreachable, cancelled)
 * whose details name the bucket and endpoint host, never a key or a signed URL.
 */
export function createS3ImageHost(deps: S3ImageHostDeps): S3ImageHost {
  const { config } = deps
  const clock = deps.clock ?? Date.now
  const limits: S3Limits = { ...defaultS3Limits, ...deps.limits }
  const client = createClient(config, deps.keys, limits, deps.env ?? process.env)
  const target: StorageTarget = { bucket: config.bucket, endpointHost: endpointHostOf(config) }

  const run = async <T>(
    signal: AbortSignal | undefined,
    call: (abortSignal: AbortSignal) => Promise<T>,
    bucket = config.bucket,
  ): Promise<T> => {
    const { deadline, joined } = callSignals(signal, limits.deadlineMs)
    try {
      return await call(joined)
    } catch (error) {
      const cancelled = signal?.aborted === true
      const cause = deadline.aborted && !cancelled ? deadlinePassed : error
      throw storageError(cause, { ...target, bucket }, { cancelled })
    }
  }

  return {
    async upload(image, options = {}) {
      const now = clock()
      const key = objectKeyFor(config.prefix, image, now)
      await run(options.signal, (abortSignal) =>
        client.send(
          new PutObjectCommand({
            Bucket: config.bucket,
            Key: key,
            Body: image.bytes,
            ContentType: image.contentType.toLowerCase(),
            ContentLength: image.bytes.byteLength,
          }),
          { abortSignal },
        ),
      )
      const expiresIn = options.urlExpirySeconds ?? config.urlExpirySeconds
      // Presigning is local (no request); signing at `now` makes the link's expiry match urlExpiresAt.
      const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: config.bucket, Key: key }), {
        expiresIn,
        signingDate: new Date(now),
      })
      return {
        url,
        urlExpiresAt: now + expiresIn * 1000,
        object: { bucket: config.bucket, key },
      }
    },

    async remove(object, options = {}) {
      const command = new DeleteObjectCommand({ Bucket: object.bucket, Key: object.key })
      await run(
        options.signal,
        async (abortSignal) => {
          try {
            await client.send(command, { abortSignal })
          } catch (error) {
            if (!isMissingObject(error)) throw error
          }
        },
        object.bucket,
      )
    },

    close: () => client.destroy(),
  }
}
