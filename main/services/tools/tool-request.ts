import {
  AppError,
  allowedOf,
  bodySchemaOf,
  isImageField,
  type ImageSource,
  type TaskInput,
  type ToolRow,
} from '#contract'
import { authHeaders, joinUrl } from '../api/api-paths'

/** One image a tool request names: which field, its place in a list field, and where it comes from. */
export interface ImageSlot {
  readonly field: string
  /** Set for `imageList` fields (face fusion's `sourceUrl`). */
  readonly index?: number
  readonly source: ImageSource
}

/** The request's images in the row's field order (the order inputs are resolved and recorded). */
export function imageSlotsOf(
  row: ToolRow,
  images: Readonly<Record<string, ImageSource | readonly ImageSource[]>>,
): ImageSlot[] {
  return row.fields.filter(isImageField).flatMap((field): ImageSlot[] => {
    const value = images[field.name]
    if (value === undefined) return []
    return Array.isArray(value)
      ? value.map((source: ImageSource, index) => ({ field: field.name, index, source }))
      : [{ field: field.name, source: value as ImageSource }]
  })
}

/**
 * Checks a body (image fields already links) against its row: the first problem is thrown as
 * `invalid_request` naming the field and what it allows; an unknown field is named, never dropped.
 */
export function checkToolBody(row: ToolRow, body: Record<string, unknown>): void {
  const issue = bodySchemaOf(row.fields).safeParse(body).error?.issues[0]
  if (!issue) return
  const unknown = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined
  if (unknown !== undefined) {
    const known = row.fields.map((field) => field.name).join(', ')
    throw new AppError(
      'invalid_request',
      `${unknown} is not a field of ${row.toolCode} (fields: ${known}).`,
      {
        field: unknown,
        reason: 'unknown_field',
      },
    )
  }
  const name = String(issue.path[0] ?? '')
  const field = row.fields.find((candidate) => candidate.name === name)
  const missing = body[name] === undefined
  const allowed = field ? allowedOf(field) : ''
  throw new AppError(
    'invalid_request',
    missing ? `${name} is required: ${allowed}.` : `${name} must be ${allowed}.`,
    { field: name, allowed, reason: missing ? 'missing_field' : 'out_of_range' },
  )
}

/** The body with each image field filled from the resolved inputs (one per slot, in order). */
export function bodyWithLinks(
  body: Readonly<Record<string, unknown>>,
  slots: readonly ImageSlot[],
  inputs: readonly Pick<TaskInput, 'url'>[],
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...body }
  slots.forEach((slot, i) => {
    const url = inputs[i]?.url ?? ''
    if (slot.index === undefined) out[slot.field] = url
    else out[slot.field] = [...((out[slot.field] as string[] | undefined) ?? []), url]
  })
  return out
}

/** The body a tool task's inputs were refreshed for: image fields relinked in slot order. */
export function relinkBody(
  row: ToolRow,
  body: Readonly<Record<string, unknown>>,
  inputs: readonly TaskInput[],
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...body }
  let next = 0
  for (const field of row.fields.filter(isImageField)) {
    const value = body[field.name]
    if (Array.isArray(value)) out[field.name] = value.map(() => inputs[next++]?.url ?? '')
    else if (typeof value === 'string') out[field.name] = inputs[next++]?.url ?? value
  }
  return out
}

const shellQuote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`

/**
 * A curl command for a tool or custom request: the keys as `$IMG_OPEN_ACCESS_KEY_ID` /
 * `$IMG_OPEN_ACCESS_KEY_SECRET` placeholders, and no `--location`, so a redirect can never carry
 * the keys to another host.
 */
export function toolCurl(baseUrl: string, path: string, body: unknown): string {
  return [
    `curl --request POST ${shellQuote(joinUrl(baseUrl, path))}`,
    `--header "${authHeaders.accessKeyId}: $IMG_OPEN_ACCESS_KEY_ID"`,
    `--header "${authHeaders.accessKeySecret}: $IMG_OPEN_ACCESS_KEY_SECRET"`,
    `--header 'Content-Type: application/json'`,
    `--data-raw ${shellQuote(JSON.stringify(body, null, 2))}`,
  ].join(' \\\n')
}
