import { presetLimits } from '#contract'

const thumbnailSide = 128
const thumbnailPattern = /^data:image\/(?:png|jpeg|webp|gif);base64,/

const readDataUrl = (file: Blob) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'))
    reader.readAsDataURL(file)
  })

async function scaleDown(file: File): Promise<string | null> {
  if (typeof createImageBitmap !== 'function') return null
  const bitmap = await createImageBitmap(file)
  const scale = Math.min(1, thumbnailSide / Math.max(bitmap.width, bitmap.height))
  const canvas = document.createElement('canvas')
  canvas.width = Math.max(1, Math.round(bitmap.width * scale))
  canvas.height = Math.max(1, Math.round(bitmap.height * scale))
  const context = canvas.getContext('2d')
  if (!context) return null
  context.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
  bitmap.close()
  return canvas.toDataURL('image/webp', 0.8)
}

/**
 * A small data URL for a preset's thumbnail: scaled to 128 px where the browser can, else the file
 * as it is. Null when the result is not an image or is over the size cap.
 */
export async function makeThumbnail(file: File): Promise<string | null> {
  const scaled = await scaleDown(file).catch(() => null)
  const dataUrl = scaled ?? (file.size <= presetLimits.thumbnailMaxChars ? await readDataUrl(file) : '')
  return thumbnailPattern.test(dataUrl) && dataUrl.length <= presetLimits.thumbnailMaxChars ? dataUrl : null
}
