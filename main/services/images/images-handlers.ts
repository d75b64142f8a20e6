import { AppError, imageTypes, isPng, sniffImageType, type Handlers } from '#contract'
import type { ImageCache } from './image-cache'
import { readImageInfo } from './image-info'
import { paramsFromPng } from './png-metadata'

export interface ImagesHandlersDeps {
  readonly imageCache: ImageCache
}

// A data: URL is a third larger than the image; this keeps one under the browser edition's 32 MiB
// message limit with room to spare.
const maxDataUrlImageBytes = 20 * 1024 * 1024

const toDataUrl = (bytes: Buffer) => {
  if (bytes.length > maxDataUrlImageBytes) {
    throw new AppError('invalid_request', 'The image is too large to show here.', {
      reason: 'too_large',
      limitBytes: maxDataUrlImageBytes,
    })
  }
  const type = sniffImageType(bytes)
  if (type === null) throw new AppError('storage_corrupt', 'A cached image file is damaged.')
  return `data:${imageTypes[type].mime};base64,${bytes.toString('base64')}`
}

export function createImagesHandlers({
  imageCache,
}: ImagesHandlersDeps): Pick<Handlers, 'images.get' | 'images.readParameters' | 'images.import'> {
  return {
    'images.get': async ({ cacheKey, size }) => ({
      dataUrl: toDataUrl(await imageCache.read(cacheKey, size)),
    }),
    'images.readParameters': ({ pngBase64 }) => {
      const bytes = Buffer.from(pngBase64, 'base64')
      if (!isPng(bytes)) throw new AppError('invalid_request', 'That file is not a PNG image.')
      const found = paramsFromPng(bytes)
      if (found === null) throw new AppError('not_found', 'This image carries no generation parameters.')
      return found
    },
    // Checked before it is stored: only an image sharp can read gets a cache key a task may use.
    'images.import': async ({ base64 }) => {
      const bytes = Buffer.from(base64, 'base64')
      const info = await readImageInfo(bytes)
      const cached = await imageCache.put(bytes)
      return {
        cacheKey: cached.cacheKey,
        type: info.type,
        width: info.width,
        height: info.height,
        bytes: cached.size,
      }
    },
  }
}
