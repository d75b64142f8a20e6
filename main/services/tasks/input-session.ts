import type { TaskInput, TaskInputRole } from '#contract'
import type { ImageCache } from '../images/image-cache'
import type { Logger } from '../logger'
import type { InputImageHost, StoredObject, UploadedImage } from '../storage/image-host'
import type { PreparedImage } from './input-prepare'

export interface UploadSessionDeps {
  readonly imageHost: InputImageHost
  readonly imageCache: Pick<ImageCache, 'put'>
  readonly logger: Logger
}

export interface UploadSession {
  /**
   * Uploads a prepared image (once per content within the session) and answers the input the
   * history keeps: its link, the stored object, and a local copy of exactly what was sent.
   */
  upload(
    place: { readonly role: TaskInputRole; readonly unit?: number },
    image: PreparedImage,
    originalCacheKey: string | null,
  ): Promise<TaskInput>
  /** Removes everything this session uploaded: the submit it served did not happen. */
  discard(): Promise<void>
}

/** `bucket/key`, to remove an object shared by several inputs once. */
export const objectId = (object: StoredObject) => `${object.bucket}/${object.key}`

/**
 * One submit's (or retry's) uploads to the profile's storage: the same bytes used twice (a source
 * that is also a control image) go up once, and everything uploaded can be taken back if the
 * submit fails later, so a failed submit leaves nothing behind in the user's bucket.
 */
export function createUploadSession(
  deps: UploadSessionDeps,
  profileId: string,
  options: { readonly keepUploads: boolean },
): UploadSession {
  const bySha = new Map<string, Promise<UploadedImage>>()
  const uploaded: StoredObject[] = []
  let profileKeeps: Promise<boolean> | undefined

  // The profile's own "keep uploads" setting adds to the request's option.
  const keepUpload = () =>
    (profileKeeps ??= options.keepUploads
      ? Promise.resolve(true)
      : deps.imageHost
          .describe(profileId)
          .then((host) => host?.kind === 's3' && host.config.keepUploads)
          .catch(() => false))

  const put = (image: PreparedImage) => {
    let pending = bySha.get(image.sha256)
    if (!pending) {
      pending = deps.imageHost
        .upload(profileId, { bytes: image.bytes, contentType: image.contentType, sha256: image.sha256 })
        .then((done) => {
          uploaded.push(done.object)
          return done
        })
      bySha.set(image.sha256, pending)
    }
    return pending
  }

  return {
    async upload(place, image, originalCacheKey) {
      // The local copy is what was sent, so a re-run after the link expires sends the same bytes.
      const cacheKey =
        image.resizedFrom === null && originalCacheKey !== null
          ? originalCacheKey
          : (await deps.imageCache.put(image.bytes)).cacheKey
      const done = await put(image)
      return {
        role: place.role,
        ...(place.unit === undefined ? {} : { unit: place.unit }),
        origin: 'upload',
        url: done.url,
        urlExpiresAt: done.urlExpiresAt,
        cacheKey,
        storageObject: done.object,
        keepUpload: await keepUpload(),
        sent: image.sent,
        resizedFrom: image.resizedFrom,
      }
    },
    async discard() {
      await Promise.allSettled([...bySha.values()])
      for (const object of uploaded.splice(0)) {
        try {
          await deps.imageHost.remove(profileId, object)
        } catch (error) {
          deps.logger.warn('tasks.upload_not_removed', {
            code: (error as { code?: unknown }).code ?? 'unknown',
          })
        }
      }
    },
  }
}
