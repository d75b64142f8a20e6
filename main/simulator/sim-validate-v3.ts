import { z } from 'zod'
import { adetailerUnitSchema, text2ImageV3Limits } from '#contract'
import { v3ExternalParameters } from '../services/api/api-guesses'
import { controlNetUnitsSchema, unitImageLinks } from './sim-validate-controlnet'
import {
  checkAssets,
  firstIssue,
  invalid,
  record,
  seedOf,
  taskIdPattern,
  type Validation,
} from './sim-validate'

const int = (min: number, max: number) => z.number().int().min(min).max(max)

/** `saasDrawingExternalImageParameterBO` as guess 16 shapes it: ControlNet units and ADetailer units. */
const externalSchema = z.object({
  [v3ExternalParameters.controlNet]: z.object({ args: controlNetUnitsSchema }).optional(),
  [v3ExternalParameters.adetailer]: z.object({ args: z.array(adetailerUnitSchema).max(4) }).optional(),
})

const size = int(text2ImageV3Limits.size.min, text2ImageV3Limits.size.max)
/** A size whose documented default lies outside its range (§2: -1 or 0 = unset). */
const sizeOr = (unset: number, min: number, max: number) => z.union([z.literal(unset), int(min, max)])
const digits = /^-?\d{1,10}$/

/**
 * Every field §2's table lists, with its type and documented bounds (prompt ≤ 2000, sizes
 * 128–1024, guidance 1–30), then the five fields the img2img v3 page adds (guesses 11 and 16).
 * Strict: a field the page does not list is refused by name.
 */
const text2ImageV3Schema = z
  .object({
    prompt: z.string().min(1).max(text2ImageV3Limits.promptMaxLength),
    negativePrompt: z.string().max(8000).optional(),
    iterationCount: int(1, 100).default(1),
    singleBatchImageCount: int(1, 8).default(1),
    steps: int(1, 150).default(20),
    // Read (and refused by name) before the schema; listed so that the strict check knows it.
    seed: z.string().regex(digits).optional(),
    subSeed: z.string().regex(digits).optional(),
    subSeedStrength: z.number().min(0).max(1).optional(),
    initialNoiseHeight: sizeOr(-1, 128, 2048).optional(),
    initialNoiseWeight: sizeOr(-1, 128, 2048).optional(),
    restoreFaces: z.boolean().optional(),
    enableHighDefinitionRepair: z.boolean().default(false),
    tilling: z.boolean().optional(),
    width: size.default(512),
    height: size.default(512),
    promptGuidanceFactor: z.number().min(1).max(30).default(7),
    samplerName: z.string().optional(),
    samplerIndex: z.string().optional(),
    deNoisingStrength: z.number().min(0).max(1).optional(),
    styles: z.array(z.string()).optional(),
    scriptName: z.string().optional(),
    scriptArgs: z.record(z.string(), z.unknown()).optional(),
    callbackUrl: z.url({ protocol: /^https?$/ }).optional(),
    firstPhaseWidth: sizeOr(0, text2ImageV3Limits.size.min, text2ImageV3Limits.size.max).optional(),
    firstPhaseHeight: sizeOr(0, text2ImageV3Limits.size.min, text2ImageV3Limits.size.max).optional(),
    highDefinitionRepairScale: z.number().min(1).max(4).optional(),
    highDefinitionRepairEnlarger: z.string().optional(),
    highDefinitionRepairPostSteps: int(0, 150).optional(),
    [v3ExternalParameters.field]: externalSchema.optional(),
    baseModelCode: z.string().min(1),
    vaeName: z.string().optional(),
    businessTaskId: z.string().regex(taskIdPattern),
    targetImageFormat: z.string().optional(),
  })
  .strict()

/** The hires pass's own settings: they count only with `enableHighDefinitionRepair: true`. */
const hiresFields = [
  'highDefinitionRepairScale',
  'highDefinitionRepairEnlarger',
  'highDefinitionRepairPostSteps',
] as const

/**
 * Validates a text2image v3 body (camelCase; `businessTaskId` and `baseModelCode` required): only
 * §2's fields with §2's types (`seed` a string), and hires settings only with the hires fix on,
 * since the service would silently ignore them otherwise. The ControlNet units of
 * `saasDrawingExternalImageParameterBO` are checked like v2's (guess 16); their control images are
 * downloaded by the route.
 */
export function validateText2ImageV3(body: unknown): Validation {
  const fields = record(body)
  if (!fields) return invalid('body', 'the body must be a JSON object')
  const seed = seedOf(fields.seed, 'string')
  if (!seed.ok) return seed
  const parsed = text2ImageV3Schema.safeParse(fields)
  if (!parsed.success) return firstIssue(parsed.error)
  const params = parsed.data
  const hires = hiresFields.find((field) => params[field] !== undefined)
  if (hires && !params.enableHighDefinitionRepair)
    return invalid(
      'enableHighDefinitionRepair',
      `must be true when ${hires} is sent (the hires fix is off, so ${hires} would be ignored)`,
    )
  const assets = checkAssets(params.baseModelCode, params.vaeName, 'baseModelCode', 'vaeName')
  if (assets) return assets
  const units = params[v3ExternalParameters.field]?.[v3ExternalParameters.controlNet]?.args ?? []
  const prefix = `${v3ExternalParameters.field}.${v3ExternalParameters.controlNet}.args`
  return {
    ok: true,
    spec: {
      taskId: params.businessTaskId,
      version: 'v3',
      prompt: params.prompt,
      seed: seed.seed,
      width: params.width,
      height: params.height,
      imageCount: params.iterationCount * params.singleBatchImageCount,
      steps: params.steps + (params.highDefinitionRepairPostSteps ?? 0),
      batches: params.iterationCount,
      callbackUrl: params.callbackUrl ?? null,
      imageLinks: unitImageLinks(units, prefix),
    },
  }
}
