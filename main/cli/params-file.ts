import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { z } from 'zod'
import {
  controlNetSettingsSchema,
  fieldNamesAt,
  image2ImageSettingsSchema,
  numberRangeAt,
  text2ImageParamsSchema,
  unknownFields,
  type TaskKind,
} from '#contract'
import { usageError } from './cli-errors'

/** Params files are small JSON documents; anything this large is a mistake (an image, a log). */
const maxParamsFileBytes = 4 * 1024 * 1024

/**
 * What a params file holds, by workbench mode: the API's own body without the image links, which
 * come from `--image`, `--mask` and `--control` (the links in a file would be stale anyway).
 */
const paramsSchemas = {
  text2image: text2ImageParamsSchema,
  image2image: image2ImageSettingsSchema,
  inpaint: image2ImageSettingsSchema,
  controlnet: controlNetSettingsSchema,
} as const

export type ParamsOf<K extends TaskKind> = z.output<(typeof paramsSchemas)[K]>

export interface ParamsFile<P> {
  readonly params: P
  /** True when the file named an `id_task`, which is ignored: the client chooses the id. */
  readonly idTaskIgnored: boolean
}

type JsonObject = Record<string, unknown>

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The API sends `seed` as a string ("-1", "1221212"); the app's schema keeps it a number. */
const seedAsNumber = (value: unknown): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value

/** Levenshtein distance, for suggesting the field a typo meant. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i += 1) {
    const next = [i]
    for (let j = 1; j <= b.length; j += 1)
      next[j] = Math.min(
        (row[j] ?? 0) + 1,
        (next[j - 1] ?? 0) + 1,
        (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      )
    row = next
  }
  return row[b.length] ?? 0
}

/** The known field a misspelt one most likely meant (`stepz` → `steps`), or null. */
function closestField(schema: z.ZodType, field: string): string | null {
  const path: (string | number)[] = field.split('.').map((key) => (/^\d+$/.test(key) ? Number(key) : key))
  const name = String(path.pop() ?? '')
  let best: { readonly name: string; readonly distance: number } | null = null
  for (const known of fieldNamesAt(schema, path)) {
    const distance = editDistance(name.toLowerCase(), known.toLowerCase())
    if (distance <= Math.max(1, Math.floor(known.length / 3)) && (!best || distance < best.distance))
      best = { name: known, distance }
  }
  return best ? [...path, best.name].join('.') : null
}

/**
 * Splits off `id_task` (either level), which the client chooses, and refuses any field the mode's
 * schema does not know, naming it (and the field it probably meant): a silently dropped `stepz`
 * would run a task the user did not ask for.
 */
function prepare(raw: JsonObject, kind: TaskKind, file: string) {
  const schema = paramsSchemas[kind]
  const { id_task: topIdTask, ...top } = raw
  const scripts = isObject(top.alwayson_scripts) ? top.alwayson_scripts : null
  const { id_task: scriptIdTask, ...scriptFields } = scripts ?? {}
  const body: JsonObject = {
    ...top,
    ...('seed' in top ? { seed: seedAsNumber(top.seed) } : {}),
    // Absent scripts: let the schema name the field inside that is missing (the checkpoint).
    alwayson_scripts: scripts ? scriptFields : (top.alwayson_scripts ?? {}),
  }
  const [unknown] = unknownFields(schema, body)
  if (unknown !== undefined) {
    const suggestion = closestField(schema, unknown)
    throw usageError(suggestion ? 'paramsUnknownFieldSuggest' : 'paramsUnknownField', {
      file,
      field: unknown,
      kind: modeNames[kind],
      ...(suggestion ? { suggestion } : {}),
    })
  }
  return { body, idTaskIgnored: topIdTask !== undefined || scriptIdTask !== undefined }
}

/** The command a params file belongs to, as the user typed it. */
const modeNames = {
  text2image: 'generate',
  image2image: 'img2img',
  inpaint: 'inpaint',
  controlnet: 'controlnet',
} as const satisfies Record<TaskKind, string>

const rangeText = ({ min, max }: { min: number | null; max: number | null }): string =>
  min !== null && max !== null ? `${min}–${max}` : min !== null ? `≥ ${min}` : `≤ ${String(max)}`

/** The usage error for the first problem zod found: a missing field, a number out of range, or else zod's words. */
function fieldError(schema: z.ZodType, body: JsonObject, file: string, issue: z.core.$ZodIssue | undefined) {
  const path = issue?.path ?? []
  const field = path.map(String).join('.') || '(root)'
  const value = path.reduce<unknown>(
    (node, key) =>
      typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[String(key)] : undefined,
    body,
  )
  if (issue?.code === 'invalid_type' && value === undefined)
    return usageError('paramsMissing', { file, field })
  const range = numberRangeAt(schema, path)
  if (range && (range.min !== null || range.max !== null) && issue?.code !== 'invalid_type')
    return usageError('paramsOutOfRange', { file, field, value: String(value), range: rangeText(range) })
  return usageError('paramsInvalid', { file, field, detail: issue?.message ?? '' })
}

/**
 * Reads a body of the given mode written with the API's own field names and checks it against the
 * contract's schema. Every problem is a usage error naming the file and the first bad field: an
 * unknown field (with the one it probably meant), a missing one by its full path, a number out of
 * range with its allowed range.
 */
export async function readParamsFile<K extends TaskKind>(
  path: string,
  kind: K,
): Promise<ParamsFile<ParamsOf<K>>> {
  const file = basename(path)
  let text: string
  try {
    const bytes = await readFile(path)
    if (bytes.length > maxParamsFileBytes) throw new Error('too large')
    text = bytes.toString('utf8')
  } catch {
    throw usageError('paramsUnreadable', { file: path })
  }
  let raw: unknown
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    // JSON.parse's message names the position only (never file content beyond a character or two).
    const detail = error instanceof SyntaxError ? error.message.slice(0, 200) : ''
    throw usageError('paramsNotJson', { file, detail })
  }
  if (!isObject(raw)) throw usageError('paramsNotObject', { file })
  const { body, idTaskIgnored } = prepare(raw, kind, file)
  const checked = paramsSchemas[kind].safeParse(body)
  if (!checked.success) throw fieldError(paramsSchemas[kind], body, file, checked.error.issues[0])
  // The schema was picked by `kind`, so its output is that kind's params (TS cannot follow the index).
  return { params: checked.data as ParamsOf<K>, idTaskIgnored }
}
