import { imageCacheKeySchema, imageLinkSchema, type ImageSource } from '#contract'

/**
 * An input image the user chose, with what the form needs to show it. The `source` is what goes
 * to main; everything else is for display and for the mask painter (pixel size).
 */
export interface PickedImage {
  readonly source: ImageSource
  /** A data: URL; null for a pasted link (the CSP allows no remote images) or an uncached result. */
  readonly previewUrl: string | null
  readonly width: number | null
  readonly height: number | null
  /** The file name, the link's host, or "Task … image 2". */
  readonly label: string
  /** Local bytes that main uploads to the profile's own storage before a task can use them. */
  readonly needsUpload: boolean
}

/** The dataTransfer type of a result dragged from a task card or the history. */
export const resultDragType = 'application/x-img-open-result'

/** Whether a drag carries one of our results (its types are all a drag shows before the drop). */
export const isResultDrag = (types: readonly string[]) => types.includes(resultDragType)

export interface ResultDrag {
  readonly taskId: string
  readonly index: number
  readonly cacheKey: string | null
}

/** What a draggable result puts under `resultDragType`: `event.dataTransfer.setData(resultDragType, …)`. */
export function resultDragData(taskId: string, index: number, cacheKey: string | null): string {
  return JSON.stringify({ taskId, index, cacheKey } satisfies ResultDrag)
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null

/** A dropped result, or null when the data is not one (another app can put anything there). */
export function parseResultDrag(data: string): ResultDrag | null {
  let value: unknown
  try {
    value = JSON.parse(data)
  } catch {
    return null
  }
  if (!isRecord(value)) return null
  const { taskId, index, cacheKey } = value
  const validTask = typeof taskId === 'string' && taskId.length > 0 && taskId.length <= 128
  const validIndex = typeof index === 'number' && Number.isInteger(index) && index >= 0 && index <= 255
  const validKey =
    cacheKey === null || cacheKey === undefined || imageCacheKeySchema.safeParse(cacheKey).success
  if (!validTask || !validIndex || !validKey) return null
  return { taskId, index, cacheKey: typeof cacheKey === 'string' ? cacheKey : null }
}

/** The link as the service will get it, or null when it is not an http(s) URL within the limits. */
export function parseImageLink(text: string): string | null {
  const parsed = imageLinkSchema.safeParse(text.trim())
  return parsed.success ? parsed.data : null
}

/** A pasted link: no preview, since the renderer may not load remote images; its host is the label. */
export function pickedFromLink(url: string): PickedImage {
  return {
    source: { type: 'url', url },
    previewUrl: null,
    width: null,
    height: null,
    label: new URL(url).host,
    needsUpload: false,
  }
}

/** A short, still recognisable task id for labels ("Task 1a2b3c4d… image 2"). */
export const shortTaskId = (taskId: string) => (taskId.length > 12 ? `${taskId.slice(0, 8)}…` : taskId)
