import { AppError, isAppError, type TaskInput, type TaskInputRole } from '#contract'
import type { ImageCache } from '../images/image-cache'
import type { Logger } from '../logger'
import { inputImageLimits } from './input-limits'

/** An input image's bytes in the image cache: what a re-run sends once its link stops working. */
export interface LocalCopy {
  readonly bytes: Buffer
  readonly cacheKey: string
}

export const unavailable = (role: TaskInputRole, reason: string, details: Record<string, unknown> = {}) =>
  new AppError('image_unavailable', `The ${role} image is no longer available: ${reason}`, {
    role,
    ...details,
  })

/** Why a retry cannot send again an input whose link stopped working and that kept no local copy. */
export function noCopyReason(input: TaskInput): string {
  if (input.origin === 'url')
    return 'its pasted link stopped working, and it could not be downloaded when the task was first sent, so no copy was kept.'
  return 'its link stopped working and no copy was kept.'
}

/** The local copies of input images: read from the image cache, or made from a pasted URL. */
export function createInputCopies(deps: {
  readonly imageCache: Pick<ImageCache, 'read' | 'download'>
  readonly logger: Logger
}) {
  async function readCached(cacheKey: string, role: TaskInputRole): Promise<LocalCopy> {
    try {
      return { bytes: await deps.imageCache.read(cacheKey, 'full'), cacheKey }
    } catch (error) {
      if (isAppError(error) && error.code !== 'not_found' && error.code !== 'invalid_request') throw error
      throw unavailable(role, 'it is not in the image cache any more.', { cacheKey })
    }
  }

  /**
   * A pasted URL's local copy, which a re-run needs once the link stops working. A link that answers
   * that the image is gone (403, 404, 410) refuses the submit: the service could not fetch it
   * either, and a re-run of a task that kept no copy ends here, saying why. Any other failure (slow,
   * unreachable from here, too large to copy) lets the task go with the link alone: the service,
   * not this computer, is what must reach it. The record then holds no copy (`cacheKey: null`).
   */
  async function copyOf(url: string, role: TaskInputRole): Promise<LocalCopy | null> {
    try {
      const cached = await deps.imageCache.download(url, {
        maxBytes: inputImageLimits.maxCopyBytes,
        deadlineMs: inputImageLimits.copyDeadlineMs,
      })
      return await readCached(cached.cacheKey, role)
    } catch (error) {
      if (isAppError(error) && error.code === 'not_found') {
        const status = error.details?.httpStatus
        throw unavailable(role, `its link answers HTTP ${String(status)} and no local copy was kept.`, {
          origin: 'url',
          httpStatus: status,
        })
      }
      deps.logger.warn('tasks.input_copy_failed', {
        role,
        code: (error as { code?: unknown }).code ?? 'unknown',
      })
      return null
    }
  }

  return { readCached, copyOf }
}
