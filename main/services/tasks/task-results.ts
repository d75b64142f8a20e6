import type { TaskImageRecord } from '#contract'
import type { ApiClient, TaskImage } from '../api/api-types'
import type { ImageCache } from '../images/image-cache'
import type { Logger } from '../logger'
import type { TaskPayload } from './task-request'

export interface ResultDeps {
  readonly api: Pick<ApiClient, 'fetchImage'>
  readonly imageCache: Pick<ImageCache, 'put'>
  readonly logger: Logger
}

/** The most a result image may weigh; larger answers are refused rather than filling the disk. */
const maxImageBytes = 64 * 1024 * 1024

/**
 * Downloads each result into the image cache with its generation metadata, so history and gallery
 * work offline and after the service's URLs expire. An image that cannot be fetched keeps its
 * remote URL (cacheKey null) rather than failing the task: the task itself succeeded.
 */
export async function keepResultImages(
  deps: ResultDeps,
  taskId: string,
  task: TaskPayload & { readonly promptTemplate?: string },
  images: readonly TaskImage[],
): Promise<TaskImageRecord[]> {
  const kept: TaskImageRecord[] = []
  for (const image of images) {
    let cacheKey: string | null = null
    try {
      const fetched = await deps.api.fetchImage(image.url, { maxBytes: maxImageBytes })
      const cached = await deps.imageCache.put(fetched.bytes, {
        metadata: { params: task.params, seed: image.seed, kind: task.kind, template: task.promptTemplate },
      })
      cacheKey = cached.cacheKey
    } catch (error) {
      deps.logger.warn('tasks.image_not_kept', {
        taskId,
        code: (error as { code?: unknown }).code ?? 'unknown',
      })
    }
    kept.push({
      url: image.url,
      seed: image.seed,
      status: image.status,
      auditPassed: image.auditPassed,
      auditLabels: [...image.auditLabels],
      cacheKey,
    })
  }
  return kept
}
