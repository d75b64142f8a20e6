import { loadSharp } from './load-sharp'
import { AppError, type ImageType, sniffImageType } from '#contract'

/**
 * Pictures people use as sources top out near 8192² (a phone's 50 MP is 8160 × 6120); anything far
 * beyond is a decompression bomb, refused before sharp allocates it.
 */
export const maxImagePixels = 80_000_000

export interface ImageInfo {
  readonly type: ImageType
  /** As shown (EXIF orientation applied), which is how A1111 and the browser read it. */
  readonly width: number
  readonly height: number
  readonly bytes: number
}

/**
 * The type and size of an image the user brought (PNG, JPEG or WebP, by magic bytes, never by
 * name). Anything else, or bytes sharp cannot read, is `invalid_request` with a clear message.
 */
export async function readImageInfo(bytes: Uint8Array): Promise<ImageInfo> {
  const type = sniffImageType(bytes)
  if (type === null) {
    throw new AppError('invalid_request', 'That file is not a PNG, JPEG or WebP image.', {
      reason: 'not_an_image',
    })
  }
  try {
    const sharp = await loadSharp()
    const metadata = await sharp(bytes, { limitInputPixels: maxImagePixels }).metadata()
    const { width, height } = metadata.autoOrient
    if (!(width > 0 && height > 0) || width * height > maxImagePixels) throw new Error('unusable size')
    return { type, width, height, bytes: bytes.length }
  } catch {
    throw new AppError('invalid_request', 'The image could not be read; it may be damaged or too large.', {
      reason: 'unreadable',
      type,
    })
  }
}
