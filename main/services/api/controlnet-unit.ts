import type { ControlNetUnit } from '#contract'

/** One ControlNet unit as it goes on the wire (v2 `alwayson_scripts.controlnet.args[]`, v3 likewise). */
export type ControlNetWireUnit = Readonly<Record<string, unknown>> & { readonly image_link: string }

/**
 * A unit's wire form: exactly the fields of guess 15 (`controlNetGuess.unitFields`, in that order),
 * with the JSON types the contract schema holds (numbers, booleans, strings; the control image as
 * its link). Pure.
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
