import {
  adetailerUnitSchema,
  text2ImageParamsSchema,
  type AdetailerUnit,
  type Text2ImageParams,
  type Text2ImageParamsInput,
} from '../../../../main/contract'

/**
 * The workbench's draft: complete text2image parameters (every default filled in, so controls
 * always have a value), which is also a valid `Text2ImageParamsInput` to submit. It may hold
 * values the schema rejects; the form shows why.
 */
export type ParamsDraft = Text2ImageParams
export type ScriptsDraft = ParamsDraft['alwayson_scripts']

/**
 * A partial change from outside the form: an infotext paste, a dropped PNG, "send to workbench".
 * Untrusted: values of the wrong type are ignored rather than stored.
 */
export type ParamsPatch = Omit<Partial<Text2ImageParamsInput>, 'alwayson_scripts'> & {
  readonly alwayson_scripts?: Partial<Text2ImageParamsInput['alwayson_scripts']>
}

/** The schema's limit on ADetailer units. */
export const maxAdetailerUnits = 4

/** Every schema default; the two required strings (prompt, checkpoint) start empty. */
export const defaultDraft: ParamsDraft = (() => {
  const parsed = text2ImageParamsSchema.parse({ prompt: '-', alwayson_scripts: { sd_model_checkpoint: '-' } })
  return { ...parsed, prompt: '', alwayson_scripts: { sd_model_checkpoint: '' } }
})()

export const defaultAdetailerUnit: AdetailerUnit = adetailerUnitSchema.parse({})

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const fits = (template: unknown, value: unknown) =>
  typeof value === typeof template && (typeof value !== 'number' || Number.isFinite(value))

/** Takes each primitive field of `base` from `source` when the type matches. */
function mergePrimitives<T extends Record<string, unknown>>(base: T, source: Record<string, unknown>): T {
  const merged: Record<string, unknown> = { ...base }
  for (const [key, current] of Object.entries(base)) {
    if (typeof current !== 'object' && fits(current, source[key])) merged[key] = source[key]
  }
  return merged as T
}

/** An optional text field: a string sets it ('' clears it), anything else keeps the current value. */
function optionalText(source: Record<string, unknown>, key: string, current: string | undefined) {
  if (!(key in source)) return current
  const value = source[key]
  if (value === undefined || value === null || value === '') return undefined
  return typeof value === 'string' ? value : current
}

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

const dropUndefined = <T extends Record<string, unknown>>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T

/**
 * Lays `patch` over `base`, keeping only values whose type fits the field, so a hand-edited
 * storage entry or an odd infotext can never put a string where the form expects a number.
 */
export function mergeParams(base: ParamsDraft, patch: unknown): ParamsDraft {
  if (!isRecord(patch)) return base
  const merged: ParamsDraft = { ...mergePrimitives(base, patch), alwayson_scripts: base.alwayson_scripts }
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
