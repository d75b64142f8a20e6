import { record } from './sim-route-kit'
import type { Validation } from './sim-validate'

/**
 * The fields an SD v2 endpoint's table lists (shared/api/img-open-api.md), written out here rather
 * than taken from the app's schemas, so the simulator checks the client against the contract and not
 * against itself. `scripts` are the children of `alwayson_scripts`, which the tables print flattened
 * and which a tolerant service also takes at the top level (§1).
 */
export interface ListedFields {
  readonly top: readonly string[]
  readonly scripts: readonly string[]
}

/** §9, img2img v2: the Chinese and English tables together. No `callbackUrl` (§8). */
export const image2ImageListedFields: ListedFields = {
  top: [
    'prompt',
    'negative_prompt',
    'n_iter',
    'batch_size',
    'steps',
    'seed',
    'restore_faces',
    'enable_hr',
    'hr_scale',
    'width',
    'height',
    'cfg_scale',
    'sampler_index',
    'hr_second_pass_steps',
    'hr_resize_x',
    'hr_resize_y',
    'hr_upscaler',
    'denoising_strength',
    'resize_mode',
    'mask_blur',
    'mask_blur_x',
    'mask_blur_y',
    'inpainting_fill',
    'inpaint_full_res',
    'inpaint_full_res_padding',
    'inpainting_mask_invert',
    'initial_noise_multiplier',
    'image_cfg_scale',
  ],
  scripts: [
    'override_settings',
    'sd_model_checkpoint',
    'sd_vae',
    'output_image_format',
    'id_task',
    'ADetailer',
    'image_link',
    'mask_link',
  ],
}

/** §11, ControlNet v2: no `hr_upscaler`, no `ADetailer`, no `mask_link`, no `callbackUrl`. */
export const controlNetListedFields: ListedFields = {
  top: [
    'prompt',
    'n_iter',
    'batch_size',
    'steps',
    'seed',
    'restore_faces',
    'enable_hr',
    'hr_scale',
    'width',
    'height',
    'negative_prompt',
    'cfg_scale',
    'sampler_index',
    'hr_second_pass_steps',
    'hr_resize_x',
    'hr_resize_y',
    'denoising_strength',
    'resize_mode',
  ],
  scripts: [
    'sd_model_checkpoint',
    'override_settings',
    'id_task',
    'sd_vae',
    'output_image_format',
    'image_link',
    'controlnet',
  ],
}

const notListed = (field: string): Validation => ({
  ok: false,
  field,
  message: `${field} is not a field of this endpoint`,
})

/** The first field of a v2 body that the endpoint's table does not list, refused by name; else null. */
export function unlistedField(body: Record<string, unknown>, listed: ListedFields): Validation | null {
  const top = Object.keys(body).find(
    (key) => key !== 'alwayson_scripts' && !listed.top.includes(key) && !listed.scripts.includes(key),
  )
  if (top !== undefined) return notListed(top)
  const inner = Object.keys(record(body.alwayson_scripts)).find((key) => !listed.scripts.includes(key))
  return inner === undefined ? null : notListed(`alwayson_scripts.${inner}`)
}
