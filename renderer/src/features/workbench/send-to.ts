import type { TFunction } from 'i18next'
import { isSdTask, type SdTaskRecord, type TaskInput, type TaskKind, type TaskRecord } from '#contract'
import type { Client } from '../../bridge'
import { withFirstUnitImage } from '../controlnet'
import type { PickedImage } from '../sources'
import { dataUrlHead, imageSizeOf } from '../sources'
import { isRecord } from './merge'
import { draftPatchOf, mergeControlNetDraft } from './mode-drafts'
import type { TaskLoad } from './store-types'
import { useWorkbenchStore } from './workbench-store'
import { setNextOrigin } from '../lineage'

/** The modes a result image can be sent to as an input. */
export type SendTarget = Exclude<TaskKind, 'text2image'>

const shortId = (taskId: string) => (taskId.length > 12 ? `${taskId.slice(0, 8)}…` : taskId)

/** A cached image as a data URL with the pixel size its header states; nothing when it is not cached. */
async function cachedImage(client: Client, cacheKey: string | null) {
  if (cacheKey === null) return { previewUrl: null, width: null, height: null }
  try {
    const { dataUrl } = await client.call('images.get', { cacheKey, size: 'full' })
    const size = imageSizeOf(dataUrlHead(dataUrl))
    return { previewUrl: dataUrl, width: size?.width ?? null, height: size?.height ?? null }
  } catch {
    return { previewUrl: null, width: null, height: null }
  }
}

/**
 * A result of an earlier task as an input image: the service reuses its link while it works, and
 * main falls back to the cached copy. The cached image is the preview and gives the pixel size the
 * mask painter needs.
 */
export async function pickedFromResult(
  client: Client,
  t: TFunction,
  record: TaskRecord,
  index: number,
): Promise<PickedImage> {
  const image = await cachedImage(client, record.images[index]?.cacheKey ?? null)
  return {
    source: { type: 'result', taskId: record.id, index },
    ...image,
    label: t('sources.resultLabel', { task: shortId(record.id), number: index + 1 }),
    needsUpload: false,
  }
}

/**
 * One of a task's input images as it was sent, from its local copy (so a re-run works after the
 * link expired, uploading it again), or from the link when no copy was kept.
 */
async function pickedFromInput(
  client: Client,
  t: TFunction,
  record: TaskRecord,
  input: TaskInput,
): Promise<PickedImage> {
  const image = await cachedImage(client, input.cacheKey)
  const role = input.role === 'control' ? 'control' : input.role
  const label = t(`workbench.restore.${role}`, { task: shortId(record.id), unit: (input.unit ?? 0) + 1 })
  if (input.cacheKey === null) {
    return { source: { type: 'url', url: input.url }, ...image, label, needsUpload: false }
  }
  return {
    source: { type: 'cached', cacheKey: input.cacheKey },
    ...image,
    width: image.width ?? input.sent?.width ?? null,
    height: image.height ?? input.sent?.height ?? null,
    label,
    needsUpload: true,
  }
}

/**
 * The draft patch of a task. An archived task's parameters are placeholders: they must not
 * overwrite the draft, and a tool's body is not a workbench draft (its result comes alone). A ControlNet task brings its endpoint, so a re-run goes where it went
 * (absent: v2, the only one before the choice).
 */
function patchOf(record: TaskRecord): Record<string, unknown> {
  if (record.paramsUnknown === true || !isSdTask(record)) return {}
  const patch = draftPatchOf(record.kind, record.params)
  if (record.kind !== 'controlnet') return patch
  const controlnet = isRecord(patch.controlnet) ? patch.controlnet : {}
  return { ...patch, controlnet: { ...controlnet, endpoint: record.endpoint ?? 'controlnet-v2' } }
}

/**
 * A task as the workbench loads it: its mode and parameters, and for an image task its input
 * images restored from the local copies the history keeps (a ControlNet unit's image by unit).
 */
export async function taskLoadOf(
  client: Client,
  t: TFunction,
  record: SdTaskRecord,
  generate: boolean,
): Promise<TaskLoad> {
  const load = { mode: record.kind, patch: patchOf(record), generate }
  if (record.kind === 'text2image') return load
  const inputs = record.inputs ?? []
  const restore = (input: TaskInput | undefined) =>
    input ? pickedFromInput(client, t, record, input) : Promise.resolve(null)
  const controls = inputs.filter((input) => input.role === 'control')
  const [source, maskImage, ...controlled] = await Promise.all([
    restore(inputs.find((input) => input.role === 'source')),
    restore(inputs.find((input) => input.role === 'mask')),
    ...controls.map(restore),
  ])
  const controlImages: (PickedImage | null)[] = []
  controls.forEach((input, index) => {
    controlImages[input.unit ?? index] = controlled[index] ?? null
  })
  return { ...load, source, maskImage, controlImages: Array.from(controlImages, (image) => image ?? null) }
}

/** Loads a task into the workbench (and, for a re-run, generates there once it shows). */
export async function loadTaskIntoWorkbench(
  client: Client,
  t: TFunction,
  record: SdTaskRecord,
  generate: boolean,
) {
  useWorkbenchStore.getState().loadTask(await taskLoadOf(client, t, record, generate))
  setNextOrigin({
    kind: generate ? 'rerun' : 'sendTo',
    taskId: record.id,
    ...(generate ? {} : { label: 'workbench' }),
  })
}

/**
 * The load that gives a result to ControlNet: the units the task's parameters bring (or the
 * workbench's own), with the result as the first unit's control image. The base image stays.
 */
function controlNetLoad(record: TaskRecord, image: PickedImage): TaskLoad {
  const { draft, controlImages } = useWorkbenchStore.getState()
  const patch = patchOf(record)
  const controlnet = isRecord(patch.controlnet) ? patch.controlnet : {}
  const units = mergeControlNetDraft(draft.controlnet, controlnet).units
  const list = withFirstUnitImage({ units: [...units], images: [...controlImages] }, image)
  return {
    mode: 'controlnet',
    patch: { ...patch, controlnet: { ...controlnet, units: list.units } },
    controlImages: list.images,
    generate: false,
  }
}

/**
 * "Send to img2img / inpaint / ControlNet": the mode, the task's parameters (as "send to workbench"
 * fills them) and the result as the source, or for ControlNet as the first unit's control image
 * (where A1111 puts it; the base image is the optional img2img-like input).
 */
export async function sendResultTo(
  client: Client,
  t: TFunction,
  target: SendTarget,
  record: TaskRecord,
  index: number,
) {
  const image = await pickedFromResult(client, t, record, index)
  const load: TaskLoad =
    target === 'controlnet'
      ? controlNetLoad(record, image)
      : { mode: target, patch: patchOf(record), source: image, generate: false }
  useWorkbenchStore.getState().loadTask(load)
  setNextOrigin({ kind: 'sendTo', taskId: record.id, imageIndex: index, label: target })
}
