import { z } from 'zod'
import { text2ImageParamsSchema } from '../../../../main/contract'
import type { ParamsDraft } from './draft'

/** What is wrong with one field, as data; components turn it into a message in the user's language. */
export interface DraftIssue {
  /** Dotted schema path, e.g. `steps` or `alwayson_scripts.ADetailer.args.0.ad_steps`. */
  readonly path: string
  /** The field's name (last path segment), which is also its label key. */
  readonly field: string
  /** The ADetailer unit index when the field belongs to one. */
  readonly unit: number | null
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

/**
 * A numeric field's bounds, read from the shared schema (itself built on `text2ImageLimits`), so
 * the inputs' min/max and the messages can never disagree with what main validates.
 */
export function numberBounds(path: string): NumberBounds | null {
  let schema: z.ZodType = text2ImageParamsSchema
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

const unitOf = (path: readonly PropertyKey[]) =>
  path[2] === 'ADetailer' || path[1] === 'ADetailer'
    ? (path.find((s) => typeof s === 'number') ?? null)
    : null

function classify(issue: z.core.$ZodIssue, path: string): Pick<DraftIssue, 'rule' | 'values'> {
  const bounds = numberBounds(path)
  const range = { min: bounds?.min ?? undefined, max: bounds?.max ?? undefined }
  switch (issue.code) {
    case 'too_small':
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

const cache = new WeakMap<ParamsDraft, DraftValidation>()

/**
 * The draft checked against the shared schema, exactly as main will check it. Cached per draft
 * object, so every field can ask without re-running the parse.
 */
export function validateDraft(draft: ParamsDraft): DraftValidation {
  const cached = cache.get(draft)
  if (cached) return cached
  const result = text2ImageParamsSchema.safeParse(draft)
  const issues = result.success
    ? []
    : result.error.issues.map((issue): DraftIssue => {
        const path = issue.path.map(String).join('.')
        return { path, field: fieldOf(issue.path), unit: unitOf(issue.path), ...classify(issue, path) }
      })
  const byPath = new Map<string, DraftIssue>()
  for (const issue of issues) if (!byPath.has(issue.path)) byPath.set(issue.path, issue)
  const validation = { valid: issues.length === 0, issues, byPath }
  cache.set(draft, validation)
  return validation
}
