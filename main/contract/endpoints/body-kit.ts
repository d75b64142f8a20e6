import type { ControlNetUnit } from '../schemas/controlnet'

/** Small helpers the SD body builders share. Pure. */

/** Adds `key: value` only when the value is set, so optional fields are absent rather than null. */
export const optional = (key: string, value: unknown): Record<string, unknown> =>
  value === undefined ? {} : { [key]: value }

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * A copy of `body` without the fields at `paths` ("a" or "a.b"), for endpoints whose table lacks a
 * field the shared params carry (a row's `unsentFields`). Only optional fields are ever listed, so
 * the result still has the body's type.
 */
export function omitFields<T extends Record<string, unknown>>(body: T, paths: readonly string[]): T {
  const out: Record<string, unknown> = { ...body }
  for (const path of paths) {
    const [head = '', ...rest] = path.split('.')
    if (!(head in out)) continue
    const inner = out[head]
    if (rest.length === 0) delete out[head]
    else if (isRecord(inner)) out[head] = omitFields(inner, [rest.join('.')])
  }
  return out as T
}

/** One ControlNet unit as it goes on the wire (v2 `alwayson_scripts.controlnet.args[]`, v3 likewise). */
export type ControlNetWireUnit = Readonly<Record<string, unknown>> & { readonly image_link: string }

/**
 * A unit's wire form: exactly the fields of guess 15 (`controlNetGuess.unitFields`, in that order),
 * with the JSON types the contract schema holds (numbers, booleans, strings; the control image as
 * its link).
 */
export function buildControlNetUnit(unit: ControlNetUnit): ControlNetWireUnit {
  return {
    enabled: unit.enabled,
    control_type: unit.control_type,
    module: unit.module,
    model: unit.model,
    weight: unit.weight,
    image_link: unit.image_link,
    resize_mode: unit.resize_mode,
    processor_res: unit.processor_res,
    threshold_a: unit.threshold_a,
    threshold_b: unit.threshold_b,
    guidance_start: unit.guidance_start,
    guidance_end: unit.guidance_end,
    control_mode: unit.control_mode,
    pixel_perfect: unit.pixel_perfect,
  }
}
