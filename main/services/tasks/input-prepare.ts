import { createHash } from 'node:crypto'
import { AppError, imageTypes, type TaskInput, type TaskInputRole } from '#contract'
import { maxImagePixels, readImageInfo, type ImageInfo } from '../images/image-info'
import { loadSharp } from '../images/load-sharp'
import { inputImageLimits } from './input-limits'

export interface PixelSize {
  readonly width: number
  readonly height: number
}

type SentSize = NonNullable<TaskInput['sent']>

/** An input image ready to upload, within the limits, with what changed. */
export interface PreparedImage {
  readonly bytes: Buffer
  readonly contentType: string
  readonly sha256: string
  readonly sent: SentSize
  /** The original, when the bytes are a resized or re-encoded copy. */
  readonly resizedFrom: SentSize | null
}

export interface PrepareOptions {
  readonly role: TaskInputRole
  readonly allowResize: boolean
  /**
   * The exact size to send (a mask follows its source); by default the image's own size, scaled
   * down to fit `maxSide` when resizing is allowed.
   */
  readonly size?: PixelSize
}

const sizeOf = (info: ImageInfo): SentSize => ({ width: info.width, height: info.height, bytes: info.bytes })

const roleNames: Record<TaskInputRole, string> = {
  source: 'source image',
  mask: 'mask',
  control: 'control image',
}

export function imageTooLarge(role: TaskInputRole, size: SentSize): AppError {
  const { maxSide, maxBytes } = inputImageLimits
  return new AppError(
    'image_too_large',
    `The ${roleNames[role]} (${size.width}×${size.height} px, ${size.bytes} bytes) is over the ` +
      `service's limits (${maxSide} px a side, ${maxBytes} bytes); allow resizing to send a smaller copy.`,
    { role, width: size.width, height: size.height, bytes: size.bytes, maxSide, maxBytes },
  )
}

/** The largest size within `maxSide` with the same proportions (never enlarged). */
export function fitWithinLimits(size: PixelSize): PixelSize {
  const scale = Math.min(1, inputImageLimits.maxSide / Math.max(size.width, size.height))
  if (scale === 1) return { width: size.width, height: size.height }
  return {
    width: Math.max(1, Math.round(size.width * scale)),
    height: Math.max(1, Math.round(size.height * scale)),
  }
}

const prepared = (bytes: Buffer, info: ImageInfo, original: ImageInfo | null): PreparedImage => ({
  bytes,
  contentType: imageTypes[info.type].mime,
  sha256: createHash('sha256').update(bytes).digest('hex'),
  sent: sizeOf(info),
  resizedFrom: original === null ? null : sizeOf(original),
})

async function encode(bytes: Buffer, size: PixelSize, format: 'png' | 'jpeg'): Promise<Buffer> {
  // Oriented first, so the copy looks as the original did (the service applies EXIF too).
  const sharp = await loadSharp()
  const pipeline = sharp(bytes, { limitInputPixels: maxImagePixels })
    .rotate()
    .resize(size.width, size.height, { fit: 'fill' })
  return format === 'png'
    ? pipeline.png({ compressionLevel: 9 }).toBuffer()
    : pipeline.flatten({ background: '#ffffff' }).jpeg({ quality: inputImageLimits.jpegQuality }).toBuffer()
}

/**
 * Checks an input image against the service's limits and, only when the user allowed it, makes a
 * smaller copy: scaled to fit (proportions kept), re-encoded as JPEG if a PNG is still too heavy.
 * Masks stay lossless PNG and take exactly their source's size. An image within the limits is
 * sent exactly as it is. Over a limit without permission: `image_too_large` with the role, the
 * image's size and the limits.
 */
export async function prepareInputImage(bytes: Buffer, options: PrepareOptions): Promise<PreparedImage> {
  const info = await readImageInfo(bytes)
  const { maxBytes } = inputImageLimits
  const target = options.size ?? (options.allowResize ? fitWithinLimits(info) : info)
  const overSide = Math.max(target.width, target.height) > inputImageLimits.maxSide && !options.size
  const resized = target.width !== info.width || target.height !== info.height
  if (overSide) throw imageTooLarge(options.role, sizeOf(info))
  if (!resized && info.bytes <= maxBytes) return prepared(bytes, info, null)
  if (info.bytes > maxBytes && !options.allowResize) throw imageTooLarge(options.role, sizeOf(info))

  const keepPng = options.role === 'mask' || info.type !== 'jpeg'
  let output = await encode(bytes, target, keepPng ? 'png' : 'jpeg')
  if (output.length > maxBytes && keepPng && options.role !== 'mask' && options.allowResize) {
    output = await encode(bytes, target, 'jpeg')
  }
  const sent = await readImageInfo(output)
  if (sent.bytes > maxBytes) throw imageTooLarge(options.role, sizeOf(info))
  return prepared(output, sent, info)
}
