import { imageSourceSchema } from '#contract'
import type { Client } from '../../bridge'
import type { PickedImage } from '../sources'

/**
 * An image slot as localStorage keeps it: where the image comes from (a cache key, an earlier
 * result, a pasted link) and its label and size, never its pixels. The preview is read back from
 * the image cache after a reload or a restart (`restoreSlotPreview`).
 */
export type StoredSlot = Omit<PickedImage, 'previewUrl'>

/** The image slots of the workbench that survive a reload: stored, or read back (`PickedImage`). */
export interface Slots<T extends StoredSlot = StoredSlot> {
  readonly source: T | null
  readonly maskImage: T | null
  readonly controlImages: readonly (T | null)[]
}

const noSlots: Slots<PickedImage> = { source: null, maskImage: null, controlImages: [] }

export const storedSlot = (image: PickedImage | null): StoredSlot | null =>
  image && {
    source: image.source,
    width: image.width,
    height: image.height,
    label: image.label,
    needsUpload: image.needsUpload,
  }

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const size = (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null

/** Slots read back from storage whose preview is still to be fetched (and only those). */
const awaitingPreview = new WeakSet<PickedImage>()

/** One slot read back from storage; anything that does not fit (hand edits, old shapes) is dropped. */
export function restoreSlot(value: unknown): PickedImage | null {
  if (!isRecord(value)) return null
  const source = imageSourceSchema.safeParse(value.source)
  if (!source.success || typeof value.label !== 'string') return null
  const restored: PickedImage = {
    source: source.data,
    previewUrl: null,
    width: size(value.width),
    height: size(value.height),
    label: value.label.slice(0, 300),
    needsUpload: source.data.type === 'cached',
  }
  awaitingPreview.add(restored)
  return restored
}

export function restoreSlots(value: unknown): Slots<PickedImage> {
  if (!isRecord(value)) return noSlots
  return {
    source: restoreSlot(value.source),
    maskImage: restoreSlot(value.maskImage),
    controlImages: Array.isArray(value.controlImages) ? value.controlImages.slice(0, 8).map(restoreSlot) : [],
  }
}

/** The cached copy's key of a slot: its own for an imported image, the result's for an earlier result. */
async function cacheKeyOf(client: Client, image: PickedImage): Promise<string | null> {
  switch (image.source.type) {
    case 'cached':
      return image.source.cacheKey
    case 'result': {
      const record = await client.call('history.get', { id: image.source.taskId })
      return record.images[image.source.index]?.cacheKey ?? null
    }
    case 'url':
      return null
  }
}

/**
 * The slot with its preview read from the image cache again; the slot unchanged when the copy is
 * gone (its label still says what it was, and a submit reports the missing image by name).
 */
export async function restoreSlotPreview(client: Client, image: PickedImage): Promise<PickedImage> {
  if (!awaitingPreview.has(image)) return image
  awaitingPreview.delete(image)
  const cacheKey = await cacheKeyOf(client, image).catch(() => null)
  if (!cacheKey) return image
  const found = await client.call('images.get', { cacheKey, size: 'full' }).catch(() => null)
  return found ? { ...image, previewUrl: found.dataUrl } : image
}
