import { z } from 'zod'
import { imageLinkSchema } from './image-source'
import { text2ImageParamsSchema } from './text2image'

/** The control types the contract lists (shared/api/img-open-api.md §11), in its order. */
export const controlTypes = [
  'canny',
  'depth',
  'inpaint',
  'lineart',
  'MLSD',
  'NormalMap',
  'OpenPose',
  'Reference',
  'Scribble',
  'Segmentation',
  'Shuffle',
  'SoftEdge',
  'T2I-Adapter',
  'Tile',
  'Recolor',
  'IP-Adapter',
  'Instant-ID',
] as const
export type ControlType = (typeof controlTypes)[number]

export const controlNetLimits = {
  maxUnits: 4,
  weight: { min: 0, max: 2 },
  processorRes: { min: 64, max: 2048 },
  /** A1111's unit control modes: 0 balanced, 1 my prompt is more important, 2 ControlNet is more important. */
  controlMode: { min: 0, max: 2 },
  /** A1111's unit resize modes: 0 just resize, 1 crop and resize, 2 resize and fill. */
  resizeMode: { min: 0, max: 2 },
  /** The top-level `resize_mode` §11 marks required: img2img's four modes. */
  bodyResizeMode: { min: 0, max: 3 },
  preprocessorMaxLength: 100,
} as const

const int = (min: number, max: number) => z.number().int().min(min).max(max)
const unit01 = z.number().min(0).max(1)

/**
 * One ControlNet unit as the user sets it. §11 leaves the inner shape out of the stored docs: these
 * are A1111's `alwayson_scripts.controlnet.args[]` fields (guess 15, endpoints/sd-guesses.ts), with the unit's
 * control image as a link (`image_link`, filled in by main) because the service takes URLs only.
 */
export const controlNetUnitSettingsSchema = z
  .object({
    enabled: z.boolean().default(true),
    control_type: z.enum(controlTypes).default('canny'),
    /** The preprocessor ("none" when the control image is already a map). */
    module: z.string().trim().min(1).max(controlNetLimits.preprocessorMaxLength).default('canny'),
    /** The ControlNet model file; "None" lets the service pick by control type. */
    model: z.string().trim().min(1).max(300).default('None'),
    weight: z.number().min(controlNetLimits.weight.min).max(controlNetLimits.weight.max).default(1),
    guidance_start: unit01.default(0),
    guidance_end: unit01.default(1),
    control_mode: int(controlNetLimits.controlMode.min, controlNetLimits.controlMode.max).default(0),
    resize_mode: int(controlNetLimits.resizeMode.min, controlNetLimits.resizeMode.max).default(1),
    pixel_perfect: z.boolean().default(false),
    processor_res: int(controlNetLimits.processorRes.min, controlNetLimits.processorRes.max).default(512),
    /** Preprocessor thresholds (canny low/high and the like); -1 = the preprocessor's default. */
    threshold_a: z.number().min(-1).max(1024).default(-1),
    threshold_b: z.number().min(-1).max(1024).default(-1),
  })
  .refine((unit) => unit.guidance_start <= unit.guidance_end, {
    message: 'Guidance start must not be after guidance end.',
    path: ['guidance_end'],
  })

export const controlNetUnitSchema = controlNetUnitSettingsSchema.and(
  z.object({ image_link: imageLinkSchema }),
)

/**
 * What the user sets for the ControlNet endpoint (§11): the shared text2image fields, the
 * top-level `resize_mode` §11 marks required, and one or more units; links are filled in by main.
 */
export const controlNetSettingsSchema = text2ImageParamsSchema.extend({
  resize_mode: int(controlNetLimits.bodyResizeMode.min, controlNetLimits.bodyResizeMode.max).default(0),
  alwayson_scripts: text2ImageParamsSchema.shape.alwayson_scripts.extend({
    controlnet: z.object({
      args: z.array(controlNetUnitSettingsSchema).min(1).max(controlNetLimits.maxUnits),
    }),
  }),
})

/** The ControlNet parameters as sent and kept: every unit has its control image link; `image_link` is the optional base image. */
export const controlNetParamsSchema = text2ImageParamsSchema.extend({
  resize_mode: controlNetSettingsSchema.shape.resize_mode,
  alwayson_scripts: text2ImageParamsSchema.shape.alwayson_scripts.extend({
    image_link: imageLinkSchema.optional(),
    controlnet: z.object({ args: z.array(controlNetUnitSchema).min(1).max(controlNetLimits.maxUnits) }),
  }),
})

/**
 * Where a ControlNet task goes. `controlnet-v2` is §11's `/sd/v2/controlnet` (the units in
 * `alwayson_scripts.controlnet.args`, the top-level `resize_mode`, the base image as `image_link`).
 * `text2image-v3` is §2's `/sd/v3/text2Image`, which the vendor flags "under development" (开发中):
 * its units (and ADetailer's) go in `saasDrawingExternalImageParameterBO` (guess 16), it has no
 * top-level resize mode and no base image field, so units without their own image send the base
 * image's link as theirs, and §2's tighter bounds apply (sizes to 1024, prompt to 2000 characters).
 */
export const controlNetEndpoints = ['controlnet-v2', 'text2image-v3'] as const
export type ControlNetEndpoint = (typeof controlNetEndpoints)[number]
export const controlNetEndpointSchema = z.enum(controlNetEndpoints)

/**
 * §2's own bounds where they are tighter than the v2 ones the shared params are checked against
 * (`text2ImageLimits`): the prompt and the size. The simulator enforces the same numbers.
 */
export const text2ImageV3Limits = {
  promptMaxLength: 2000,
  size: { min: 128, max: 1024 },
} as const

const v3Size = (field: 'width' | 'height') => {
  const { min, max } = text2ImageV3Limits.size
  const message = `Text-to-image v3 takes a ${field} of ${min}–${max} px.`
  return z.number().min(min, message).max(max, message)
}

/**
 * The parts of a request that §2 bounds more tightly than v2, with messages naming the limit.
 * Checked on top of the shared schema wherever a request for text2image v3 is validated, so a
 * request the endpoint would refuse is stopped before any image is uploaded or anything is sent.
 */
export const text2ImageV3BoundsSchema = z.object({
  prompt: z
    .string()
    .max(
      text2ImageV3Limits.promptMaxLength,
      `Text-to-image v3 takes prompts of at most ${text2ImageV3Limits.promptMaxLength} characters.`,
    ),
  width: v3Size('width'),
  height: v3Size('height'),
})

export type ControlNetUnitSettings = z.output<typeof controlNetUnitSettingsSchema>
export type ControlNetUnit = z.output<typeof controlNetUnitSchema>
export type ControlNetSettingsInput = z.input<typeof controlNetSettingsSchema>
export type ControlNetSettings = z.output<typeof controlNetSettingsSchema>
export type ControlNetParamsInput = z.input<typeof controlNetParamsSchema>
export type ControlNetParams = z.output<typeof controlNetParamsSchema>

/**
 * text2image v3's params (§2): the shared text2image fields and, from a ControlNet task sent there,
 * its units with their resolved links (sent in `saasDrawingExternalImageParameterBO`, guess 16).
 */
export const text2ImageV3ParamsSchema = text2ImageParamsSchema.extend({
  controlNetUnits: z.array(controlNetUnitSchema).max(controlNetLimits.maxUnits).optional(),
})
export type Text2ImageV3Params = z.output<typeof text2ImageV3ParamsSchema>
