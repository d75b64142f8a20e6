import { imageSniffLength, pngBase64MaxLength, sniffImageType, type ImageType } from '#contract'

/** The largest file whose base64 text still fits `images.import`'s input limit (18 MiB). */
export const maxImportBytes = Math.floor(pngBase64MaxLength / 4) * 3

export type ReadFailure = 'wrong_type' | 'too_large' | 'unreadable'

export type ReadImageResult =
  | { readonly ok: true; readonly kind: ImageType; readonly dataUrl: string; readonly base64: string }
  | { readonly ok: false; readonly reason: ReadFailure }

function read(
  blob: Blob,
  as: 'arrayBuffer' | 'dataUrl',
  onProgress?: (fraction: number) => void,
): Promise<string | ArrayBuffer | null> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(reader.result)
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'))
    if (onProgress) {
      reader.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total)
      }
    }
    if (as === 'arrayBuffer') reader.readAsArrayBuffer(blob)
    else reader.readAsDataURL(blob)
  })
}

/**
 * A file the user chose, dropped or pasted, checked (size, then type by its first bytes) before it
 * is read whole, so a wrong or huge file is refused at once. `onProgress` hears 0…1 while a big
 * file is read.
 */
export async function readImageFile(
  file: Blob,
  onProgress?: (fraction: number) => void,
): Promise<ReadImageResult> {
  if (file.size > maxImportBytes) return { ok: false, reason: 'too_large' }
  try {
    const head = await read(file.slice(0, imageSniffLength), 'arrayBuffer')
    const kind = head instanceof ArrayBuffer ? sniffImageType(new Uint8Array(head)) : null
    if (kind === null) return { ok: false, reason: 'wrong_type' }
    const read64 = await read(file, 'dataUrl', onProgress)
    if (typeof read64 !== 'string') return { ok: false, reason: 'unreadable' }
    const base64 = read64.slice(read64.indexOf(',') + 1)
    // The reader labels the data with the file's own MIME type, often empty for drops and pastes.
    return { ok: true, kind, base64, dataUrl: `data:image/${kind};base64,${base64}` }
  } catch {
    return { ok: false, reason: 'unreadable' }
  }
}
