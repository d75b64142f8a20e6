import { z } from 'zod'
import { apiError } from './api-errors'
import { failureDescription, toolStatusGuess, toolTaskGuess } from './api-guesses'
import type { TaskImage, TaskSnapshot } from './api-types'

/*
 * The tool task query answer (§12; its shape is guess 17), tolerant like wire.ts: loose objects,
 * ids and numbers as strings or numbers. Anything that does not fit becomes `protocol`.
 */

const idLike = z.union([z.string(), z.number()]).transform(String)
const numberLike = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
])

const toolDataSchema = z.looseObject({
  businessTaskId: idLike.nullish(),
  taskId: idLike.nullish(),
  task_id: idLike.nullish(),
  status: numberLike.nullish(),
})

const isLink = (value: unknown): value is string =>
  typeof value === 'string' && /^(?:https?:\/\/|data:image\/)/i.test(value.trim())

/** The output image links, from the first field of guess 17 that holds any. */
function outputLinks(data: Record<string, unknown>): string[] {
  for (const field of toolTaskGuess.imageFields) {
    const value = data[field]
    if (isLink(value)) return [value.trim()]
  }
  for (const field of toolTaskGuess.imageListFields) {
    const value = data[field]
    if (!Array.isArray(value)) continue
    const links = value.filter(isLink).map((link) => link.trim())
    if (links.length > 0) return links
  }
  return []
}

const descriptionOf = (data: Record<string, unknown>): string => {
  const text = toolTaskGuess.descriptionFields.map((field) => data[field]).find((v) => typeof v === 'string')
  return typeof text === 'string' ? text : ''
}

const toImage = (url: string): TaskImage => ({
  url,
  seed: null,
  status: null,
  auditPassed: null,
  auditLabels: [],
})

/** A tool task query answer as a TaskSnapshot: the output image first in `images` (guess 17). */
export function parseToolQueryData(data: unknown, requestedId: string): TaskSnapshot {
  const parsed = toolDataSchema.safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw apiError('protocol', {
      what: 'tool task status',
      at: issue ? issue.path.map(String).join('.') : '',
    })
  }
  const fields = parsed.data as Record<string, unknown>
  const rawStatus = parsed.data.status ?? null
  const description = descriptionOf(fields)
  const links = outputLinks(fields)
  const known = rawStatus === null ? undefined : toolStatusGuess[rawStatus]
  const state =
    links.length > 0 ? 'succeeded' : (known ?? (failureDescription.test(description) ? 'failed' : 'running'))
  return {
    taskId: parsed.data.businessTaskId ?? requestedId,
    state,
    rawStatus,
    statusRecognised: links.length > 0 || known !== undefined,
    description,
    percent: state === 'succeeded' ? 100 : null,
    previewImage: null,
    etaMs: state === 'succeeded' ? 0 : null,
    images: links.map(toImage),
  }
}
