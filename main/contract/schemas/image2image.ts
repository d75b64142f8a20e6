import { z } from 'zod'
import { imageLinkMaxLength, imageLinkSchema } from './image-source'
import { text2ImageParamsSchema } from './text2image'

/**
 * Bounds of the img2img-only fields (shared/api/img-open-api.md §9 gives types, no ranges): A1111's
 * own UI ranges, which the service wraps. `resize_mode` 0–3 = just resize, crop and resize, resize
 * and fill, latent upscale; `inpainting_fill` 0–3 = fill, original, latent noise, latent nothing.
 */
export const image2ImageLimits = {
  resizeMode: { min: 0, max: 3 },
  maskBlur: { min: 0, max: 64 },
  inpaintingFill: { min: 0, max: 3 },
  inpaintPadding: { min: 0, max: 256 },
  noiseMultiplier: { min: 0, max: 1.5 },
  imageCfgScale: { min: 0, max: 3 },
  linkMaxLength: imageLinkMaxLength,
} as const

const int = (min: number, max: number) => z.number().int().min(min).max(max)
const maskBlur = int(image2ImageLimits.maskBlur.min, image2ImageLimits.maskBlur.max)

/**
 * What the user sets for img2img v2 and inpainting: every text2image field (same names, same wire
 * rules) plus §9's img2img fields, without the image links, which main fills in at submit time
 * from the task's input images (image-source.ts).
 */
export const image2ImageSettingsSchema = text2ImageParamsSchema.extend({
  // img2img redraws an existing picture: A1111's img2img default, not text2image's hires default.
  denoising_strength: z.number().min(0).max(1).default(0.75),
  resize_mode: int(image2ImageLimits.resizeMode.min, image2ImageLimits.resizeMode.max).default(0),
  /** A1111 lets a set `mask_blur` override both directions below; absent unless a caller sets it. */
  mask_blur: maskBlur.optional(),
  mask_blur_x: maskBlur.default(4),
  mask_blur_y: maskBlur.default(4),
  inpainting_fill: int(image2ImageLimits.inpaintingFill.min, image2ImageLimits.inpaintingFill.max).default(1),
  /** false = inpaint the whole picture, true = only the masked area. */
  inpaint_full_res: z.boolean().default(false),
  inpaint_full_res_padding: int(
    image2ImageLimits.inpaintPadding.min,
    image2ImageLimits.inpaintPadding.max,
  ).default(32),
  /** 0 = inpaint the masked area, 1 = inpaint everything but it (an integer on the wire). */
  inpainting_mask_invert: int(0, 1).default(0),
  initial_noise_multiplier: z
    .number()
    .min(image2ImageLimits.noiseMultiplier.min)
    .max(image2ImageLimits.noiseMultiplier.max)
    .default(1),
  /** Only instruct-pix2pix models use it; absent unless set. */
  image_cfg_scale: z
    .number()
    .min(image2ImageLimits.imageCfgScale.min)
    .max(image2ImageLimits.imageCfgScale.max)
    .optional(),
})

/**
 * The img2img v2 parameters as sent and kept in the history: the settings plus the source image
 * (`image_link`, required) and inpaint mask (`mask_link`) inside `alwayson_scripts`, as the contract
 * lists them. Inpainting is img2img with a mask (§10, guess 14: the registry's `inpaint` row).
 */
export const image2ImageParamsSchema = image2ImageSettingsSchema.extend({
  alwayson_scripts: image2ImageSettingsSchema.shape.alwayson_scripts.extend({
    image_link: imageLinkSchema,
    mask_link: imageLinkSchema.optional(),
  }),
})

export type Image2ImageSettingsInput = z.input<typeof image2ImageSettingsSchema>
export type Image2ImageSettings = z.output<typeof image2ImageSettingsSchema>
/** What a caller passes (defaults may be omitted). */
export type Image2ImageParamsInput = z.input<typeof image2ImageParamsSchema>
/** Complete parameters, every default applied. */
export type Image2ImageParams = z.output<typeof image2ImageParamsSchema>
