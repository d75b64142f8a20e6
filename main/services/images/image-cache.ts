import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { Dispatcher } from 'undici'
import { AppError, imageCacheKeySchema, type ImageSize, type ImageType, sniffImageType } from '#contract'
import { createApiDispatcher } from '../api/api-dispatcher'
import { defaultApiLimits } from '../api/api-limits'
import { syncDirectory, writeFileAtomic } from '../fs/atomic-write'
import { cacheLayout, fileExists as exists } from './cache-layout'
import type { Logger } from '../logger'
import { downloadToFile } from './download-to-file'
import { embedGenerationMetadata, type GenerationMetadata } from './png-metadata'
import { makeThumbnail } from './thumbnail'

export interface ImageCacheDeps {
  readonly dataDir: string
  /** The HTTP pool; by default one with the API's timeouts and proxy settings, owned by the cache. */
  readonly dispatcher?: Dispatcher
  readonly logger: Logger
}

export interface CachedImage {
  /** SHA-256 of the stored bytes: the name to keep in the history. */
  readonly cacheKey: string
  readonly type: ImageType
  readonly size: number
}

export interface CacheOptions {
  /** For PNGs: A1111 `parameters` text and our request chunk are written into the stored file. */
  readonly metadata?: GenerationMetadata
}

export interface ImageDownloadOptions extends CacheOptions {
  readonly maxBytes?: number
  readonly signal?: AbortSignal
  readonly deadlineMs?: number
}

export interface ImageCache {
  download(url: string, options?: ImageDownloadOptions): Promise<CachedImage>
  /** Stores bytes fetched elsewhere (e.g. through the API client). */
  put(bytes: Uint8Array, options?: CacheOptions): Promise<CachedImage>
  /** The image or its thumbnail; a thumbnail missing from disk is made (once) on the spot. */
  read(cacheKey: string, size: ImageSize): Promise<Buffer>
  has(cacheKey: string): Promise<boolean>
  /** The full image's file on disk (for the CLI to print or copy), or null when it is not cached. */
  locate(cacheKey: string): Promise<string | null>
  /** Deletes images and their thumbnails; answers how many images were removed. */
  remove(cacheKeys: readonly string[]): Promise<number>
  close(): Promise<void>
}

/**
 * Content-addressed image store: `<dataDir>/images/<sha[0..2]>/<sha>.<png|jpg|webp>` with a 256 px
 * WebP thumbnail beside it (`<sha>.thumb.webp`), made once. Files are fsynced and renamed into
 * place, so a crash never leaves a half image under a real name.
 */
export function createImageCache(deps: ImageCacheDeps): ImageCache {
  const { root, dirOf, pathOf, thumbPathOf, findFull } = cacheLayout(deps.dataDir)
  const partialDir = join(root, '.partial')
  const dispatcher = deps.dispatcher ?? createApiDispatcher({ limits: defaultApiLimits })
  const thumbnailsInFlight = new Map<string, Promise<Buffer>>()
  // Leftovers of a download cut short by a crash are useless; clear them once, first.
  const ready = rm(partialDir, { recursive: true, force: true }).then(() =>
    mkdir(partialDir, { recursive: true }),
  )

  const checkedKey = (cacheKey: string) => {
    if (!imageCacheKeySchema.safeParse(cacheKey).success)
      throw new AppError('invalid_request', 'Not an image cache key.')
    return cacheKey
  }
  function ensureThumbnail(key: string, image: Buffer): Promise<Buffer> {
    const pending = thumbnailsInFlight.get(key)
    if (pending) return pending
    const made = (async () => {
      const path = thumbPathOf(key)
      if (await exists(path)) return readFile(path)
      const thumbnail = await makeThumbnail(image)
      await writeFileAtomic(path, thumbnail)
      return thumbnail
    })().finally(() => thumbnailsInFlight.delete(key))
    thumbnailsInFlight.set(key, made)
    return made
  }

  async function afterStore(image: CachedImage, bytes: Buffer): Promise<CachedImage> {
    try {
      await ensureThumbnail(image.cacheKey, bytes)
    } catch {
      // The image is safe; a thumbnail that cannot be made now is retried on first read.
      deps.logger.warn('images.thumbnail_failed', { cacheKey: image.cacheKey })
    }
    return image
  }

  async function put(input: Uint8Array, options: CacheOptions = {}): Promise<CachedImage> {
    await ready
    const type = sniffImageType(input)
    if (type === null) throw new AppError('invalid_request', 'Not a PNG, JPEG or WebP image.')
    const embedded =
      type === 'png' && options.metadata ? embedGenerationMetadata(input, options.metadata) : null
    const bytes = Buffer.from(embedded ?? input)
    const cacheKey = createHash('sha256').update(bytes).digest('hex')
    const path = pathOf(cacheKey, type)
    if (!(await exists(path))) await writeFileAtomic(path, bytes)
    return afterStore({ cacheKey, type, size: bytes.length }, bytes)
  }

  async function download(url: string, options: ImageDownloadOptions = {}): Promise<CachedImage> {
    await ready
    let target: URL
    try {
      target = new URL(url)
    } catch {
      throw new AppError('invalid_request', 'Not an image URL.')
    }
    if (target.protocol !== 'https:' && target.protocol !== 'http:')
      throw new AppError('invalid_request', 'Not an image URL.')
    const partial = join(partialDir, randomBytes(8).toString('hex'))
    try {
      const file = await downloadToFile(dispatcher, target, partial, {
        maxBytes: options.maxBytes ?? defaultApiLimits.maxImageBytes,
        signal: options.signal,
        deadlineMs: options.deadlineMs ?? defaultApiLimits.queryDeadlineMs,
      })
      if (file.type === 'png' && options.metadata) return await put(await readFile(partial), options)
      const path = pathOf(file.sha256, file.type)
      await mkdir(dirOf(file.sha256), { recursive: true })
      if (!(await exists(path))) {
        await rename(partial, path)
        await syncDirectory(dirOf(file.sha256))
      }
      return await afterStore(
        { cacheKey: file.sha256, type: file.type, size: file.size },
        await readFile(path),
      )
    } finally {
      await rm(partial, { force: true })
    }
  }

  async function read(cacheKey: string, size: ImageSize): Promise<Buffer> {
    const key = checkedKey(cacheKey)
    const full = await findFull(key)
    if (full === null) throw new AppError('not_found', 'The image is not in the cache.')
    if (size === 'full') return readFile(full)
    if (await exists(thumbPathOf(key))) return readFile(thumbPathOf(key))
    return ensureThumbnail(key, await readFile(full))
  }

  async function remove(cacheKeys: readonly string[]): Promise<number> {
    let removed = 0
    for (const key of cacheKeys.map(checkedKey)) {
      const full = await findFull(key)
      await rm(thumbPathOf(key), { force: true })
      if (full === null) continue
      await rm(full, { force: true })
      removed += 1
    }
    return removed
  }

  return {
    download,
    put,
    read,
    has: async (cacheKey) => (await findFull(checkedKey(cacheKey))) !== null,
    locate: (cacheKey) => findFull(checkedKey(cacheKey)),
    remove,
    async close() {
      // The start-up clean-up must not create `.partial` after the owner removed the data dir.
      await ready.catch(() => undefined)
      if (!deps.dispatcher) await dispatcher.close()
    },
  }
}
