import { bilingual } from '../tools'
import {
  historyKindName,
  isSdTask,
  taskText,
  type TaskInput,
  type TaskKind,
  type TaskRecord,
} from '#contract'

/** At most this many characters of a prompt in a row; the detail panel shows it whole. */
const excerptLength = 160

export const promptExcerpt = (prompt: string) => {
  const flat = prompt.replace(/\s+/g, ' ').trim()
  return flat.length > excerptLength ? `${flat.slice(0, excerptLength - 1)}…` : flat
}

/** True when the service flagged any of the task's images; such a task is always marked. */
export const isFlagged = (record: TaskRecord) => record.images.some((image) => image.auditPassed === false)

export const firstCacheKey = (record: TaskRecord) =>
  record.images.find((image) => image.cacheKey !== null)?.cacheKey ?? null

/** The result a row shows and sends: its first cached image, else its first; null without results. */
export function shownImageIndex(record: TaskRecord): number | null {
  if (record.images.length === 0) return null
  return Math.max(
    0,
    record.images.findIndex((image) => image.cacheKey !== null),
  )
}

export const paramsKnown = (record: TaskRecord) => record.paramsUnknown !== true

/**
 * What a task is about, in a line: its prompt (a tool's prompt, idea or text output), a custom
 * request's path when its body has no prompt; null when there are no words (the kind says enough).
 */
export function rowText(record: TaskRecord): string | null {
  const { prompt } = taskText(record)
  if (prompt !== '') return prompt
  return record.kind === 'custom' ? record.path : isSdTask(record) ? '' : null
}

/** The kind's name in the UI language, from the row the task went to (contract's history-kind.ts). */
export const kindLabel = (record: TaskRecord, language: string): string =>
  bilingual(historyKindName(record), language)

/** The modes a result can be sent to as an input image. */
export const imageSendTargets = [
  'image2image',
  'inpaint',
  'controlnet',
] as const satisfies readonly TaskKind[]
export type ImageSendTarget = (typeof imageSendTargets)[number]

const kilobytes = (bytes: number) => Math.max(1, Math.round(bytes / 1024))

/** "768 × 512 · 340 KB": the size of an input image as sent, or its original before resizing. */
export const pixelSizeText = (size: NonNullable<TaskInput['sent']>) =>
  `${size.width} × ${size.height} · ${kilobytes(size.bytes)} KB`

/**
 * "inputs.example.com/…/source.png?…": a link short enough to read in the panel. Input links are
 * often presigned, with hundreds of characters of key id, expiry and signature in the query; null
 * when the text is not an http(s) link.
 */
export function shortLink(text: string): string | null {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  const segments = url.pathname.split('/').filter((segment) => segment !== '')
  const last = segments.at(-1)
  let name = last ?? ''
  try {
    name = decodeURIComponent(name)
  } catch {
    // A malformed escape: show the segment as it is.
  }
  const path = last === undefined ? '' : segments.length > 1 ? `/…/${name}` : `/${name}`
  return `${url.host}${path}${url.search === '' ? '' : '?…'}`
}

const formatStyles = {
  full: { dateStyle: 'medium', timeStyle: 'medium' },
  time: { timeStyle: 'short' },
  date: { dateStyle: 'medium' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>

// Building an Intl formatter costs far more than using one; rows format on every scroll frame.
const formatters = new Map<string, Intl.DateTimeFormat>()
const formatter = (language: string, style: keyof typeof formatStyles) => {
  const key = `${language}|${style}`
  let found = formatters.get(key)
  if (!found) {
    found = new Intl.DateTimeFormat(language, formatStyles[style])
    formatters.set(key, found)
  }
  return found
}

/** A time in the user's language: date and time, to the second. */
export const formatTime = (ms: number, language: string) => formatter(language, 'full').format(new Date(ms))

/** A short time for rows: time only for today, else the date. */
export function formatShortTime(ms: number, language: string, now = Date.now()): string {
  const date = new Date(ms)
  const sameDay = new Date(now).toDateString() === date.toDateString()
  return formatter(language, sameDay ? 'time' : 'date').format(date)
}

type ParamValue = string | number | boolean

/** Every value of `params` as `name → value` rows, nested ones with a dotted path. */
export function bodyRows(params: Readonly<Record<string, unknown>>): [string, ParamValue][] {
  const rows: [string, ParamValue][] = []
  const walk = (prefix: string, value: unknown) => {
    if (value === undefined || value === null) return
    if (Array.isArray(value)) value.forEach((item, index) => walk(`${prefix} ${index + 1}`, item))
    else if (typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) walk(prefix === '' ? key : `${prefix}.${key}`, inner)
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      rows.push([prefix, value])
  }
  walk('', params)
  return rows
}

/**
 * An SD task's parameters as rows for the detail panel, but its prompts (shown above them), so
 * nothing stored is hidden (`alwayson_scripts.sd_vae`, `ADetailer 1.ad_model`).
 */
export function parameterRows(params: Readonly<Record<string, unknown>>): [string, ParamValue][] {
  const { prompt: _prompt, negative_prompt: _negative, ...rest } = params
  return bodyRows(rest).map(([key, value]) => [
    key
      .replace('alwayson_scripts.ADetailer.args', 'ADetailer')
      .replace('alwayson_scripts.controlnet.args', 'ControlNet'),
    value,
  ])
}
