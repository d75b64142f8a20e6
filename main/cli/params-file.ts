import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { z } from 'zod'
import {
  controlNetSettingsSchema,
  image2ImageSettingsSchema,
  text2ImageParamsSchema,
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
  /** Fields the schema does not know, e.g. a misspelt `negative_promt`, dropped and reported. */
  readonly ignoredFields: readonly string[]
}

type JsonObject = Record<string, unknown>

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The API sends `seed` as a string ("-1", "1221212"); the app's schema keeps it a number. */
const seedAsNumber = (value: unknown): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value

function unknownKeys(raw: JsonObject, known: readonly string[], prefix: string): string[] {
  return Object.keys(raw)
    .filter((key) => !known.includes(key))
    .map((key) => prefix + key)
}

/** Splits off what the schema would silently drop: `id_task` (either level) and unknown fields. */
function prepare(raw: JsonObject, kind: TaskKind) {
  const schema = paramsSchemas[kind]
  const { id_task: topIdTask, ...top } = raw
  const scripts = isObject(top.alwayson_scripts) ? top.alwayson_scripts : null
  const { id_task: scriptIdTask, ...scriptFields } = scripts ?? {}
  const scriptKeys = Object.keys(schema.shape.alwayson_scripts.shape)
  const ignoredFields = [
    ...unknownKeys(top, Object.keys(schema.shape), ''),
    ...(scripts ? unknownKeys(scriptFields, scriptKeys, 'alwayson_scripts.') : []),
  ]
  const body: JsonObject = {
    ...top,
    ...('seed' in top ? { seed: seedAsNumber(top.seed) } : {}),
    ...(scripts ? { alwayson_scripts: scriptFields } : {}),
  }
  return { body, ignoredFields, idTaskIgnored: topIdTask !== undefined || scriptIdTask !== undefined }
}

/**
 * Reads a body of the given mode written with the API's own field names and checks it against the
 * contract's schema. Every problem is a usage error naming the file and the first bad field.
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
  const { body, ignoredFields, idTaskIgnored } = prepare(raw, kind)
  const checked = paramsSchemas[kind].safeParse(body)
  if (!checked.success) {
    const issue = checked.error.issues[0]
    const field = issue ? issue.path.map(String).join('.') : ''
    throw usageError('paramsInvalid', { file, field: field || '(root)', detail: issue?.message ?? '' })
  }
  // The schema was picked by `kind`, so its output is that kind's params (TS cannot follow the index).
  return { params: checked.data as ParamsOf<K>, idTaskIgnored, ignoredFields }
}
