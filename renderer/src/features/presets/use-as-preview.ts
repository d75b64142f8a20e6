import { isSdTask, presetLimits, type Preset, type TaskRecord } from '#contract'
import type { Client } from '../../bridge'
import { findExtraNetworks } from '../prompt'

/**
 * The presets a result most likely shows: its checkpoint's and those of the LoRAs in its prompt,
 * as A1111's "replace preview" is offered on the cards of what made the image.
 */
export async function previewCandidates(client: Client, record: TaskRecord): Promise<Preset[]> {
  if (!isSdTask(record)) return []
  const names = [
    record.params.alwayson_scripts.sd_model_checkpoint,
    ...findExtraNetworks(record.params.prompt)
      .filter((tag) => tag.type === 'lora')
      .map((tag) => tag.name.text),
  ]
  const found = await Promise.all(
    names.map(async (name) => (await client.call('presets.list', { text: name, limit: 20 })).items),
  )
  const exact = found.flat().filter((preset) => names.includes(preset.fileName))
  return [...new Map(exact.map((preset) => [preset.id, preset])).values()]
}

/** The preset's draft (what `presets.update` takes): the stored preset minus identity and flags. */
function draftOf(preset: Preset) {
  const {
    id: _id,
    origin: _origin,
    missingOnServer: _missing,
    createdAt: _created,
    updatedAt: _updated,
    ...draft
  } = preset
  return draft
}

/**
 * Makes result `index` of `record` the preset's thumbnail: the cache's small WebP, which fits the
 * library's 48 KB cap. Fails with `too_large` when it does not (the caller says so).
 */
export async function setResultAsPreview(
  client: Client,
  record: TaskRecord,
  index: number,
  preset: Preset,
): Promise<'ok' | 'no_image' | 'too_large'> {
  const cacheKey = record.images[index]?.cacheKey
  if (!cacheKey) return 'no_image'
  const { dataUrl } = await client.call('images.get', { cacheKey, size: 'thumb' })
  if (dataUrl.length > presetLimits.thumbnailMaxChars) return 'too_large'
  await client.call('presets.update', { id: preset.id, preset: { ...draftOf(preset), thumbnail: dataUrl } })
  return 'ok'
}
