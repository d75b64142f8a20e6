import { sentNumber, unsentFields, type ControlNetParams } from '#contract'
import { omitFields, optional } from './body-fields'
import { buildControlNetUnit, type ControlNetWireUnit } from './controlnet-unit'
import { buildText2ImageBody } from './text2image-body'

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
 * The ControlNet v2 request body for one submit: the shared SD fields built by the text2image code
 * (model, VAE, task id and overrides in `alwayson_scripts`), with §11's own wire types — `seed` an
 * integer (a string on text2image and img2img), `hr_scale` an integer, `resize_mode` always sent
 * (§11 marks it required) — the units at `alwayson_scripts.controlnet.args` (guess 15) and the
 * optional base image at `alwayson_scripts.image_link`. Fields §11 does not list are left out
 * (contract `unsentFields`: hr_upscaler, ADetailer, callbackUrl). Pure.
 */
export function buildControlNetBody(taskId: string, params: ControlNetParams): ControlNetWireBody {
  const shared = buildText2ImageBody(taskId, params)
  const scripts = params.alwayson_scripts
  const body: ControlNetWireBody = {
    ...shared,
    seed: params.seed,
    hr_scale: sentNumber('controlnet-v2', 'hr_scale', params.hr_scale),
    resize_mode: params.resize_mode,
    alwayson_scripts: {
      ...shared.alwayson_scripts,
      ...optional('image_link', scripts.image_link),
      controlnet: { args: scripts.controlnet.args.map(buildControlNetUnit) },
    },
  }
  return omitFields(body, unsentFields['controlnet-v2'])
}
