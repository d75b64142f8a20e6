import {
  adetailerUnitSchema,
  text2ImageParamsSchema,
  type AdetailerUnit,
  type Text2ImageParams,
  type Text2ImageParamsInput,
} from '#contract'
import { dropUndefined, isRecord, mergePrimitives, optionalText } from './merge'
import {
  defaultControlNetDraft,
  defaultImageDraft,
  mergeControlNetDraft,
  mergeImageDraft,
  type ControlNetDraft,
  type ImageDraft,
} from './mode-drafts'

/**
 * The workbench's draft, shared by every mode: complete text2image parameters (every default
 * filled in, so controls always have a value) plus the image modes' and ControlNet's own settings.
 * Each mode's request is built from it (request.ts). It may hold values the schema rejects; the
 * form shows why. Input images are not part of it: they live in memory only (inputs-slice.ts).
 */
export type ParamsDraft = Text2ImageParams & {
  readonly img2img: ImageDraft
  readonly controlnet: ControlNetDraft
}
export type ScriptsDraft = ParamsDraft['alwayson_scripts']

/**
 * A partial change from outside the form: an infotext paste, a dropped PNG, "send to workbench".
 * Untrusted: values of the wrong type are ignored rather than stored.
 */
export type ParamsPatch = Omit<Partial<Text2ImageParamsInput>, 'alwayson_scripts'> & {
  readonly alwayson_scripts?: Partial<Text2ImageParamsInput['alwayson_scripts']>
  readonly img2img?: Partial<ImageDraft>
  readonly controlnet?: Partial<ControlNetDraft>
}

/** The schema's limit on ADetailer units. */
export const maxAdetailerUnits = 4

/** Every schema default; the two required strings (prompt, checkpoint) start empty. */
export const defaultDraft: ParamsDraft = (() => {
  const parsed = text2ImageParamsSchema.parse({ prompt: '-', alwayson_scripts: { sd_model_checkpoint: '-' } })
  return {
    ...parsed,
    prompt: '',
    alwayson_scripts: { sd_model_checkpoint: '' },
    img2img: defaultImageDraft,
    controlnet: defaultControlNetDraft,
  }
})()

export const defaultAdetailerUnit: AdetailerUnit = adetailerUnitSchema.parse({})

function mergeAdetailer(current: ScriptsDraft['ADetailer'], value: unknown): ScriptsDraft['ADetailer'] {
  if (value === undefined || value === null) return undefined
  if (!isRecord(value) || !Array.isArray(value.args)) return current
  const args = value.args
    .filter(isRecord)
    .slice(0, maxAdetailerUnits)
    .map((unit) => mergePrimitives(defaultAdetailerUnit, unit))
  return args.length > 0 ? { args } : undefined
}

function mergeScripts(current: ScriptsDraft, source: Record<string, unknown>): ScriptsDraft {
  const next: ScriptsDraft = { ...current }
  if (typeof source.sd_model_checkpoint === 'string') next.sd_model_checkpoint = source.sd_model_checkpoint
  next.sd_vae = optionalText(source, 'sd_vae', current.sd_vae)
  next.output_image_format = optionalText(source, 'output_image_format', current.output_image_format)
  const clipSkip = isRecord(source.override_settings)
    ? source.override_settings.CLIP_stop_at_last_layers
    : null
  if (typeof clipSkip === 'number' && Number.isFinite(clipSkip)) {
    next.override_settings = { ...current.override_settings, CLIP_stop_at_last_layers: clipSkip }
  }
  if ('ADetailer' in source) next.ADetailer = mergeAdetailer(current.ADetailer, source.ADetailer)
  return dropUndefined(next)
}

/**
 * Lays `patch` over `base`, keeping only values whose type fits the field, so a hand-edited
 * storage entry or an odd infotext can never put a string where the form expects a number.
 */
export function mergeParams(base: ParamsDraft, patch: unknown): ParamsDraft {
  if (!isRecord(patch)) return base
  const merged: ParamsDraft = {
    ...mergePrimitives(base, patch),
    alwayson_scripts: base.alwayson_scripts,
    img2img: mergeImageDraft(base.img2img, patch.img2img),
    controlnet: mergeControlNetDraft(base.controlnet, patch.controlnet),
  }
  merged.hr_upscaler = optionalText(patch, 'hr_upscaler', base.hr_upscaler)
  merged.callbackUrl = optionalText(patch, 'callbackUrl', base.callbackUrl)
  if (isRecord(patch.alwayson_scripts)) {
    merged.alwayson_scripts = mergeScripts(base.alwayson_scripts, patch.alwayson_scripts)
  }
  return dropUndefined(merged)
}

/** A draft rebuilt from anything (stored JSON of any version): what fits is kept, the rest defaulted. */
export const sanitizeDraft = (value: unknown): ParamsDraft => mergeParams(defaultDraft, value)

/** The CLIP skip the service will use: A1111's default is 1 when no override is set. */
export const clipSkipOf = (draft: ParamsDraft) =>
  draft.alwayson_scripts.override_settings?.CLIP_stop_at_last_layers ?? 1
