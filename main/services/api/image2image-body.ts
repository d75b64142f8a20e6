import { sentNumber, unsentFields, type Image2ImageParams } from '#contract'
import { omitFields, optional } from './body-fields'
import { buildText2ImageBody, type Text2ImageWireBody } from './text2image-body'

/** The img2img v2 body as it goes on the wire: text2image's body plus §9's fields. */
export type Image2ImageWireBody = Text2ImageWireBody & {
  readonly alwayson_scripts: Text2ImageWireBody['alwayson_scripts'] & { readonly image_link: string }
}

/**
 * The img2img v2 request body for one submit: the shared text2image fields built by the same code
 * (so both endpoints encode them alike: `seed` a string, model and task id in `alwayson_scripts`),
 * then the img2img fields, all with the wire types §9 lists — `cfg_scale` and `hr_scale` are
 * integers there, so they are rounded — and the source image and mask links inside
 * `alwayson_scripts`. §9 lists no `callbackUrl`, so none is sent (contract `unsentFields`).
 * Inpainting is this body with `mask_link` set (api-guesses.ts guess 14). Pure.
 */
export function buildImage2ImageBody(taskId: string, params: Image2ImageParams): Image2ImageWireBody {
  const shared = buildText2ImageBody(taskId, params)
  const scripts = params.alwayson_scripts
  const body: Image2ImageWireBody = {
    ...shared,
    hr_scale: sentNumber('image2image-v2', 'hr_scale', params.hr_scale),
    cfg_scale: sentNumber('image2image-v2', 'cfg_scale', params.cfg_scale),
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
  return omitFields(body, unsentFields['image2image-v2'])
}
