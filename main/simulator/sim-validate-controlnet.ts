import { z } from 'zod'
import {
  controlNetLimits,
  controlNetParamsSchema,
  controlNetUnitSchema,
  type ControlNetUnit,
} from '#contract'
import { controlNetListedFields, unlistedField } from './sim-listed-fields'
import type { SimImageLink } from './sim-source-image'
import {
  firstIssue,
  integerField,
  invalid,
  readV2Body,
  record,
  v2Spec,
  type Validation,
} from './sim-validate'

/** 1–4 units with A1111's fields and a control image link each (guess 15), as the contract bounds them. */
export const controlNetUnitsSchema = z.array(controlNetUnitSchema).min(1).max(controlNetLimits.maxUnits)

/** §11's body: the contract's ControlNet params with `resize_mode` required (no default). */
const controlNetWireSchema = controlNetParamsSchema.extend({
  resize_mode: z
    .number()
    .int()
    .min(controlNetLimits.bodyResizeMode.min)
    .max(controlNetLimits.bodyResizeMode.max),
})

/**
 * The control image links of some units: refusals name `<prefix>.<i>.image_link`, `inputs()` names
 * `controlnet.args[<i>].image_link`, and an enabled unit's settings change the picture with its image.
 */
export function unitImageLinks(units: readonly ControlNetUnit[], prefix: string): SimImageLink[] {
  return units.map((unit, index) => ({
    field: `${prefix}.${index}.image_link`,
    input: `controlnet.args[${index}].image_link`,
    url: unit.image_link,
    salt: unit.enabled
      ? [
          unit.control_type,
          unit.module,
          unit.model,
          unit.weight,
          unit.guidance_start,
          unit.guidance_end,
        ].join('|')
      : null,
  }))
}

/**
 * Validates a ControlNet v2 body (contract §11): only the fields §11 lists (no `hr_upscaler`,
 * `ADetailer` or `callbackUrl`), the shared v2 rules with §11's wire types — `seed` an integer (not
 * a string, unlike text2image and img2img), `hr_scale` an integer, `resize_mode` required — and
 * `alwayson_scripts.controlnet.args` with 1–4 known units. The optional base image and every unit's
 * control image are downloaded by the route (sim-source-image.ts).
 */
export function validateControlNetV2(body: unknown): Validation {
  const raw = record(body)
  if (!raw) return invalid('body', 'the body must be a JSON object')
  const wrongField = unlistedField(raw, controlNetListedFields) ?? integerField(raw, 'hr_scale')
  if (wrongField) return wrongField
  const read = readV2Body(body, 'integer')
  if (!read.ok) return read
  const parsed = controlNetWireSchema.safeParse(read.fields)
  if (!parsed.success) return firstIssue(parsed.error)
  const checked = v2Spec(read.taskId, parsed.data)
  if (!checked.ok) return checked
  const scripts = parsed.data.alwayson_scripts
  const base: SimImageLink[] =
    scripts.image_link === undefined
      ? []
      : [{ field: 'alwayson_scripts.image_link', input: 'image_link', url: scripts.image_link, salt: 'base' }]
  const units = unitImageLinks(scripts.controlnet.args, 'alwayson_scripts.controlnet.args')
  return { ok: true, spec: { ...checked.spec, imageLinks: [...base, ...units] } }
}
