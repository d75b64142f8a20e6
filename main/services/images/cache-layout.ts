import { access } from 'node:fs/promises'
import { join } from 'node:path'
import { imageTypes, type ImageType } from '#contract/image-type'

/**
 * Where the image cache keeps each image: `<dataDir>/images/<sha[0..2]>/<sha>.<png|jpg|webp>`,
 * its thumbnail beside it. Apart from image-cache.ts (and without its HTTP pool, sharp or zod) so
 * a read-only caller, `img-open history`, finds cached files without building the cache.
 */
export interface CacheLayout {
  readonly root: string
  dirOf(key: string): string
  pathOf(key: string, type: ImageType): string
  thumbPathOf(key: string): string
  /** The full image's file, whichever type it was stored as, or null when it is not there. */
  findFull(key: string): Promise<string | null>
}

const cacheKeyPattern = /^[0-9a-f]{64}$/

/** A SHA-256 in hex, as the history keeps it: nothing else may become part of a path. */
export const isCacheKey = (value: string): boolean => cacheKeyPattern.test(value)

export const fileExists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  )

export function cacheLayout(dataDir: string): CacheLayout {
  const root = join(dataDir, 'images')
  const dirOf = (key: string) => join(root, key.slice(0, 2))
  const pathOf = (key: string, type: ImageType) => join(dirOf(key), `${key}.${imageTypes[type].extension}`)
  return {
    root,
    dirOf,
    pathOf,
    thumbPathOf: (key) => join(dirOf(key), `${key}.thumb.webp`),
    async findFull(key) {
      for (const type of Object.keys(imageTypes) as ImageType[]) {
        if (await fileExists(pathOf(key, type))) return pathOf(key, type)
      }
      return null
    },
  }
}
