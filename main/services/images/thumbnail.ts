import { loadSharp } from './load-sharp'

/** Longest side of a thumbnail: enough for a history grid, small enough to travel as a data: URL. */
export const thumbnailSize = 256

// Generated images top out near 8192² (2048 × hires 4); anything far beyond is a decompression bomb.
const maxInputPixels = 80_000_000

/** A small WebP of the image, never enlarged. */
export async function makeThumbnail(image: Buffer): Promise<Buffer> {
  const sharp = await loadSharp()
  return sharp(image, { limitInputPixels: maxInputPixels })
    .rotate()
    .resize(thumbnailSize, thumbnailSize, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 70 })
    .toBuffer()
}
