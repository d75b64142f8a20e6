import { createHash } from 'node:crypto'
import { request, type Dispatcher } from 'undici'
import { AppError } from '#contract'
import type { Logger } from '../logger'
import type { InputImageHost, UploadedImage } from './image-host'
import { storageError } from './storage-errors'

export interface StorageProbeDeps {
  readonly host: InputImageHost
  readonly dispatcher: Dispatcher
  readonly logger: Logger
  readonly deadlineMs?: number
}

/** A 1×1 transparent PNG: the smallest image the service itself could be asked to fetch. */
const probePng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)
const maxProbeAnswer = 64 * 1024

/** The link's host only: the rest of a presigned URL is a signature, which stays out of details. */
const hostOf = (url: string): string => {
  try {
    return new URL(url).host
  } catch {
    return ''
  }
}

/** Downloads the probe by its link as the service would, with no keys, and compares the bytes. */
async function fetchBack(uploaded: UploadedImage, deps: StorageProbeDeps): Promise<void> {
  const target = { bucket: uploaded.object.bucket, endpointHost: hostOf(uploaded.url) }
  const deadline = AbortSignal.timeout(deps.deadlineMs ?? 30_000)
  let status: number
  let bytes: Buffer
  try {
    const response = await request(uploaded.url, { dispatcher: deps.dispatcher, signal: deadline })
    status = response.statusCode
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of response.body) {
      size += (chunk as Buffer).byteLength
      if (size > maxProbeAnswer) break
      chunks.push(chunk as Buffer)
    }
    bytes = Buffer.concat(chunks)
  } catch (error) {
    throw storageError(deadline.aborted ? { name: 'TimeoutError' } : error, target, { cancelled: false })
  }
  if (status !== 200) {
    throw new AppError('image_storage_unreachable', 'The uploaded image could not be fetched by its link.', {
      ...target,
      reason: 'link_refused',
      status,
    })
  }
  if (!bytes.equals(probePng)) {
    throw new AppError(
      'image_storage_unreachable',
      'The link answered with other bytes than were uploaded.',
      {
        ...target,
        reason: 'link_mismatch',
      },
    )
  }
}

/**
 * The storage test: the same path a task's input image takes (upload, presigned link, download
 * without keys, delete), with a tiny PNG. The probe is deleted even when the download fails.
 */
export async function probeStorage(
  deps: StorageProbeDeps,
  profileId: string,
): Promise<{ bucket: string; objectKey: string }> {
  const sha256 = createHash('sha256').update(probePng).digest('hex')
  const uploaded = await deps.host.upload(profileId, { bytes: probePng, contentType: 'image/png', sha256 })
  try {
    await fetchBack(uploaded, deps)
  } finally {
    await deps.host.remove(profileId, uploaded.object).catch((error: unknown) => {
      deps.logger.warn('storage.probe_not_removed', {
        profileId,
        code: error instanceof AppError ? error.code : 'unknown',
      })
    })
  }
  deps.logger.info('storage.tested', { profileId, bucket: uploaded.object.bucket })
  return { bucket: uploaded.object.bucket, objectKey: uploaded.object.key }
}
