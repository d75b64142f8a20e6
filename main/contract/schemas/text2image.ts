import { z } from 'zod'

/**
 * Bounds the workbench validates against and the simulator enforces. v2 documents none; these are
 * the v3 page's bounds (guidance 1–30, steps) widened where SDXL needs it (sizes to 2048, multiples
 * of 8 as A1111 requires). Keep in step with the README's list of guesses.
 */
export const text2ImageLimits = {
  promptMaxLength: 8000,
  size: { min: 64, max: 2048, multipleOf: 8 },
  steps: { min: 1, max: 150 },
  cfgScale: { min: 1, max: 30 },
  batchSize: { min: 1, max: 8 },
  nIter: { min: 1, max: 100 },
  seed: { min: -1, max: 4_294_967_295 },
  hrScale: { min: 1, max: 4 },
  clipSkip: { min: 1, max: 12 },
} as const

const int = (min: number, max: number) => z.number().int().min(min).max(max)
const unit = z.number().min(0).max(1)
const size = z
  .number()
  .int()
  .min(text2ImageLimits.size.min)
  .max(text2ImageLimits.size.max)
  .multipleOf(text2ImageLimits.size.multipleOf)

/** One ADetailer unit: every `ad_*` field of the seed's example, with its defaults. */
export const adetailerUnitSchema = z.object({
  ad_model: z.string().default('None'),
  ad_prompt: z.string().default(''),
  ad_negative_prompt: z.string().default(''),
  ad_confidence: unit.default(0.3),
  ad_mask_min_ratio: unit.default(0),
  ad_mask_max_ratio: unit.default(1),
  ad_dilate_erode: int(-128, 128).default(32),
  ad_x_offset: int(-200, 200).default(0),
  ad_y_offset: int(-200, 200).default(0),
  ad_mask_merge_invert: z.enum(['None', 'Merge', 'Merge and Invert']).default('None'),
  ad_mask_blur: int(0, 64).default(4),
  ad_denoising_strength: unit.default(0.4),
  ad_inpaint_only_masked: z.boolean().default(true),
  ad_inpaint_only_masked_padding: int(0, 256).default(0),
  ad_use_inpaint_width_height: z.boolean().default(false),
  ad_inpaint_width: size.default(512),
  ad_inpaint_height: size.default(512),
  ad_use_steps: z.boolean().default(true),
  ad_steps: int(1, 150).default(28),
  ad_use_cfg_scale: z.boolean().default(false),
  ad_cfg_scale: z.number().min(1).max(30).default(7),
  ad_use_sampler: z.boolean().default(false),
  ad_sampler: z.string().default('DPM++ 2M Karras'),
  ad_use_noise_multiplier: z.boolean().default(false),
  ad_noise_multiplier: z.number().min(0.5).max(1.5).default(1),
  ad_restore_face: z.boolean().default(false),
  ad_controlnet_model: z.string().default('None'),
  ad_controlnet_module: z.string().default('None'),
  ad_controlnet_weight: z.number().min(0).max(2).default(1),
  ad_controlnet_guidance_start: unit.default(0),
  ad_controlnet_guidance_end: unit.default(1),
})

export type AdetailerUnit = z.infer<typeof adetailerUnitSchema>

/**
 * The app's text2image v2 parameters, with the API's own field names so that a params file, the
 * history and "copy as curl" all read the same. Differences from the wire, applied by the API
 * client only: `seed` is a number here (-1 = random) and a string on the wire; `id_task` is not
 * here because the client chooses it per submit.
 */
export const text2ImageParamsSchema = z.object({
  prompt: z.string().min(1).max(text2ImageLimits.promptMaxLength),
  negative_prompt: z.string().max(text2ImageLimits.promptMaxLength).default(''),
  n_iter: int(text2ImageLimits.nIter.min, text2ImageLimits.nIter.max).default(1),
  batch_size: int(text2ImageLimits.batchSize.min, text2ImageLimits.batchSize.max).default(1),
  steps: int(text2ImageLimits.steps.min, text2ImageLimits.steps.max).default(25),
  seed: int(text2ImageLimits.seed.min, text2ImageLimits.seed.max).default(-1),
  restore_faces: z.boolean().default(false),
  enable_hr: z.boolean().default(false),
  hr_scale: z.number().min(text2ImageLimits.hrScale.min).max(text2ImageLimits.hrScale.max).default(2),
  hr_second_pass_steps: int(0, 150).default(20),
  hr_resize_x: z.number().int().min(0).max(4096).default(0),
  hr_resize_y: z.number().int().min(0).max(4096).default(0),
  hr_upscaler: z.string().optional(),
  denoising_strength: unit.default(0.55),
  width: size.default(512),
  height: size.default(512),
  cfg_scale: z.number().min(text2ImageLimits.cfgScale.min).max(text2ImageLimits.cfgScale.max).default(7),
  sampler_index: z.string().min(1).default('DPM++ 2M Karras'),
  callbackUrl: z.url({ protocol: /^https?$/ }).optional(),
  alwayson_scripts: z.object({
    sd_model_checkpoint: z.string().min(1),
    sd_vae: z.string().optional(),
    output_image_format: z.string().optional(),
    override_settings: z
      .object({ CLIP_stop_at_last_layers: int(text2ImageLimits.clipSkip.min, text2ImageLimits.clipSkip.max) })
      .partial()
      .optional(),
    ADetailer: z.object({ args: z.array(adetailerUnitSchema).max(4) }).optional(),
  }),
})

/** What a caller passes (defaults may be omitted). */
export type Text2ImageParamsInput = z.input<typeof text2ImageParamsSchema>
/** Complete parameters, every default applied. */
export type Text2ImageParams = z.output<typeof text2ImageParamsSchema>
