import type { Client } from '../../../bridge'
import { readImageFile } from '../../sources'
import type { DatasetImage } from './dataset-types'

/** A file with the name the user knows it by (its path inside a picked or dropped folder). */
export interface NamedFile {
  readonly name: string
  readonly file: Blob
}

const imageName = /\.(png|jpe?g|webp|gif|bmp|tiff?|heic|avif)$/i

/**
 * Whether a file in a folder is meant as a picture. Caption files (`.txt`), `.DS_Store` and the
 * like are passed over silently; a picture in a format the service cannot take is kept, so it
 * shows as unreadable instead of vanishing.
 */
export const looksLikeImage = (name: string, mime: string) =>
  mime.startsWith('image/') || imageName.test(name)

/** The files of a folder picker (`webkitdirectory`) or a multiple file picker, pictures only. */
export function namedFiles(files: Iterable<File>): { files: NamedFile[]; skipped: number } {
  const picked: NamedFile[] = []
  let skipped = 0
  for (const file of files) {
    const name = file.webkitRelativePath || file.name
    if (looksLikeImage(name, file.type)) picked.push({ name, file })
    else skipped += 1
  }
  return { files: picked, skipped }
}

const unreadable = (image: DatasetImage): DatasetImage => ({ ...image, state: 'unreadable' })

/**
 * Reads one picture into main's image cache (`images.import`, which sniffs its type and size) and
 * fetches its thumbnail. Anything that fails leaves the image unreadable, never the whole set.
 */
export async function importImage(client: Client, image: DatasetImage, file: Blob): Promise<DatasetImage> {
  const read = await readImageFile(file)
  if (!read.ok) return unreadable(image)
  try {
    const imported = await client.call('images.import', { base64: read.base64 })
    const thumb = await client
      .call('images.get', { cacheKey: imported.cacheKey, size: 'thumb' })
      .then((answer) => answer.dataUrl)
      .catch(() => null)
    return {
      ...image,
      state: 'ready',
      cacheKey: imported.cacheKey,
      type: imported.type,
      width: imported.width,
      height: imported.height,
      bytes: imported.bytes,
      thumbUrl: thumb,
    }
  } catch {
    return unreadable(image)
  }
}

let counter = 0

/** A row for a file that is about to be read, shown at once so a big folder does not look stuck. */
export const pendingImage = (name: string): DatasetImage => ({
  id: `img-${(counter += 1)}`,
  name,
  state: 'reading',
  cacheKey: null,
  type: null,
  width: null,
  height: null,
  bytes: null,
  thumbUrl: null,
})

/** Walks a dropped folder (the drag-and-drop entries API) down to its files. */
async function entryFiles(entry: FileSystemEntry, into: NamedFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) =>
      (entry as FileSystemFileEntry).file(resolve, reject),
    )
    into.push({ name: entry.fullPath.replace(/^\//, ''), file })
    return
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader()
  // readEntries answers in batches until it answers an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    )
    if (batch.length === 0) return
    for (const child of batch) await entryFiles(child, into)
  }
}

/** What a drop carries: loose files, or whole folders where the browser offers their entries. */
export async function droppedFiles(transfer: DataTransfer): Promise<{ files: NamedFile[]; skipped: number }> {
  const entries = [...transfer.items]
    .map((item) => (typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null))
    .filter((entry): entry is FileSystemEntry => entry !== null)
  if (entries.length === 0 || entries.every((entry) => entry.isFile)) return namedFiles([...transfer.files])
  const all: NamedFile[] = []
  for (const entry of entries) await entryFiles(entry, all).catch(() => undefined)
  const files = all.filter((named) => looksLikeImage(named.name, named.file.type))
  return { files, skipped: all.length - files.length }
}
