import { z } from 'zod'
import { imageTypes, sniffImageType } from '#contract'
import { apiError } from './api-errors'
import {
  assetListGuess,
  failureDescription,
  submitIdFields,
  taskStatusGuess,
  temporaryImageFields,
} from './api-guesses'
import type { AssetKind, Page, ServerAsset, TaskImage, TaskSnapshot } from './api-types'

/*
 * Zod schemas for every answer, tolerant of extra and unknown fields (loose objects) and of ids or
 * numbers sent as either strings or numbers, plus the normalisation into the app's types. Anything
 * that does not fit becomes `protocol`.
 */

const idLike = z.union([z.string(), z.number()]).transform(String)
const numberLike = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
])

export const envelopeSchema = z.looseObject({
  code: idLike,
  msg: z.string().nullish(),
  data: z.unknown().optional(),
})
export type Envelope = z.infer<typeof envelopeSchema>

const submitDataSchema = z.looseObject({
  task_id: idLike.optional(),
  taskId: idLike.optional(),
  businessTaskId: idLike.optional(),
})

const imageRowSchema = z.looseObject({
  image_url: z.string().min(1),
  seed: numberLike.nullish(),
  image_status: numberLike.nullish(),
  img_audit_status: z.boolean().nullish(),
  img_audit: z.array(z.looseObject({ label: z.string().nullish() })).nullish(),
})

const queryDataSchema = z.looseObject({
  id_task: idLike.optional(),
  task_id: idLike.optional(),
  status: numberLike.nullish(),
  desc: z.string().nullish(),
  temporaryImageDto: z.unknown().optional(),
  differentialImageRspList: z.array(imageRowSchema).nullish(),
})

const listDataSchema = z.looseObject({
  rows: z.array(z.record(z.string(), z.unknown())),
  total: numberLike.optional(),
  pageNum: numberLike.optional(),
  pageSize: numberLike.optional(),
})

const parseWith = <T>(schema: z.ZodType<T>, value: unknown, what: string): T => {
  const parsed = schema.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw apiError('protocol', { what, at: issue ? issue.path.map(String).join('.') : '' })
  }
  return parsed.data
}

/** The id the service answered to a submit, if any (guess 10). */
export function parseSubmitData(data: unknown): string | null {
  if (data === null || data === undefined) return null
  const parsed = parseWith(submitDataSchema, data, 'submit answer')
  for (const field of submitIdFields) {
    const value = parsed[field]
    if (value !== undefined && value.length > 0) return value
  }
  return null
}

const record = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null

const firstOf = (row: Record<string, unknown>, keys: readonly string[]): unknown =>
  keys.map((key) => row[key]).find((value) => value !== undefined && value !== null && value !== '')

const readPercent = (dto: Record<string, unknown>): number | null => {
  for (const key of temporaryImageFields.percent) {
    const raw = dto[key]
    const value = typeof raw === 'string' ? Number.parseFloat(raw) : raw
    if (typeof value !== 'number' || !Number.isFinite(value)) continue
    const unitScale = (temporaryImageFields.unitScale as readonly string[]).includes(key)
      ? value <= 1
      : value < 1 && !Number.isInteger(value)
    const percent = unitScale ? value * 100 : value
    return Math.min(100, Math.max(0, percent))
  }
  return null
}

/** The type of bare base64 image bytes (A1111's `current_image`), sniffed; PNG when unrecognisable. */
const imageType = (base64: string): string =>
  imageTypes[sniffImageType(Buffer.from(base64.slice(0, 24), 'base64')) ?? 'png'].mime

const readPreview = (dto: Record<string, unknown>): string | null => {
  const raw = firstOf(dto, temporaryImageFields.preview)
  if (typeof raw !== 'string') return null
  const text = raw.trim()
  if (/^https?:\/\//i.test(text) || /^data:image\//i.test(text)) return text
  if (text.length >= 32 && /^[A-Za-z0-9+/=\r\n]+$/.test(text)) return `data:${imageType(text)};base64,${text}`
  return null
}

const readEtaMs = (dto: Record<string, unknown>): number | null => {
  const raw = firstOf(dto, temporaryImageFields.etaSeconds)
  const value = typeof raw === 'string' ? Number.parseFloat(raw) : raw
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.round(value * 1000) : null
}

/** Progress read from `temporaryImageDto` (guess 4); every part null when absent or unreadable. */
export function readTemporaryImage(dto: unknown): Pick<TaskSnapshot, 'percent' | 'previewImage'> & {
  readonly etaMs: number | null
} {
  const fields = record(dto)
  if (!fields) return { percent: null, previewImage: null, etaMs: null }
  return { percent: readPercent(fields), previewImage: readPreview(fields), etaMs: readEtaMs(fields) }
}

const toImage = (row: z.infer<typeof imageRowSchema>): TaskImage => ({
  url: row.image_url,
  seed: row.seed ?? null,
  status: row.image_status ?? null,
  auditPassed: row.img_audit_status ?? null,
  auditLabels: (row.img_audit ?? []).flatMap((audit) => (audit.label ? [audit.label] : [])),
})

/** A realtime or archived query answer as a TaskSnapshot (status numbers per guesses 1 and 2). */
export function parseQueryData(data: unknown, requestedId: string): TaskSnapshot {
  const parsed = parseWith(queryDataSchema, data, 'task status')
  const rawStatus = parsed.status ?? null
  const description = parsed.desc ?? ''
  const known = rawStatus === null ? undefined : taskStatusGuess[rawStatus]
  const state = known ?? (failureDescription.test(description) ? 'failed' : 'running')
  const progress = readTemporaryImage(parsed.temporaryImageDto)
  const images = (parsed.differentialImageRspList ?? []).map(toImage)
  return {
    taskId: parsed.id_task ?? parsed.task_id ?? requestedId,
    state,
    rawStatus,
    statusRecognised: known !== undefined,
    description,
    percent: state === 'succeeded' ? 100 : progress.percent,
    previewImage: progress.previewImage,
    etaMs: state === 'succeeded' ? 0 : progress.etaMs,
    images,
  }
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.length > 0 ? value : typeof value === 'number' ? String(value) : null

/** A hash the list gives, lowercased; anything that is not 8–64 hex digits is dropped (untrusted text). */
const hexHash = (value: unknown): string | null =>
  typeof value === 'string' && /^[0-9a-fA-F]{8,64}$/.test(value) ? value.toLowerCase() : null

/** One page of a model/LoRA/VAE/embedding list (row fields per guess 9); rows without a name are dropped. */
export function parseListData(
  data: unknown,
  kind: AssetKind,
  request: { pageNum: number; pageSize: number },
): Page<ServerAsset> {
  const parsed = parseWith(listDataSchema, data, `${kind} list`)
  const fields = assetListGuess[kind]
  const rows = parsed.rows.flatMap((row): ServerAsset[] => {
    const fileName = text(firstOf(row, fields.fileName))
    if (fileName === null) return []
    return [
      {
        kind,
        fileName,
        displayName: text(firstOf(row, fields.displayName)) ?? fileName,
        baseModel: text(firstOf(row, fields.baseModel)),
        imageUrl: text(firstOf(row, fields.imageUrl)),
        hash: hexHash(firstOf(row, fields.hash)),
      },
    ]
  })
  return {
    rows,
    total: parsed.total ?? rows.length,
    pageNum: parsed.pageNum ?? request.pageNum,
    pageSize: parsed.pageSize ?? request.pageSize,
  }
}
