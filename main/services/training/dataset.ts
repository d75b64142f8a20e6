import { createHash } from 'node:crypto'
import { readdir, readFile, stat } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import { AppError, isAppError, trainingImageLimits, type DatasetImage, type DatasetProblem } from '#contract'
import type { ImageCache } from '../images/image-cache'
import { readImageInfo } from '../images/image-info'

/** What a dataset is read from: files (a folder's, or picked) and images already in the cache. */
export interface DatasetSource {
  readonly folder?: string
  readonly paths: readonly string[]
  readonly cacheKeys: readonly string[]
}

export interface DatasetReport {
  readonly images: DatasetImage[]
  readonly problems: DatasetProblem[]
}

/** One training image is at most this large: a phone photo is ~10 MB; more is not a photo. */
export const datasetFileMaxBytes = 50 * 1024 * 1024

const imageExtensions = new Set(['.png', '.jpg', '.jpeg', '.webp'])

/** The folder's image files (by extension; the bytes are sniffed later), sorted by name. */
async function folderFiles(folder: string): Promise<string[]> {
  let entries
  try {
    entries = await readdir(folder, { withFileTypes: true })
  } catch {
    throw new AppError('invalid_request', 'The dataset folder could not be read.', { field: 'folder' })
  }
  return entries
    .filter((entry) => entry.isFile() && imageExtensions.has(extname(entry.name).toLowerCase()))
    .map((entry) => join(folder, entry.name))
    .sort((a, b) => a.localeCompare(b))
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

type Read = { ok: true; image: DatasetImage } | { ok: false; path: string }

async function readFileImage(imageCache: Pick<ImageCache, 'put'>, path: string): Promise<Read> {
  try {
    const info = await stat(path)
    if (!info.isFile() || info.size > datasetFileMaxBytes) return { ok: false, path }
    const bytes = await readFile(path)
    return { ok: true, image: await describe(imageCache, bytes, path, basename(path)) }
  } catch (error) {
    if (isAppError(error) && error.code !== 'invalid_request') throw error
    return { ok: false, path }
  }
}

async function describe(
  imageCache: Pick<ImageCache, 'put'>,
  bytes: Uint8Array,
  path: string | null,
  name: string,
): Promise<DatasetImage> {
  const info = await readImageInfo(bytes)
  // The cached copy keeps the thumbnail (and the bytes sent) after the files move.
  const cached = await imageCache.put(bytes)
  return {
    path,
    name,
    width: info.width,
    height: info.height,
    format: info.type,
    bytes: info.bytes,
    sha256: sha256(bytes),
    thumbnail: cached.cacheKey,
  }
}

/** An image's name in problems: its path, or its cache key when it came from the cache. */
export const datasetRef = (image: Pick<DatasetImage, 'path' | 'thumbnail'>) => image.path ?? image.thumbnail

/** The problems of a dataset read at `resolution` (issue 16 §1), each naming its files. */
export function datasetProblems(
  images: readonly DatasetImage[],
  unreadable: readonly string[],
  resolution: number,
): DatasetProblem[] {
  const problems: DatasetProblem[] = []
  const count = images.length
  if (count < trainingImageLimits.min)
    problems.push({
      code: 'too_few',
      paths: [],
      message: `${count} readable images; training needs at least ${trainingImageLimits.min}.`,
    })
  if (count > trainingImageLimits.max)
    problems.push({
      code: 'too_many',
      paths: [],
      message: `${count} images; training takes at most ${trainingImageLimits.max}.`,
    })
  const bySha = new Map<string, string[]>()
  for (const image of images) bySha.set(image.sha256, [...(bySha.get(image.sha256) ?? []), datasetRef(image)])
  for (const paths of bySha.values())
    if (paths.length > 1)
      problems.push({ code: 'duplicate', paths, message: `The same image ${paths.length} times.` })
  const small = images.filter((image) => Math.min(image.width, image.height) < resolution)
  if (small.length > 0)
    problems.push({
      code: 'too_small',
      paths: small.map(datasetRef),
      message: `${small.length} image(s) with a side under the training resolution ${resolution} px.`,
    })
  if (unreadable.length > 0)
    problems.push({
      code: 'unreadable',
      paths: [...unreadable],
      message: `${unreadable.length} file(s) are not a readable PNG, JPEG or WebP image.`,
    })
  return problems
}

/** Reads every image of a dataset (files in order, then cached ones) and names its problems. */
export async function inspectDataset(
  imageCache: Pick<ImageCache, 'put' | 'read'>,
  source: DatasetSource,
  resolution: number,
): Promise<DatasetReport> {
  const files = [...(source.folder === undefined ? [] : await folderFiles(source.folder)), ...source.paths]
  const images: DatasetImage[] = []
  const unreadable: string[] = []
  // One at a time: a 100-image folder decoded in parallel would hold every file in memory at once.
  for (const path of files) {
    const read = await readFileImage(imageCache, path)
    if (read.ok) images.push(read.image)
    else unreadable.push(read.path)
  }
  for (const cacheKey of source.cacheKeys) {
    try {
      const bytes = await imageCache.read(cacheKey, 'full')
      images.push(await describe(imageCache, bytes, null, `${cacheKey.slice(0, 12)}`))
    } catch {
      unreadable.push(cacheKey)
    }
  }
  return { images, problems: datasetProblems(images, unreadable, resolution) }
}
