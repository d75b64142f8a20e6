import { z } from 'zod'
import { text2ImageLimits } from './text2image'

/** What a preset names: the four kinds of file the Img Open API selects by name. */
export const presetKinds = ['checkpoint', 'vae', 'lora', 'embedding'] as const
export type PresetKind = (typeof presetKinds)[number]

/** Base model family; mixing families (an SDXL LoRA on an SD1.5 checkpoint) silently fails. */
export const modelFamilies = ['sd15', 'sdxl', 'other'] as const
export type ModelFamily = (typeof modelFamilies)[number]

/** Where a preset came from; `server` entries were added by a sync, the rest by people. */
export const presetOrigins = ['starter', 'user', 'server'] as const
export type PresetOrigin = (typeof presetOrigins)[number]

export const presetLimits = {
  displayNameMaxLength: 200,
  fileNameMaxLength: 260,
  tagsMax: 32,
  tagMaxLength: 40,
  notesMaxLength: 4000,
  /** A data URL of a small (≈128 px) image; larger pictures bloat every list page. */
  thumbnailMaxChars: 48 * 1024,
  triggerWordsMax: 32,
  triggerWordMaxLength: 200,
  samplerMaxLength: 100,
  loraWeight: { min: -5, max: 5 },
  libraryMaxPresets: 5000,
  stylesMax: 2000,
  styleNameMaxLength: 200,
  /** Caps on text handed over from the renderer's file pickers. */
  importMaxChars: 8 * 1024 * 1024,
  stylesCsvMaxChars: 2 * 1024 * 1024,
} as const

const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/)
// Control characters never belong in a name the API matches exactly.
const fileNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(presetLimits.fileNameMaxLength)
  .regex(/^[^\p{Cc}]+$/u)
const thumbnailSchema = z
  .string()
  .max(presetLimits.thumbnailMaxChars)
  .regex(/^data:image\/(?:png|jpeg|webp|gif);base64,[A-Za-z0-9+/]+={0,2}$/)
const int = (limits: { readonly min: number; readonly max: number }) =>
  z.number().int().min(limits.min).max(limits.max)
const size = z
  .number()
  .int()
  .min(text2ImageLimits.size.min)
  .max(text2ImageLimits.size.max)
  .multipleOf(text2ImageLimits.size.multipleOf)

/** A checkpoint's recommended settings; every field is optional and "apply" sets only those given. */
export const checkpointSettingsSchema = z.strictObject({
  sampler: z.string().trim().min(1).max(presetLimits.samplerMaxLength).optional(),
  steps: int(text2ImageLimits.steps).optional(),
  cfgScale: z.number().min(text2ImageLimits.cfgScale.min).max(text2ImageLimits.cfgScale.max).optional(),
  clipSkip: int(text2ImageLimits.clipSkip).optional(),
  width: size.optional(),
  height: size.optional(),
  /** File name of the VAE to select with this checkpoint. */
  vae: fileNameSchema.optional(),
  negativePrompt: z.string().max(text2ImageLimits.promptMaxLength).optional(),
})
export type CheckpointSettings = z.infer<typeof checkpointSettingsSchema>

export const loraDefaultsSchema = z.strictObject({
  defaultWeight: z.number().min(presetLimits.loraWeight.min).max(presetLimits.loraWeight.max).default(1),
  triggerWords: z
    .array(z.string().trim().min(1).max(presetLimits.triggerWordMaxLength))
    .max(presetLimits.triggerWordsMax)
    .default([]),
  /**
   * The training job that produced this LoRA (issue 16): its task id in the history (which holds
   * the dataset's thumbnails) and the settings it was trained with. Absent for LoRAs from elsewhere.
   */
  training: z
    .strictObject({
      taskId: z.string().min(1).max(128),
      settings: z.record(z.string().max(100), z.union([z.string().max(4096), z.number(), z.boolean()])),
      imageCount: z.number().int().min(0).max(1000),
    })
    .optional(),
})

/** Textual-inversion embeddings such as EasyNegative are meant for one side of the prompt. */
export const embeddingDefaultsSchema = z.strictObject({
  intendedFor: z.enum(['prompt', 'negative']).default('prompt'),
})

const commonShape = {
  displayName: z.string().trim().min(1).max(presetLimits.displayNameMaxLength),
  /** The exact name the API expects, e.g. `revAnimated_v122_7371.safetensors`. */
  fileName: fileNameSchema,
  family: z.enum(modelFamilies).default('other'),
  tags: z
    .array(z.string().trim().min(1).max(presetLimits.tagMaxLength))
    .max(presetLimits.tagsMax)
    .default([]),
  notes: z.string().max(presetLimits.notesMaxLength).default(''),
  favourite: z.boolean().default(false),
  thumbnail: thumbnailSchema.nullable().default(null),
}

const metaShape = {
  id: idSchema,
  origin: z.enum(presetOrigins),
  /** Set by a sync when the server no longer lists this file; the preset is kept. */
  missingOnServer: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
}

/** One union per "extra fields" shape, so drafts, stored presets and imports share the variants. */
const presetUnion = <Extra extends z.ZodRawShape>(extra: Extra) =>
  z.discriminatedUnion('kind', [
    z.strictObject({
      ...commonShape,
      ...extra,
      kind: z.literal('checkpoint'),
      settings: checkpointSettingsSchema.default({}),
    }),
    z.strictObject({ ...commonShape, ...extra, kind: z.literal('vae') }),
    z.strictObject({
      ...commonShape,
      ...extra,
      kind: z.literal('lora'),
      lora: loraDefaultsSchema.prefault({}),
    }),
    z.strictObject({
      ...commonShape,
      ...extra,
      kind: z.literal('embedding'),
      embedding: embeddingDefaultsSchema.prefault({}),
    }),
  ])

/** What a person edits: everything but identity, origin, server flags and timestamps. */
export const presetDraftSchema = presetUnion({})
export type PresetDraftInput = z.input<typeof presetDraftSchema>
export type PresetDraft = z.output<typeof presetDraftSchema>

export const presetSchema = presetUnion(metaShape)
export type Preset = z.output<typeof presetSchema>
export type CheckpointPreset = Extract<Preset, { kind: 'checkpoint' }>
export type LoraPreset = Extract<Preset, { kind: 'lora' }>
export type EmbeddingPreset = Extract<Preset, { kind: 'embedding' }>

/** An entry of an imported library or of the starter file: ids and timestamps may be absent. */
export const importedPresetSchema = presetUnion({
  id: metaShape.id.optional(),
  origin: metaShape.origin.optional(),
  missingOnServer: metaShape.missingOnServer.optional(),
  createdAt: metaShape.createdAt.optional(),
  updatedAt: metaShape.updatedAt.optional(),
})

/** Splits a stored preset into the part a person edits, e.g. to duplicate or to toggle a flag. */
export function presetToDraft(preset: Preset): PresetDraft {
  const {
    id: _id,
    origin: _origin,
    missingOnServer: _missing,
    createdAt: _c,
    updatedAt: _u,
    ...draft
  } = preset
  return draft
}

/**
 * The text2image fields a checkpoint preset sets when applied, with the API's own names (the
 * shape of `Text2ImageParamsInput`). Only the settings the preset holds are present, so applying
 * never blanks what the user already chose.
 */
export interface CheckpointParamsPatch {
  sampler_index?: string
  steps?: number
  cfg_scale?: number
  width?: number
  height?: number
  negative_prompt?: string
  alwayson_scripts: {
    sd_model_checkpoint: string
    sd_vae?: string
    override_settings?: { CLIP_stop_at_last_layers: number }
  }
}

export function checkpointParamsPatch(
  preset: Pick<CheckpointPreset, 'fileName' | 'settings'>,
): CheckpointParamsPatch {
  const { sampler, steps, cfgScale, clipSkip, width, height, vae, negativePrompt } = preset.settings
  const patch: CheckpointParamsPatch = { alwayson_scripts: { sd_model_checkpoint: preset.fileName } }
  if (sampler !== undefined) patch.sampler_index = sampler
  if (steps !== undefined) patch.steps = steps
  if (cfgScale !== undefined) patch.cfg_scale = cfgScale
  if (width !== undefined) patch.width = width
  if (height !== undefined) patch.height = height
  if (negativePrompt !== undefined) patch.negative_prompt = negativePrompt
  if (vae !== undefined) patch.alwayson_scripts.sd_vae = vae
  if (clipSkip !== undefined)
    patch.alwayson_scripts.override_settings = { CLIP_stop_at_last_layers: clipSkip }
  return patch
}
