import { presetLimits } from '../../../../main/contract'

/** Offers text as a file download (the renderer cannot write files itself). */
export function offerDownload(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  document.body.appendChild(link)
  link.click()
  link.remove()
  // Revoke after the click has been handled, or some browsers cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

/** A picked or dropped file's text, or null when it is larger than `maxChars` allows. */
export async function readTextFile(file: File, maxChars: number): Promise<string | null> {
  // UTF-8 takes at least one byte per character, so the byte size bounds the length.
  if (file.size > maxChars * 4) return null
  const text = await file.text()
  return text.length > maxChars ? null : text
}

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
