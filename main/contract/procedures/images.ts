import { z } from 'zod'
import { imageCacheKeySchema } from '../schemas/image-source'
import { importedParamsSchema, importedParamsSources } from '../schemas/imported-params'
import { procedure } from './define'

export const imageSizes = ['full', 'thumb'] as const
export type ImageSize = (typeof imageSizes)[number]

/**
 * The largest PNG a renderer may hand over for reading, as base64 text: about 18 MiB of image,
 * under the browser edition's 32 MiB message limit.
 */
export const pngBase64MaxLength = 24 * 1024 * 1024

export const imagesProcedures = {
  /** A cached image as a data: URL (the CSP allows data: images); `thumb` is a small WebP. */
  'images.get': procedure(
    z.object({ cacheKey: imageCacheKeySchema, size: z.enum(imageSizes) }).strict(),
    z.object({ dataUrl: z.string() }),
  ),
  /**
   * The generation parameters a dropped PNG carries: our lossless chunk when present, else A1111's
   * `parameters` text. `skipped` names fields that were present but out of the workbench's bounds.
   */
  'images.readParameters': procedure(
    z.object({ pngBase64: z.string().min(1).max(pngBase64MaxLength) }).strict(),
    z.object({
      params: importedParamsSchema,
      source: z.enum(importedParamsSources),
      skipped: z.array(z.string()),
    }),
  ),
  /**
   * Puts an image the user chose (file, clipboard, drop) or painted (a mask) into the image cache,
   * so a task can use it as an input (`{ type: 'cached', cacheKey }`). PNG, JPEG or WebP only.
   */
  'images.import': procedure(
    z.object({ base64: z.string().min(1).max(pngBase64MaxLength) }).strict(),
    z.object({
      cacheKey: imageCacheKeySchema,
      type: z.enum(['png', 'jpeg', 'webp']),
      width: z.number().int().positive(),
      height: z.number().int().positive(),
      bytes: z.number().int().positive(),
    }),
  ),
}
