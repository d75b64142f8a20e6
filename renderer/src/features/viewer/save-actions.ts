import type { TaskRecord } from '#contract'
import type { Client } from '../../bridge'
import { zipStore } from './zip-store'

/** What a save action did, for the viewer's status line (keys of `viewer.saved.*`). */
export type SaveOutcome =
  | { readonly kind: 'saved'; readonly path: string }
  | { readonly kind: 'savedAll'; readonly count: number; readonly folder: string }
  | { readonly kind: 'downloaded'; readonly name: string }
  | { readonly kind: 'copied' }
  | { readonly kind: 'revealed' }
  | { readonly kind: 'cancelled' }

const bytesOf = (dataUrl: string) => {
  const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1)
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i)
  return bytes
}
const mimeOf = (dataUrl: string) => /^data:([^;,]+)/.exec(dataUrl)?.[1] ?? 'application/octet-stream'

/** The cached full image's bytes, exactly as stored (so its infotext comes along). */
async function imageBytes(client: Client, record: TaskRecord, index: number) {
  const cacheKey = record.images[index]?.cacheKey
  if (!cacheKey) throw new Error('not cached')
  const { dataUrl } = await client.call('images.get', { cacheKey, size: 'full' })
  return { bytes: bytesOf(dataUrl), mime: mimeOf(dataUrl) }
}

/** Hands a blob to the browser as a download named `name` (the browser edition's "save"). */
function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // The download has its own reference by now; the URL is no longer needed after this tick.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/**
 * The save actions of a result, the same calls for every screen: the desktop app asks main
 * (dialogs, written by the outputs service); the browser edition downloads from the page.
 */
export function saveActions(client: Client, dialogs: boolean) {
  return {
    async saveImage(record: TaskRecord, index: number): Promise<SaveOutcome> {
      if (dialogs) {
        const { path } = await client.call('outputs.saveImage', { taskId: record.id, imageIndex: index })
        return path === null ? { kind: 'cancelled' } : { kind: 'saved', path }
      }
      const { names } = await client.call('outputs.fileNames', { taskId: record.id })
      const { bytes, mime } = await imageBytes(client, record, index)
      const name = names[index] ?? `${record.id}-${index + 1}.png`
      download(new Blob([bytes as BlobPart], { type: mime }), name)
      return { kind: 'downloaded', name }
    },
    async saveAll(record: TaskRecord): Promise<SaveOutcome> {
      if (dialogs) {
        const { folder, files } = await client.call('outputs.saveTask', { taskId: record.id })
        return folder === null ? { kind: 'cancelled' } : { kind: 'savedAll', count: files.length, folder }
      }
      const { names } = await client.call('outputs.fileNames', { taskId: record.id })
      const entries = []
      for (const [index, name] of names.entries()) {
        if (name === null) continue
        entries.push({ name, bytes: (await imageBytes(client, record, index)).bytes })
      }
      const name = `${record.id}.zip`
      download(zipStore(entries), name)
      return { kind: 'downloaded', name }
    },
    async copyImage(record: TaskRecord, index: number): Promise<SaveOutcome> {
      const { bytes, mime } = await imageBytes(client, record, index)
      const png =
        mime === 'image/png' ? new Blob([bytes as BlobPart], { type: mime }) : await toPng(bytes, mime)
      await navigator.clipboard.write([new ClipboardItem({ 'image/png': png })])
      return { kind: 'copied' }
    },
    async reveal(record: TaskRecord, index: number): Promise<SaveOutcome> {
      await client.call('outputs.reveal', { taskId: record.id, imageIndex: index })
      return { kind: 'revealed' }
    },
  }
}

export type SaveActions = ReturnType<typeof saveActions>

/** Clipboards take PNG only: a JPEG or WebP result is redrawn as one. */
async function toPng(bytes: Uint8Array, mime: string): Promise<Blob> {
  const bitmap = await createImageBitmap(new Blob([bytes as BlobPart], { type: mime }))
  const canvas = document.createElement('canvas')
  canvas.width = bitmap.width
  canvas.height = bitmap.height
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0)
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no png'))), 'image/png'),
  )
}
