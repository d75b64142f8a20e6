import { z } from 'zod'

/** A text in both UI languages. */
export interface Bilingual {
  readonly en: string
  readonly zh: string
}

/**
 * What the form, the validator and the CLI need to know about one body field, under the API's own
 * name. `image` fields hold a link the service fetches (an http(s) URL on the wire; the app fills it
 * from an image slot, uploading a local image first); `imageList` is an array of such links.
 * `decimalString` is a number the API types as a string (e.g. roop v2's `fidelityWeight`).
 */
export type FieldSpec = {
  readonly name: string
  readonly required: boolean
  readonly label: Bilingual
  readonly help?: Bilingual
} & (
  | {
      readonly type: 'string'
      readonly maxLength?: number
      readonly multiline?: boolean
      readonly default?: string
    }
  | {
      readonly type: 'integer' | 'number' | 'decimalString'
      readonly min?: number
      readonly max?: number
      readonly step?: number
      readonly default?: number
    }
  | { readonly type: 'boolean'; readonly default?: boolean }
  | {
      readonly type: 'enum'
      readonly options: readonly { readonly value: string | number; readonly label: Bilingual }[]
      readonly default?: string | number
    }
  | { readonly type: 'image' }
  | { readonly type: 'imageList'; readonly minItems: number; readonly maxItems: number }
  | { readonly type: 'url' }
)

export const isImageField = (field: FieldSpec): boolean =>
  field.type === 'image' || field.type === 'imageList'

const httpLink = z
  .string()
  .max(4096)
  .regex(/^https?:\/\/\S+$/i, 'Give an http(s) link.')

const decimalPattern = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:e-?\d+)?$/i

function valueSchema(field: FieldSpec): z.ZodType {
  switch (field.type) {
    case 'string':
      return z.string().max(field.maxLength ?? 20_000)
    case 'integer':
    case 'number': {
      let schema = field.type === 'integer' ? z.number().int() : z.number()
      if (field.min !== undefined) schema = schema.min(field.min)
      if (field.max !== undefined) schema = schema.max(field.max)
      return schema
    }
    case 'decimalString':
      return z
        .string()
        .regex(decimalPattern, 'Give a number.')
        .refine((text) => field.min === undefined || Number(text) >= field.min, `At least ${field.min}.`)
        .refine((text) => field.max === undefined || Number(text) <= field.max, `At most ${field.max}.`)
    case 'boolean':
      return z.boolean()
    case 'enum': {
      const values = field.options.map((option) => option.value)
      return z.union(values.map((value) => z.literal(value)) as [z.ZodLiteral, ...z.ZodLiteral[]])
    }
    case 'image':
    case 'url':
      return httpLink
    case 'imageList':
      return z.array(httpLink).min(field.minItems).max(field.maxItems)
  }
}

/**
 * The body schema of a field list, as sent (image fields already links), without the client's
 * task id. Strict: an unknown field is named, never silently dropped.
 */
export function bodySchemaOf(fields: readonly FieldSpec[]): z.ZodObject {
  const shape: Record<string, z.ZodType> = {}
  for (const field of fields)
    shape[field.name] = field.required ? valueSchema(field) : valueSchema(field).optional()
  return z.object(shape).strict()
}

/** The form's starting values: every field's documented default. */
export function defaultBody(fields: readonly FieldSpec[]): Record<string, unknown> {
  const body: Record<string, unknown> = {}
  for (const field of fields)
    if ('default' in field && field.default !== undefined) body[field.name] = field.default
  return body
}
