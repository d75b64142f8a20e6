import type { ControlNetEndpoint } from './schemas/controlnet'

/*
 * What each SD endpoint does with the fields every mode shares, read from the contract's own tables.
 * Main builds its bodies from these tables and the workbench form shows them (a field the endpoint
 * does not send is turned off, a rounded number shows the value sent), so the two cannot drift.
 */

/** The endpoint a request reaches; inpainting is img2img v2 with a mask (api-guesses.ts guess 14). */
export type RequestEndpoint = 'text2image-v2' | 'image2image-v2' | ControlNetEndpoint

/** Shared fields some endpoints' tables lack, as paths into the body. */
export type UnsentField = 'callbackUrl' | 'hr_upscaler' | 'alwayson_scripts.ADetailer'

/**
 * Each endpoint gets only the fields its own table lists (the contract read literally, not a
 * guess). img2img v2 (§9) lists no `callbackUrl` (§8: callbacks are "not shown in the stored v2 SD
 * field tables"; the app polls anyway). ControlNet v2 (§11) lists no `hr_upscaler`, `ADetailer`
 * or `callbackUrl`: the service then uses its own upscaler and no ADetailer. Should the live
 * service take one of them, delete it here.
 */
export const unsentFields = {
  'text2image-v2': [],
  'image2image-v2': ['callbackUrl'],
  'controlnet-v2': ['callbackUrl', 'hr_upscaler', 'alwayson_scripts.ADetailer'],
  'text2image-v3': [],
} as const satisfies Record<RequestEndpoint, readonly UnsentField[]>

export const isFieldSent = (endpoint: RequestEndpoint, field: UnsentField): boolean =>
  !(unsentFields[endpoint] as readonly UnsentField[]).includes(field)

/** Number fields some endpoints type as integers. */
export type WholeNumberField = 'hr_scale' | 'cfg_scale'

/**
 * The fields an endpoint types as integers, rounded on the wire: img2img v2 (§9) `hr_scale` and
 * `cfg_scale`, ControlNet v2 (§11) `hr_scale` only (its `cfg_scale` is a number). text2image v2
 * sends them as they are (its §1 table says integer for `hr_scale`, but A1111's 1.5× is common and
 * the service has taken it so far); v3 has its own camelCase fields.
 */
export const wholeNumberFields = {
  'text2image-v2': [],
  'image2image-v2': ['hr_scale', 'cfg_scale'],
  'controlnet-v2': ['hr_scale'],
  'text2image-v3': [],
} as const satisfies Record<RequestEndpoint, readonly WholeNumberField[]>

export const takesWholeNumbers = (endpoint: RequestEndpoint, field: WholeNumberField): boolean =>
  (wholeNumberFields[endpoint] as readonly WholeNumberField[]).includes(field)

/** The value that goes on the wire: rounded where the endpoint wants an integer. */
export const sentNumber = (endpoint: RequestEndpoint, field: WholeNumberField, value: number): number =>
  takesWholeNumbers(endpoint, field) ? Math.round(value) : value
