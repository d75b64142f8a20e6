import {
  isTerminalStatus,
  text2ImageParamsSchema,
  unknownTaskParams,
  type TaskImageRecord,
  type TaskRecord,
  type Text2ImageParams,
} from '#contract'
import type { ApiClient, TaskSnapshot } from '../api/api-types'
import { apiError } from '../api/api-errors'
import type { ImageCache } from '../images/image-cache'
import { paramsFromPng } from '../images/png-metadata'
import type { Logger } from '../logger'
import type { ProfilesService } from '../profiles/profiles-service'
import type { HistoryStore } from './history-store'

export interface ArchivedLookupDeps {
  readonly store: HistoryStore
  readonly imageCache: ImageCache
  readonly api: Pick<ApiClient, 'queryArchivedTask'>
  readonly profiles: Pick<ProfilesService, 'resolveConnection' | 'get' | 'list'>
  readonly clock: () => number
  readonly logger: Logger
}

/** Images fetched at once while recording a looked-up task; a batch may hold up to 800. */
const downloadConcurrency = 4

/** The snapshot's images, each cached when it can be downloaded (the service's URLs expire). */
async function cachedImages(
  deps: ArchivedLookupDeps,
  snapshot: TaskSnapshot,
  known: readonly TaskImageRecord[],
) {
  const images: TaskImageRecord[] = snapshot.images.map((image) => ({
    url: image.url,
    seed: image.seed,
    status: image.status,
    auditPassed: image.auditPassed,
    auditLabels: [...image.auditLabels],
    cacheKey: known.find((old) => old.url === image.url)?.cacheKey ?? null,
  }))
  let next = 0
  const worker = async () => {
    for (let index = next++; index < images.length; index = next++) {
      const image = images[index]
      if (!image || image.cacheKey !== null) continue
      try {
        image.cacheKey = (await deps.imageCache.download(image.url)).cacheKey
      } catch {
        // The record keeps the URL; a thumbnail is simply missing until someone fetches it again.
        deps.logger.warn('history.archived_image_not_cached', { taskId: snapshot.taskId, index })
      }
    }
  }
  await Promise.all(Array.from({ length: downloadConcurrency }, worker))
  return images
}

/**
 * The service's own PNGs usually carry A1111's `parameters` text: when the first cached image
 * holds a complete parameter set, the task's parameters are known after all.
 */
async function paramsFromImages(
  deps: ArchivedLookupDeps,
  images: readonly TaskImageRecord[],
): Promise<Text2ImageParams | null> {
  const first = images.find((image) => image.cacheKey !== null)
  if (!first?.cacheKey) return null
  try {
    const found = paramsFromPng(await deps.imageCache.read(first.cacheKey, 'full'))
    const params = found === null ? null : text2ImageParamsSchema.safeParse(found.params)
    return params?.success ? { ...params.data, seed: first.seed ?? params.data.seed } : null
  } catch {
    return null
  }
}

const statusOf = (snapshot: TaskSnapshot): Pick<TaskRecord, 'status' | 'description' | 'error'> => ({
  status: snapshot.state,
  description: snapshot.description === '' ? null : snapshot.description,
  error:
    snapshot.state === 'failed'
      ? apiError('server', {
          taskId: snapshot.taskId,
          serviceStatus: snapshot.rawStatus,
          serviceMessage: snapshot.description,
        }).toShape()
      : null,
})

/**
 * `history.lookupArchived`: asks the archive about a task and records what it says. The archive
 * gives no creation time, so a new record is dated when it was looked up.
 */
export async function lookupArchivedTask(
  deps: ArchivedLookupDeps,
  taskId: string,
  requestedProfileId?: string,
): Promise<TaskRecord> {
  const profileId = requestedProfileId ?? (await deps.profiles.list()).activeProfileId
  const connection = await deps.profiles.resolveConnection(profileId)
  const snapshot = await deps.api.queryArchivedTask(connection, taskId)
  const existing = deps.store.get(taskId)
  const images = await cachedImages(deps, snapshot, existing?.images ?? [])
  const now = deps.clock()
  const outcome = {
    ...statusOf(snapshot),
    images,
    updatedAt: now,
    finishedAt: isTerminalStatus(snapshot.state) ? (existing?.finishedAt ?? now) : null,
  }
  if (existing) return deps.store.update(taskId, outcome)
  const params = await paramsFromImages(deps, images)
  const profile = await deps.profiles.get(profileId)
  return deps.store.insert({
    id: taskId,
    kind: 'text2image',
    profileId,
    profileName: profile.name,
    params: params ?? unknownTaskParams,
    ...(params === null ? { paramsUnknown: true } : {}),
    createdAt: now,
    ...outcome,
  })
}
