import type { z } from 'zod'
import { image2ImageParamsSchema, text2ImageParamsSchema, type Text2ImageParams } from '#contract'
import { isKnownCheckpoint, isKnownVae } from './sim-assets'
import { image2ImageListedFields, unlistedField } from './sim-listed-fields'
import type { SimImageLink, SimInput } from './sim-source-image'

/** What the simulator needs of an accepted text2image submit, v2 or v3. */
export interface SimTaskSpec {
  readonly taskId: string
  readonly version: 'v2' | 'v3'
  readonly prompt: string
  /** -1 = random (derived from the task id). */
  readonly seed: number
  readonly width: number
  readonly height: number
  /** n_iter × batch_size. */
  readonly imageCount: number
  /** Sampling steps of one batch, hires pass included. */
  readonly steps: number
  readonly batches: number
  readonly callbackUrl: string | null
  /** Input images to download before the task is made (img2img source and mask, ControlNet images). */
  readonly imageLinks?: readonly SimImageLink[]
  /** The downloaded input images, in `imageLinks` order. */
  readonly inputs?: readonly SimInput[]
  /** A hash of the input images in use (and their settings), mixed into the result. */
  readonly sourceHash?: string
}

export type Validation =
  | { readonly ok: true; readonly spec: SimTaskSpec }
  | { readonly ok: false; readonly field: string; readonly message: string }

export const taskIdPattern = /^[\w.:-]{1,128}$/

export const invalid = (field: string, message: string): Validation => ({ ok: false, field, message })

export const record = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null

/**
 * How an endpoint types `seed` on the wire: a string of digits on img2img v2 and text2image v3 (§9,
 * §2), an integer on ControlNet v2 (§11). text2image v2 also takes a number, as it always has.
 */
export type SeedWire = 'string' | 'integer' | 'string-or-integer'

const seedMessages: Record<SeedWire, string> = {
  string: 'seed must be a string of digits on this endpoint (e.g. "-1")',
  integer: 'seed must be an integer on this endpoint',
  'string-or-integer': 'seed must be an integer (as a string)',
}

/** The seed as the endpoint takes it (`-1` for random; absent = random), or null when refused. */
const readSeed = (value: unknown, wire: SeedWire): number | null => {
  if (value === undefined) return -1
  if (typeof value === 'number') return wire !== 'string' && Number.isInteger(value) ? value : null
  return wire !== 'integer' && typeof value === 'string' && /^-?\d{1,10}$/.test(value.trim())
    ? Number(value.trim())
    : null
}

/** The seed of a body, or the refusal naming it. */
export const seedOf = (
  value: unknown,
  wire: SeedWire,
): { readonly ok: true; readonly seed: number } | Extract<Validation, { ok: false }> => {
  const seed = readSeed(value, wire)
  return seed === null ? { ok: false, field: 'seed', message: seedMessages[wire] } : { ok: true, seed }
}

/** The first issue, named by its path; a field the schema does not know is named itself. */
export const firstIssue = (error: z.ZodError): Validation => {
  const issue = error.issues[0]
  if (!issue) return invalid('body', 'invalid')
  const path = issue.path.map(String)
  if (issue.code === 'unrecognized_keys') {
    const field = [...path, issue.keys[0] ?? ''].join('.')
    return invalid(field, `${field} is not a field of this endpoint`)
  }
  return invalid(path.length > 0 ? path.join('.') : 'body', issue.message)
}

/** Model and VAE names must be on the simulator's lists, like on the real service. */
export const checkAssets = (
  model: string,
  vae: string | undefined,
  modelField: string,
  vaeField: string,
): Validation | null => {
  if (!isKnownCheckpoint(model)) return invalid(modelField, `unknown model "${model}"`)
  if (vae !== undefined && !isKnownVae(vae)) return invalid(vaeField, `unknown VAE "${vae}"`)
  return null
}

const scriptKeys = [
  'sd_model_checkpoint',
  'sd_vae',
  'override_settings',
  'output_image_format',
  'ADetailer',
  'id_task',
  'image_link',
  'mask_link',
  'controlnet',
]

export type V2Body =
  | { readonly ok: true; readonly taskId: string; readonly fields: Record<string, unknown> }
  | { readonly ok: false; readonly field: string; readonly message: string }

/**
 * Reads a v2 body into the contract's params form (wire form: `seed` as the endpoint types it, the
 * model/VAE/task id and image links in `alwayson_scripts`, also tolerated at the top level), naming
 * the first bad field.
 */
export function readV2Body(body: unknown, seedWire: SeedWire): V2Body {
  const fields = record(body)
  if (!fields) return { ok: false, field: 'body', message: 'the body must be a JSON object' }
  const topLevel = Object.fromEntries(
    scriptKeys.filter((key) => key in fields).map((key) => [key, fields[key]]),
  )
  const { id_task: taskId, ...scripts } = { ...topLevel, ...(record(fields.alwayson_scripts) ?? {}) }
  if (typeof taskId !== 'string' || !taskIdPattern.test(taskId))
    return {
      ok: false,
      field: 'alwayson_scripts.id_task',
      message: 'id_task must be 1–128 letters, digits or ._:-',
    }
  const seed = seedOf(fields.seed, seedWire)
  if (!seed.ok) return seed
  const rest = Object.fromEntries(Object.entries(fields).filter(([key]) => !scriptKeys.includes(key)))
  return { ok: true, taskId, fields: { ...rest, seed: seed.seed, alwayson_scripts: scripts } }
}

/** The spec of a parsed v2 submit, once its model and VAE are known to exist. */
export function v2Spec(taskId: string, params: Text2ImageParams): Validation {
  const assets = checkAssets(
    params.alwayson_scripts.sd_model_checkpoint,
    params.alwayson_scripts.sd_vae,
    'alwayson_scripts.sd_model_checkpoint',
    'alwayson_scripts.sd_vae',
  )
  if (assets) return assets
  return {
    ok: true,
    spec: {
      taskId,
      version: 'v2',
      prompt: params.prompt,
      seed: params.seed,
      width: params.width,
      height: params.height,
      imageCount: params.n_iter * params.batch_size,
      steps: params.steps + (params.enable_hr ? params.hr_second_pass_steps : 0),
      batches: params.n_iter,
      callbackUrl: params.callbackUrl ?? null,
    },
  }
}

/** Validates a text2image v2 body the way the contract's schema does. */
export function validateText2ImageV2(body: unknown): Validation {
  const read = readV2Body(body, 'string-or-integer')
  if (!read.ok) return read
  const parsed = text2ImageParamsSchema.safeParse(read.fields)
  return parsed.success ? v2Spec(read.taskId, parsed.data) : firstIssue(parsed.error)
}

/** A field §9 or §11 types as an integer, refused when the wire carries anything else. */
export function integerField(fields: Record<string, unknown>, field: string): Validation | null {
  const value = fields[field]
  return value === undefined || Number.isInteger(value)
    ? null
    : invalid(field, `${field} must be an integer on this endpoint`)
}

/**
 * Validates an img2img v2 body (contract §9): only the fields §9 lists (no `callbackUrl`), with §9's
 * wire types (`seed` a string, `cfg_scale` and `hr_scale` integers), text2image's bounds plus the
 * img2img ones, and a required http(s) `image_link`. Downloading the images is the route's job
 * (sim-source-image.ts).
 */
export function validateImage2ImageV2(body: unknown): Validation {
  const unlisted = unlistedField(record(body) ?? {}, image2ImageListedFields)
  if (unlisted) return unlisted
  const read = readV2Body(body, 'string')
  if (!read.ok) return read
  const wrongType = integerField(read.fields, 'cfg_scale') ?? integerField(read.fields, 'hr_scale')
  if (wrongType) return wrongType
  const parsed = image2ImageParamsSchema.safeParse(read.fields)
  if (!parsed.success) return firstIssue(parsed.error)
  const checked = v2Spec(read.taskId, parsed.data)
  if (!checked.ok) return checked
  const scripts = parsed.data.alwayson_scripts
  const link = (name: 'image_link' | 'mask_link', url: string): SimImageLink => ({
    field: `alwayson_scripts.${name}`,
    input: name,
    url,
    salt: name,
  })
  const imageLinks = [
    link('image_link', scripts.image_link),
    ...(scripts.mask_link === undefined ? [] : [link('mask_link', scripts.mask_link)]),
  ]
  return { ok: true, spec: { ...checked.spec, imageLinks } }
}
