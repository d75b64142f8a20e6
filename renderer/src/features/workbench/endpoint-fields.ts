import {
  isFieldSent,
  sentNumber,
  type ControlNetEndpoint,
  type RequestEndpoint,
  type UnsentField,
} from '#contract'
import type { ParamsDraft } from './draft'
import { dropUndefined } from './merge'
import type { WorkbenchMode } from './modes'

/*
 * What each endpoint does with the shared draft, so the form shows only what is sent, as it is sent.
 * The tables are the contract's (main/contract/endpoint-fields.ts), which main's body builders use.
 */

/** The endpoint a mode's request reaches: inpainting is img2img v2 with a mask (guess 14). */
export function requestEndpoint(
  mode: WorkbenchMode,
  controlNetEndpoint: ControlNetEndpoint,
): RequestEndpoint {
  if (mode === 'text2image') return 'text2image-v2'
  return mode === 'controlnet' ? controlNetEndpoint : 'image2image-v2'
}

/** The draft's fields shared by every mode. */
export type SharedParams = Omit<ParamsDraft, 'img2img' | 'controlnet'>

/**
 * The shared fields as the endpoint sends them: without those it does not send, and with the numbers
 * it takes whole already rounded, so the request (and the history record made from it) holds what
 * reaches the service, and a value kept for another mode can never block this one's validation.
 * The draft itself keeps what the user typed.
 */
export function sharedFieldsAsSent(endpoint: RequestEndpoint, params: SharedParams): SharedParams {
  const sent = (field: UnsentField) => isFieldSent(endpoint, field)
  const { callbackUrl, hr_upscaler, alwayson_scripts, ...rest } = params
  const { ADetailer, ...scripts } = alwayson_scripts
  return dropUndefined({
    ...rest,
    hr_scale: sentNumber(endpoint, 'hr_scale', rest.hr_scale),
    cfg_scale: sentNumber(endpoint, 'cfg_scale', rest.cfg_scale),
    callbackUrl: sent('callbackUrl') ? callbackUrl : undefined,
    hr_upscaler: sent('hr_upscaler') ? hr_upscaler : undefined,
    alwayson_scripts: dropUndefined({
      ...scripts,
      ADetailer: sent('alwayson_scripts.ADetailer') ? ADetailer : undefined,
    }),
  })
}
