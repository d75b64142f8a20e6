import { z } from 'zod'
import { adetailerUnitSchema } from '../contract'
import { v3ExternalParameters } from '../services/api/api-guesses'
import { controlNetUnitsSchema, unitImageLinks } from './sim-validate-controlnet'
import {
  checkAssets,
  firstIssue,
  invalid,
  readSeed,
  record,
  taskIdPattern,
  type Validation,
} from './sim-validate'

const int = (min: number, max: number) => z.number().int().min(min).max(max)

/** `saasDrawingExternalImageParameterBO` as guess 16 shapes it: ControlNet units and ADetailer units. */
const externalSchema = z.object({
  [v3ExternalParameters.controlNet]: z.object({ args: controlNetUnitsSchema }).optional(),
  [v3ExternalParameters.adetailer]: z.object({ args: z.array(adetailerUnitSchema).max(4) }).optional(),
})

/** The v3 page's documented bounds (prompt ≤ 2000, sizes 128–1024, guidance 1–30). */
const text2ImageV3Schema = z.object({
  prompt: z.string().min(1).max(2000),
  negativePrompt: z.string().max(8000).optional(),
  iterationCount: int(1, 100).default(1),
  singleBatchImageCount: int(1, 8).default(1),
  steps: int(1, 150).default(20),
  width: int(128, 1024).default(512),
  height: int(128, 1024).default(512),
  promptGuidanceFactor: z.number().min(1).max(30).default(7),
  restoreFaces: z.boolean().optional(),
  samplerIndex: z.string().optional(),
  deNoisingStrength: z.number().min(0).max(1).optional(),
  highDefinitionRepairScale: z.number().min(1).max(4).optional(),
  highDefinitionRepairPostSteps: int(0, 150).optional(),
  callbackUrl: z.url({ protocol: /^https?$/ }).optional(),
  [v3ExternalParameters.field]: externalSchema.optional(),
  baseModelCode: z.string().min(1),
  vaeName: z.string().optional(),
  businessTaskId: z.string().regex(taskIdPattern),
})

/**
 * Validates a text2image v3 body (camelCase; `businessTaskId` and `baseModelCode` required), with
 * the ControlNet units of `saasDrawingExternalImageParameterBO` checked like v2's (guess 16); their
 * control images are downloaded by the route.
 */
export function validateText2ImageV3(body: unknown): Validation {
  const fields = record(body)
  if (!fields) return invalid('body', 'the body must be a JSON object')
  const seed = readSeed(fields.seed)
  if (seed === null) return invalid('seed', 'seed must be an integer (as a string)')
  const parsed = text2ImageV3Schema.safeParse(fields)
  if (!parsed.success) return firstIssue(parsed.error)
  const params = parsed.data
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
      seed,
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
