import { AppError, isAppError, trainingRow, type TrainingTaskRecord } from '#contract'
import type { ApiConnection } from '../api/api-types'
import type { ToolCalls } from '../api/tool-client'
import type { EventBus } from '../event-bus'
import type { ImageCache } from '../images/image-cache'
import type { Logger } from '../logger'
import type { InputImageHost } from '../storage/image-host'

export interface TrainingRunDeps {
  readonly api: Pick<ToolCalls, 'submitTool'>
  readonly imageCache: Pick<ImageCache, 'read'>
  /** The noting host (upload-notes.ts): an object uploaded but not yet recorded is found after a crash. */
  readonly imageHost: InputImageHost
  readonly events: EventBus
  readonly logger: Logger
  /** Reads the job as stored (null once deleted). */
  readonly job: (id: string) => TrainingTaskRecord | null
  /** Writes a change to the job and announces it. */
  readonly save: (id: string, patch: Partial<TrainingTaskRecord>) => TrainingTaskRecord
}

const mimeOf = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' } as const

const gone = (id: string) => new AppError('not_found', 'The training job was deleted.', { taskId: id })

/**
 * Uploads the images of the dataset not uploaded yet, one at a time, each recorded as soon as its
 * upload returns, so a run cut short (kill -9) resumes where it stopped and uploads nothing twice.
 * Links live the job's `linkLifetimeDays`.
 */
export async function uploadDataset(deps: TrainingRunDeps, id: string): Promise<TrainingTaskRecord> {
  let job = deps.job(id)
  if (!job) throw gone(id)
  const total = job.dataset.length
  for (let index = 0; index < total; index += 1) {
    const image = job.dataset[index]
    if (!image || image.url !== null) continue
    const bytes = await deps.imageCache.read(image.cacheKey, 'full')
    const uploaded = await deps.imageHost.upload(
      job.profileId,
      { bytes, contentType: mimeOf[image.format], sha256: image.cacheKey },
      { urlExpirySeconds: job.linkLifetimeDays * 24 * 3600 },
    )
    const current = deps.job(id)
    if (!current) {
      await deps.imageHost.remove(job.profileId, uploaded.object).catch(() => undefined)
      throw gone(id)
    }
    const dataset = current.dataset.map((item, at) =>
      at === index
        ? { ...item, url: uploaded.url, urlExpiresAt: uploaded.urlExpiresAt, storageObject: uploaded.object }
        : item,
    )
    job = deps.save(id, { dataset })
    deps.events.emit('training.upload', {
      taskId: id,
      uploaded: dataset.filter((item) => item.url !== null).length,
      total,
    })
  }
  const fileUrlList = job.dataset.map((image) => image.url ?? '')
  return deps.save(id, { stage: 'sending', params: { ...job.params, fileUrlList } })
}

/** How the §14 submit ended: accepted, or refused (final), or unknown (the answer was lost). */
export type SendOutcome =
  | { readonly kind: 'accepted' }
  | { readonly kind: 'refused'; readonly error: AppError }
  | { readonly kind: 'unknown'; readonly error: AppError }

/**
 * Sends §14's body with the job's id as `taskId`. There is no training query to reconcile a lost
 * answer with, so the same body is sent again with the same `taskId` (the service keeps one task
 * per id: api-guesses.ts guess 12), at most `attempts` times; still no answer ⇒ `unknown`.
 */
export async function sendJob(
  deps: Pick<TrainingRunDeps, 'api' | 'logger'>,
  job: TrainingTaskRecord,
  connection: ApiConnection,
  attempts = 3,
): Promise<SendOutcome> {
  const body = { ...job.params, taskId: job.id }
  let last: AppError = new AppError('network', 'The training job could not be sent.')
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    try {
      await deps.api.submitTool(connection, {
        path: trainingRow.path,
        taskId: job.id,
        body,
        queryPath: null,
      })
      return { kind: 'accepted' }
    } catch (error) {
      if (!isAppError(error)) throw error
      const outcome = error.details?.submitOutcome
      if (outcome !== 'unknown' && outcome !== 'not_created') return { kind: 'refused', error }
      if (outcome === 'not_created' && !['network', 'timeout', 'server'].includes(error.code))
        return { kind: 'refused', error }
      last = error
      deps.logger.warn('training.send_again', { taskId: job.id, attempt, code: error.code })
    }
  }
  return { kind: 'unknown', error: last }
}
