import { AppError, text2ImageV3BoundsSchema, type Text2ImageParams } from '#contract'
import { v3ExternalParameters, v3Fields } from './api-guesses'
import { authHeaders, joinUrl } from './api-paths'
import type { Text2ImageV3Params } from './api-types'
import { optional } from './body-fields'
import { buildControlNetUnit } from './controlnet-unit'

/** The text2image v2 body exactly as it goes on the wire (the seed example's shape). */
export type Text2ImageWireBody = Record<string, unknown> & {
  readonly seed: string
  readonly alwayson_scripts: Record<string, unknown> & { readonly id_task: string }
}

/**
 * The text2image v2 request body for one submit, in the seed example's field order: `seed` as a
 * string, and the model, VAE, task id, setting overrides and ADetailer inside `alwayson_scripts`.
 * Pure: the submit, "copy as curl" and the CLI all build the same bytes from the same params.
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
 * `highDefinitionRepair*` fields only when it is on; the model / VAE / task id under the names
 * guessed in api-guesses.ts (guess 11); and the ControlNet units and ADetailer in
 * `saasDrawingExternalImageParameterBO` (guess 16). Setting overrides have no documented v3 form
 * and are not sent.
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

/** Single-quotes a word for POSIX shells. */
const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`

/** The environment variables a copied curl command reads the keys from. */
export const curlKeyVariables = {
  accessKeyId: 'IMG_OPEN_ACCESS_KEY_ID',
  accessKeySecret: 'IMG_OPEN_ACCESS_KEY_SECRET',
} as const

/**
 * A curl command for one call, with the literal placeholders `$IMG_OPEN_ACCESS_KEY_ID` and
 * `$IMG_OPEN_ACCESS_KEY_SECRET` in the auth headers (expanded by the user's shell): a copied command
 * never contains a real key.
 */
export function buildCurlCommand(baseUrl: string, path: string, body: unknown): string {
  return [
    `curl --request POST ${shellQuote(joinUrl(baseUrl, path))}`,
    `--header "${authHeaders.accessKeyId}: $${curlKeyVariables.accessKeyId}"`,
    `--header "${authHeaders.accessKeySecret}: $${curlKeyVariables.accessKeySecret}"`,
    `--header 'Content-Type: application/json'`,
    `--data-raw ${shellQuote(JSON.stringify(body, null, 2))}`,
  ].join(' \\\n')
}
