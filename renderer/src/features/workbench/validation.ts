import { z } from 'zod'
import {
  controlNetSettingsSchema,
  image2ImageSettingsSchema,
  sdEndpointOf,
  text2ImageV3BoundsSchema,
  type RequestEndpoint,
} from '#contract'
import type { ParamsDraft } from './draft'
import type { WorkbenchMode } from './modes'
import { enabledUnitIndexes, settingsFor, settingsSchemas } from './request'

/** What is wrong with one field, as data; components turn it into a message in the user's language. */
export interface DraftIssue {
  /** Dotted schema path, e.g. `steps` or `alwayson_scripts.ADetailer.args.0.ad_steps`. */
  readonly path: string
  /** The field's name (last path segment), which is also its label key. */
  readonly field: string
  /** The unit index (in the draft) when the field belongs to an ADetailer or ControlNet unit. */
  readonly unit: number | null
  /** Which kind of unit `unit` counts. */
  readonly unitKind?: 'adetailer' | 'controlnet'
  readonly rule: IssueRule
  readonly values: { readonly min?: number; readonly max?: number; readonly step?: number }
}

export type IssueRule =
  | 'promptRequired'
  | 'checkpointRequired'
  | 'range'
  | 'min'
  | 'max'
  | 'multipleOf'
  | 'integer'
  | 'number'
  | 'tooLong'
  | 'url'
  | 'choice'
  | 'tooManyUnits'
  | 'invalid'
  | 'sourceRequired'
  | 'maskRequired'
  | 'maskNeedsPreview'
  | 'unitRequired'
  | 'controlImageRequired'

export interface DraftValidation {
  readonly valid: boolean
  readonly issues: readonly DraftIssue[]
  /** The first issue of each field, by path. */
  readonly byPath: ReadonlyMap<string, DraftIssue>
}

export interface NumberBounds {
  readonly min: number | null
  readonly max: number | null
}

const unwrap = (schema: z.ZodType): z.ZodType =>
  schema instanceof z.ZodDefault || schema instanceof z.ZodOptional
    ? unwrap(schema.unwrap() as z.ZodType)
    : schema

/** The shared schemas fields are looked up in: img2img's holds every text2image field too. */
const boundsRoots: readonly z.ZodType[] = [image2ImageSettingsSchema, controlNetSettingsSchema]

/**
 * A numeric field's bounds, read from the shared schemas (built on `text2ImageLimits` and the
 * img2img and ControlNet limits; text2image v3's tighter sizes first when the request goes there),
 * so the inputs' min/max and the messages can never disagree with what main validates.
 */
export function numberBounds(path: string, endpoint?: RequestEndpoint): NumberBounds | null {
  const roots = endpoint === 'text2image-v3' ? [text2ImageV3BoundsSchema, ...boundsRoots] : boundsRoots
  for (const root of roots) {
    const bounds = boundsIn(root, path)
    if (bounds) return bounds
  }
  return null
}

function boundsIn(root: z.ZodType, path: string): NumberBounds | null {
  let schema: z.ZodType = root
  for (const segment of path.split('.')) {
    const node = unwrap(schema)
    if (node instanceof z.ZodObject) {
      const child: unknown = node.shape[segment]
      if (!(child instanceof z.ZodType)) return null
      schema = child
    } else if (node instanceof z.ZodArray) {
      schema = node.element as z.ZodType
    } else {
      return null
    }
  }
  const leaf = unwrap(schema)
  return leaf instanceof z.ZodNumber ? { min: leaf.minValue, max: leaf.maxValue } : null
}

const fieldOf = (path: readonly PropertyKey[]) =>
  String([...path].reverse().find((s) => typeof s === 'string') ?? '')

/** The unit a path belongs to: ADetailer's by its index, ControlNet's mapped back to the draft's units. */
function unitOf(path: readonly PropertyKey[], draft: ParamsDraft): Pick<DraftIssue, 'unit' | 'unitKind'> {
  const index = path.find((s) => typeof s === 'number')
  if (typeof index !== 'number') return { unit: null }
  if (path[1] === 'ADetailer') return { unit: index, unitKind: 'adetailer' }
  if (path[1] === 'controlnet')
    return { unit: enabledUnitIndexes(draft)[index] ?? index, unitKind: 'controlnet' }
  return { unit: null }
}

function classify(
  issue: z.core.$ZodIssue,
  path: string,
  endpoint: RequestEndpoint,
): Pick<DraftIssue, 'rule' | 'values'> {
  const bounds = numberBounds(path, endpoint)
  const range = { min: bounds?.min ?? undefined, max: bounds?.max ?? undefined }
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'array') return { rule: 'unitRequired', values: {} }
      if (path === 'prompt') return { rule: 'promptRequired', values: {} }
      if (path === 'alwayson_scripts.sd_model_checkpoint') return { rule: 'checkpointRequired', values: {} }
      return numericRange(range, 'min')
    case 'too_big':
      if (issue.origin === 'string') return { rule: 'tooLong', values: { max: Number(issue.maximum) } }
      if (issue.origin === 'array') return { rule: 'tooManyUnits', values: { max: Number(issue.maximum) } }
      return numericRange(range, 'max')
    case 'not_multiple_of':
      return { rule: 'multipleOf', values: { step: Number(issue.divisor) } }
    case 'invalid_type':
      return { rule: issue.expected === 'int' ? 'integer' : 'number', values: {} }
    case 'invalid_format':
      return { rule: issue.format === 'url' ? 'url' : 'invalid', values: {} }
    case 'invalid_value':
      return { rule: 'choice', values: {} }
    default:
      return { rule: 'invalid', values: {} }
  }
}

/** "between min and max" when both bounds exist, else the one that was crossed. */
function numericRange(range: { min?: number; max?: number }, crossed: 'min' | 'max') {
  if (range.min !== undefined && range.max !== undefined) return { rule: 'range' as const, values: range }
  return crossed === 'min'
    ? { rule: 'min' as const, values: { min: range.min } }
    : { rule: 'max' as const, values: { max: range.max } }
}

/** A validation of `issues`, indexed by path (first issue of each field). */
export function toValidation(issues: readonly DraftIssue[]): DraftValidation {
  const byPath = new Map<string, DraftIssue>()
  for (const issue of issues) if (!byPath.has(issue.path)) byPath.set(issue.path, issue)
  return { valid: issues.length === 0, issues, byPath }
}

const cache = new WeakMap<ParamsDraft, Partial<Record<WorkbenchMode, DraftValidation>>>()

/**
 * The mode's parameters built from the draft and checked against the mode's shared schema (and
 * text2image v3's tighter bounds when ControlNet goes there), exactly as main will check them.
 * Cached per draft object and mode, so every field can ask without re-running the parse.
 */
export function validateDraft(draft: ParamsDraft, mode: WorkbenchMode = 'text2image'): DraftValidation {
  const byMode = cache.get(draft) ?? {}
  const cached = byMode[mode]
  if (cached) return cached
  const endpoint = sdEndpointOf(mode, draft.controlnet.endpoint)
  const settings = settingsFor(mode, draft)
  const zodIssues = [
    ...(settingsSchemas[mode].safeParse(settings).error?.issues ?? []),
    ...(endpoint === 'text2image-v3'
      ? (text2ImageV3BoundsSchema.safeParse(settings).error?.issues ?? [])
      : []),
  ]
  const issues = zodIssues.map((issue): DraftIssue => {
    const path = issue.path.map(String).join('.')
    return {
      path,
      field: fieldOf(issue.path),
      ...unitOf(issue.path, draft),
      ...classify(issue, path, endpoint),
    }
  })
  const validation = toValidation(issues)
  cache.set(draft, { ...byMode, [mode]: validation })
  return validation
}
