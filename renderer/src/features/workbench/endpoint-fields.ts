import { isFieldSent, sentNumber, type RequestEndpoint, type UnsentField } from '#contract'
import type { ParamsDraft } from './draft'
import { dropUndefined } from './merge'

/*
 * What each endpoint does with the shared draft, so the form shows only what is sent, as it is sent.
 * The endpoint a mode reaches is the contract's `sdEndpointOf` (the routing main uses too), and its
 * field rules are its registry row's (main/contract/endpoints/sd-rows.ts), which main's builders use.
 */

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
