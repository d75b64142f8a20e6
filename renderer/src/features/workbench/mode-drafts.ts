import {
  controlNetEndpoints,
  controlNetLimits,
  controlNetUnitSettingsSchema,
  image2ImageSettingsSchema,
  type ControlNetEndpoint,
  type ControlNetUnitSettings,
  type Image2ImageSettings,
  type TaskKind,
} from '#contract'
import { dropUndefined, isRecord, mergePrimitives, optionalNumber } from './merge'

/** The img2img fields text2image does not have; inpaint uses the same ones (it is img2img with a mask). */
export const imageDraftKeys = [
  'denoising_strength',
  'resize_mode',
  'image_cfg_scale',
  'initial_noise_multiplier',
  'mask_blur_x',
  'mask_blur_y',
  'inpaint_full_res',
  'inpaint_full_res_padding',
  'inpainting_fill',
  'inpainting_mask_invert',
] as const satisfies readonly (keyof Image2ImageSettings)[]

/**
 * The image modes' own settings. `denoising_strength` is kept apart from text2image's hires value:
 * redrawing a picture wants img2img's 0.75, a hires pass its 0.55, and switching modes must not
 * hand one the other's value.
 */
export type ImageDraft = Pick<Image2ImageSettings, (typeof imageDraftKeys)[number]>

/**
 * ControlNet's own settings: the endpoint the units go to (v2, or text2image v3, which the vendor
 * flags "under development"), v2's required top-level resize mode (v3 has none) and the units.
 */
export interface ControlNetDraft {
  readonly endpoint: ControlNetEndpoint
  readonly resize_mode: number
  readonly units: readonly ControlNetUnitSettings[]
}

export const defaultImageDraft: ImageDraft = (() => {
  const parsed = image2ImageSettingsSchema.parse({
    prompt: '-',
    alwayson_scripts: { sd_model_checkpoint: '-' },
  })
  return dropUndefined(Object.fromEntries(imageDraftKeys.map((key) => [key, parsed[key]])) as ImageDraft)
})()

export const defaultControlNetUnit: ControlNetUnitSettings = controlNetUnitSettingsSchema.parse({})

export const defaultControlNetDraft: ControlNetDraft = {
  endpoint: 'controlnet-v2',
  resize_mode: 0,
  units: [defaultControlNetUnit],
}

const endpointOf = (value: unknown, current: ControlNetEndpoint): ControlNetEndpoint =>
  controlNetEndpoints.find((endpoint) => endpoint === value) ?? current

export function mergeImageDraft(current: ImageDraft, value: unknown): ImageDraft {
  if (!isRecord(value)) return current
  const merged = mergePrimitives(current, value)
  return dropUndefined({
    ...merged,
    image_cfg_scale: optionalNumber(value, 'image_cfg_scale', current.image_cfg_scale),
  })
}

export function mergeControlNetDraft(current: ControlNetDraft, value: unknown): ControlNetDraft {
  if (!isRecord(value)) return current
  const { resize_mode } = mergePrimitives({ resize_mode: current.resize_mode }, value)
  const endpoint = endpointOf(value.endpoint, current.endpoint)
  if (!Array.isArray(value.units)) return { ...current, endpoint, resize_mode }
  const units = value.units
    .filter(isRecord)
    .slice(0, controlNetLimits.maxUnits)
    .map((unit) => mergePrimitives(defaultControlNetUnit, unit))
  return { endpoint, resize_mode, units }
}

/**
 * A task's parameters (as the history keeps them, or as pasted or dropped in an image mode) in the
 * draft's shape: an image task's img2img fields go to `img2img` (its denoising is not the hires
 * one), a ControlNet task's resize mode and units (their links dropped) to `controlnet`, and in
 * text2image the image modes' settings that pasted or dropped parameters carry to `img2img`. A whole
 * task clears an image CFG it did not send; a `partial` paste leaves what it does not name.
 * Untrusted input; `mergeParams` checks every value.
 */
export function draftPatchOf(
  kind: TaskKind,
  params: unknown,
  { partial = false }: { readonly partial?: boolean } = {},
): Record<string, unknown> {
  if (!isRecord(params)) return {}
  if (kind === 'image2image' || kind === 'inpaint') {
    const { denoising_strength: _sent, ...common } = params
    const img2img: Record<string, unknown> = partial ? {} : { image_cfg_scale: null }
    for (const key of imageDraftKeys) if (key in params) img2img[key] = params[key]
    return { ...common, img2img }
  }
  if (kind === 'controlnet') {
    const scripts = isRecord(params.alwayson_scripts) ? params.alwayson_scripts : {}
    const units = isRecord(scripts.controlnet) ? scripts.controlnet.args : undefined
    return { ...params, controlnet: { resize_mode: params.resize_mode, units } }
  }
  // Text2image params hold none of the image modes' settings; pasted or dropped ones (an inpaint
  // PNG's) may, and keep them for those modes, all but denoising, which here is the hires pass's.
  const imageSettings = imageDraftKeys.filter((key) => key !== 'denoising_strength' && key in params)
  if (imageSettings.length === 0) return params
  return { ...params, img2img: Object.fromEntries(imageSettings.map((key) => [key, params[key]])) }
}
