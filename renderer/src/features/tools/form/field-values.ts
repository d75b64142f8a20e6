import type { FieldSpec, ImageSource } from '#contract'
import type { PickedImage } from '../../sources'

/**
 * What a tool's form holds per field, as the user left it: text exactly as typed (so "1." or an
 * empty box survive a re-render), booleans, and picked images. It becomes a body only through
 * `readForm`, which checks every field against its row.
 */
export type FieldValue = string | boolean | PickedImage | null | readonly (PickedImage | null)[]
export type FormValues = Readonly<Record<string, FieldValue>>

/** A field the form cannot send, and why, in words the form shows next to it. */
export type FieldIssue =
  | { readonly kind: 'required' }
  | { readonly kind: 'notNumber' }
  | { readonly kind: 'notWhole' }
  | { readonly kind: 'min'; readonly min: number }
  | { readonly kind: 'max'; readonly max: number }
  | { readonly kind: 'tooLong'; readonly max: number }
  | { readonly kind: 'notLink' }
  | { readonly kind: 'images'; readonly min: number; readonly max: number }

/** What goes to main: the body's plain fields, and each image field as a source main resolves to a link. */
export interface ToolInput {
  readonly body: Readonly<Record<string, unknown>>
  readonly images: Readonly<Record<string, ImageSource | ImageSource[]>>
}

export type ReadForm =
  | { readonly ok: true; readonly input: ToolInput; readonly pickedImages: readonly PickedImage[] }
  | { readonly ok: false; readonly issues: Readonly<Record<string, FieldIssue>> }

/** The form's first values: each field's documented default, empty slots, empty boxes. */
export function initialValues(fields: readonly FieldSpec[]): FormValues {
  const values: Record<string, FieldValue> = {}
  for (const field of fields) values[field.name] = initialValue(field)
  return values
}

function initialValue(field: FieldSpec): FieldValue {
  switch (field.type) {
    case 'image':
      return null
    case 'imageList':
      return Array.from({ length: field.minItems }, () => null)
    case 'boolean':
      return field.default ?? false
    case 'enum':
    case 'string':
    case 'integer':
    case 'number':
    case 'decimalString':
      return field.default === undefined ? '' : String(field.default)
    case 'url':
      return ''
  }
}

const isPicked = (value: FieldValue): value is PickedImage =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && 'source' in value

const linkPattern = /^https?:\/\/\S+$/i

/** A field read from its text: the value to send (undefined: not sent), or why it cannot go. */
type Read = { ok: true; value: unknown } | { ok: false; issue: FieldIssue }

function readNumber(
  field: Extract<FieldSpec, { type: 'integer' | 'number' | 'decimalString' }>,
  text: string,
): Read {
  const trimmed = text.trim()
  if (trimmed === '')
    return field.required ? { ok: false, issue: { kind: 'required' } } : { ok: true, value: undefined }
  const number = Number(trimmed)
  if (!Number.isFinite(number)) return { ok: false, issue: { kind: 'notNumber' } }
  if (field.type === 'integer' && !Number.isInteger(number)) return { ok: false, issue: { kind: 'notWhole' } }
  if (field.min !== undefined && number < field.min)
    return { ok: false, issue: { kind: 'min', min: field.min } }
  if (field.max !== undefined && number > field.max)
    return { ok: false, issue: { kind: 'max', max: field.max } }
  // roop v2's fidelity goes out as text, as the API types it.
  return { ok: true, value: field.type === 'decimalString' ? trimmed : number }
}

function readText(field: FieldSpec, value: FieldValue): Read {
  const text = typeof value === 'string' ? value : ''
  switch (field.type) {
    case 'integer':
    case 'number':
    case 'decimalString':
      return readNumber(field, text)
    case 'boolean':
      return { ok: true, value: value === true }
    case 'enum': {
      const option = field.options.find((candidate) => String(candidate.value) === text)
      if (option) return { ok: true, value: option.value }
      return field.required ? { ok: false, issue: { kind: 'required' } } : { ok: true, value: undefined }
    }
    case 'string':
      if (text.trim() === '')
        return field.required ? { ok: false, issue: { kind: 'required' } } : { ok: true, value: undefined }
      if (field.maxLength !== undefined && text.length > field.maxLength)
        return { ok: false, issue: { kind: 'tooLong', max: field.maxLength } }
      return { ok: true, value: text }
    case 'url':
      if (text.trim() === '')
        return field.required ? { ok: false, issue: { kind: 'required' } } : { ok: true, value: undefined }
      return linkPattern.test(text.trim())
        ? { ok: true, value: text.trim() }
        : { ok: false, issue: { kind: 'notLink' } }
    case 'image':
    case 'imageList':
      return { ok: true, value: undefined }
  }
}

/**
 * Checks the form against the tool's row and splits it into the body and the image sources; every
 * field that cannot go out is named with its issue. Optional fields left empty are not sent, so the
 * service applies its own default.
 */
export function readForm(fields: readonly FieldSpec[], values: FormValues): ReadForm {
  const body: Record<string, unknown> = {}
  const images: Record<string, ImageSource | ImageSource[]> = {}
  const picked: PickedImage[] = []
  const issues: Record<string, FieldIssue> = {}
  for (const field of fields) {
    const value = values[field.name] ?? null
    if (field.type === 'image') {
      if (isPicked(value)) {
        images[field.name] = value.source
        picked.push(value)
      } else if (field.required) issues[field.name] = { kind: 'required' }
      continue
    }
    if (field.type === 'imageList') {
      const list = (Array.isArray(value) ? value : []).filter(isPicked)
      if (list.length < field.minItems || list.length > field.maxItems)
        issues[field.name] = { kind: 'images', min: field.minItems, max: field.maxItems }
      else {
        images[field.name] = list.map((image) => image.source)
        picked.push(...list)
      }
      continue
    }
    const read = readText(field, value)
    if (!read.ok) issues[field.name] = read.issue
    else if (read.value !== undefined) body[field.name] = read.value
  }
  if (Object.keys(issues).length > 0) return { ok: false, issues }
  return { ok: true, input: { body, images }, pickedImages: picked }
}

/**
 * A sent body back as form values (a re-run, a task opened from the history): image fields from the
 * links that were sent, everything else as text, unknown fields left out.
 */
export function valuesFromBody(
  fields: readonly FieldSpec[],
  body: Readonly<Record<string, unknown>>,
  fromLink: (url: string) => PickedImage,
): FormValues {
  const values: Record<string, FieldValue> = { ...initialValues(fields) }
  const link = (value: unknown) =>
    typeof value === 'string' && linkPattern.test(value) ? fromLink(value) : null
  for (const field of fields) {
    const value = body[field.name]
    if (value === undefined || value === null) continue
    if (field.type === 'image') values[field.name] = link(value)
    else if (field.type === 'imageList')
      values[field.name] = (Array.isArray(value) ? value : [value]).map(link)
    else if (field.type === 'boolean') values[field.name] = value === true
    else if (typeof value === 'string' || typeof value === 'number') values[field.name] = String(value)
  }
  return values
}
