import { AppError } from '../errors'
import {
  text2ImageV3BoundsSchema,
  type ControlNetParams,
  type Text2ImageV3Params,
} from '../schemas/controlnet'
import type { Image2ImageParams } from '../schemas/image2image'
import type { Text2ImageParams } from '../schemas/text2image'
import { buildControlNetUnit, omitFields, optional, type ControlNetWireUnit } from './body-kit'
import { roundedFor, type FieldRules } from './sd-field-rules'
import { v3ExternalParameters, v3Fields } from './sd-guesses'

/*
 * The SD request bodies, exactly as they go on the wire. Pure: the submit, "copy as curl", the
 * CLI and the simulator's tests all build the same bytes from the same params. Each builder takes
 * its registry row's field rules (sd-rows.ts), which say what the endpoint leaves out or rounds.
 */

/** The text2image v2 body exactly as it goes on the wire (the seed example's shape). */
export type Text2ImageWireBody = Record<string, unknown> & {
  readonly seed: string
  readonly alwayson_scripts: Record<string, unknown> & { readonly id_task: string }
}

/**
 * The text2image v2 request body for one submit, in the seed example's field order: `seed` as a
 * string, and the model, VAE, task id, setting overrides and ADetailer inside `alwayson_scripts`.
 */
export function buildText2ImageBody(taskId: string, params: Text2ImageParams): Text2ImageWireBody {
  const scripts = params.alwayson_scripts
  return {
    prompt: params.prompt,
    n_iter: params.n_iter,
    batch_size: params.batch_size,
    steps: params.steps,
    seed: String(params.seed),
    restore_faces: params.restore_faces,
    enable_hr: params.enable_hr,
    hr_scale: params.hr_scale,
    width: params.width,
    height: params.height,
    negative_prompt: params.negative_prompt,
    cfg_scale: params.cfg_scale,
    sampler_index: params.sampler_index,
    hr_second_pass_steps: params.hr_second_pass_steps,
    hr_resize_x: params.hr_resize_x,
    hr_resize_y: params.hr_resize_y,
    denoising_strength: params.denoising_strength,
    ...optional('hr_upscaler', params.hr_upscaler),
    ...optional('callbackUrl', params.callbackUrl),
    alwayson_scripts: {
      sd_model_checkpoint: scripts.sd_model_checkpoint,
      id_task: taskId,
      ...optional('sd_vae', scripts.sd_vae),
      ...optional('output_image_format', scripts.output_image_format),
      ...optional('override_settings', scripts.override_settings),
      ...optional('ADetailer', scripts.ADetailer),
    },
  }
}

/**
 * `saasDrawingExternalImageParameterBO` of a v3 body (guess 16): the ControlNet units and the
 * ADetailer units, each only when there are some; null when there is neither.
 */
function v3External(params: Text2ImageV3Params): Record<string, unknown> | null {
  const units = params.controlNetUnits ?? []
  const adetailer = params.alwayson_scripts.ADetailer
  if (units.length === 0 && !adetailer) return null
  return {
    ...(units.length > 0
      ? { [v3ExternalParameters.controlNet]: { args: units.map(buildControlNetUnit) } }
      : {}),
    ...optional(v3ExternalParameters.adetailer, adetailer),
  }
}

/**
 * The text2image v3 body: the v3 page's camelCase names; the hires fix switched by its own flag
 * `enableHighDefinitionRepair` (always sent, §2's default being off), with the
 * `highDefinitionRepair*` fields only when it is on; the model / VAE / task id under the names of
 * guess 11; and the ControlNet units and ADetailer in `saasDrawingExternalImageParameterBO` (guess
 * 16). Setting overrides have no documented v3 form and are not sent.
 */
export function buildText2ImageV3Body(taskId: string, params: Text2ImageV3Params): Record<string, unknown> {
  const scripts = params.alwayson_scripts
  const hires = params.enable_hr
    ? {
        enableHighDefinitionRepair: true,
        highDefinitionRepairScale: params.hr_scale,
        highDefinitionRepairPostSteps: params.hr_second_pass_steps,
        ...optional('highDefinitionRepairEnlarger', params.hr_upscaler),
        deNoisingStrength: params.denoising_strength,
      }
    : { enableHighDefinitionRepair: false }
  const external = v3External(params)
  return {
    prompt: params.prompt,
    negativePrompt: params.negative_prompt,
    iterationCount: params.n_iter,
    singleBatchImageCount: params.batch_size,
    steps: params.steps,
    seed: String(params.seed),
    restoreFaces: params.restore_faces,
    width: params.width,
    height: params.height,
    promptGuidanceFactor: params.cfg_scale,
    samplerIndex: params.sampler_index,
    ...hires,
    ...optional('callbackUrl', params.callbackUrl),
    ...(external ? { [v3ExternalParameters.field]: external } : {}),
    [v3Fields.model]: scripts.sd_model_checkpoint,
    ...optional(v3Fields.vae, scripts.sd_vae),
    ...optional(v3Fields.outputFormat, scripts.output_image_format),
    [v3Fields.taskId]: taskId,
  }
}

/**
 * Refuses params that text2image v3 would refuse for §2's tighter bounds (sizes 128–1024, prompt at
 * most 2000 characters), as `invalid_request` naming the field, before anything is sent. Requests
 * from the app are already checked against the same schema; this also covers the CLI and retries.
 */
export function checkText2ImageV3Bounds(params: Text2ImageParams): void {
  const issue = text2ImageV3BoundsSchema.safeParse(params).error?.issues[0]
  if (issue) throw new AppError('invalid_request', issue.message, { field: issue.path.map(String).join('.') })
}

/** The img2img v2 body as it goes on the wire: text2image's body plus §9's fields. */
export type Image2ImageWireBody = Text2ImageWireBody & {
  readonly alwayson_scripts: Text2ImageWireBody['alwayson_scripts'] & { readonly image_link: string }
}

/**
 * The img2img v2 request body: the shared text2image fields built by the same code (so both
 * endpoints encode them alike), then the img2img fields with the wire types §9 lists (its integers
 * rounded, per `rules`) and the source image and mask links inside `alwayson_scripts`. Inpainting
 * is this body with `mask_link` set (guess 14).
 */
export function buildImage2ImageBody(
  taskId: string,
  params: Image2ImageParams,
  rules: FieldRules,
): Image2ImageWireBody {
  const shared = buildText2ImageBody(taskId, params)
  const scripts = params.alwayson_scripts
  const body: Image2ImageWireBody = {
    ...shared,
    hr_scale: roundedFor(rules, 'hr_scale', params.hr_scale),
    cfg_scale: roundedFor(rules, 'cfg_scale', params.cfg_scale),
    resize_mode: params.resize_mode,
    ...(params.mask_blur === undefined ? {} : { mask_blur: params.mask_blur }),
    mask_blur_x: params.mask_blur_x,
    mask_blur_y: params.mask_blur_y,
    inpainting_fill: params.inpainting_fill,
    inpaint_full_res: params.inpaint_full_res,
    inpaint_full_res_padding: params.inpaint_full_res_padding,
    inpainting_mask_invert: params.inpainting_mask_invert,
    initial_noise_multiplier: params.initial_noise_multiplier,
    ...optional('image_cfg_scale', params.image_cfg_scale),
    alwayson_scripts: {
      ...shared.alwayson_scripts,
      image_link: scripts.image_link,
      ...optional('mask_link', scripts.mask_link),
    },
  }
  return omitFields(body, rules.unsentFields)
}

/** The ControlNet v2 body as it goes on the wire (§11). */
export type ControlNetWireBody = Record<string, unknown> & {
  readonly seed: number
  readonly resize_mode: number
  readonly alwayson_scripts: Record<string, unknown> & {
    readonly id_task: string
    readonly image_link?: string
    readonly controlnet: { readonly args: readonly ControlNetWireUnit[] }
  }
}

/**
 * The ControlNet v2 request body: the shared SD fields built by the text2image code, with §11's
 * own wire types — `seed` an integer (a string on text2image and img2img), `resize_mode` always
 * sent (§11 marks it required) — the units at `alwayson_scripts.controlnet.args` (guess 15) and
 * the optional base image at `alwayson_scripts.image_link`.
 */
export function buildControlNetBody(
  taskId: string,
  params: ControlNetParams,
  rules: FieldRules,
): ControlNetWireBody {
  const shared = buildText2ImageBody(taskId, params)
  const scripts = params.alwayson_scripts
  const body: ControlNetWireBody = {
    ...shared,
    seed: params.seed,
    hr_scale: roundedFor(rules, 'hr_scale', params.hr_scale),
    cfg_scale: roundedFor(rules, 'cfg_scale', params.cfg_scale),
    resize_mode: params.resize_mode,
    alwayson_scripts: {
      ...shared.alwayson_scripts,
      ...optional('image_link', scripts.image_link),
      controlnet: { args: scripts.controlnet.args.map(buildControlNetUnit) },
    },
  }
  return omitFields(body, rules.unsentFields)
}
