import {
  AppError,
  type ControlNetParams,
  type ControlNetSettings,
  type Image2ImageParams,
  type Image2ImageSettings,
  type TaskInput,
} from '#contract'

/** The link of each input, by role (and ControlNet unit). */
function linkOf(inputs: readonly TaskInput[], role: TaskInput['role'], unit?: number): string | undefined {
  return inputs.find((input) => input.role === role && input.unit === unit)?.url
}

function requiredLink(inputs: readonly TaskInput[], role: TaskInput['role'], unit?: number): string {
  const link = linkOf(inputs, role, unit)
  if (link === undefined) {
    // The request schema guarantees every link; reaching this is a bug, not a user error.
    throw new AppError('internal', 'An input image of the task has no link.', { role, unit })
  }
  return link
}

/**
 * img2img (and inpaint) parameters as sent: the settings with the source's link as
 * `alwayson_scripts.image_link` and, for inpainting, the mask's as `mask_link` (guess 14). Also
 * used on a retry, where the old links are replaced by the refreshed ones.
 */
export function image2ImageParamsWith(
  settings: Image2ImageSettings,
  inputs: readonly TaskInput[],
): Image2ImageParams {
  const {
    image_link: _oldImage,
    mask_link: _oldMask,
    ...scripts
  } = settings.alwayson_scripts as Image2ImageParams['alwayson_scripts']
  const mask = linkOf(inputs, 'mask')
  return {
    ...settings,
    alwayson_scripts: {
      ...scripts,
      image_link: requiredLink(inputs, 'source'),
      ...(mask === undefined ? {} : { mask_link: mask }),
    },
  }
}

/**
 * ControlNet parameters as sent: each unit with its own control image's link, or the base
 * image's when it has none; the base image (when given) as `alwayson_scripts.image_link`.
 */
export function controlNetParamsWith(
  settings: ControlNetSettings,
  inputs: readonly TaskInput[],
): ControlNetParams {
  const { image_link: _oldImage, ...scripts } =
    settings.alwayson_scripts as ControlNetParams['alwayson_scripts']
  const base = linkOf(inputs, 'source')
  const args = settings.alwayson_scripts.controlnet.args.map((unit, index) => ({
    ...unit,
    image_link: linkOf(inputs, 'control', index) ?? requiredLink(inputs, 'source'),
  }))
  return {
    ...settings,
    alwayson_scripts: {
      ...scripts,
      ...(base === undefined ? {} : { image_link: base }),
      controlnet: { args },
    },
  }
}
