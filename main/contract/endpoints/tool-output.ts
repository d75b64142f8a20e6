import { z } from 'zod'
import type { ToolOutputKind } from './tool-rows'

/*
 * What a finished tool task holds (stored in the history as `toolOutput`) and the completion rule
 * that reads it from an answer (§12–§13). Pure: the API client, the simulator's tests and the CLI
 * share it. The docs show `status` 0 and 1 both next to results, so status never decides success:
 * the output does.
 */

/** One detected face, in pixels of the image sent; `score` when the service gave one. */
export const faceBoxSchema = z.object({
  x: z.number(),
  y: z.number(),
  width: z.number().nonnegative(),
  height: z.number().nonnegative(),
  score: z.number().optional(),
})
export type FaceBox = z.infer<typeof faceBoxSchema>

export const toolOutputLimits = { text: 20_000, prompts: 32, faces: 256, images: 64 } as const

/** A tool's output as stored: only the part its row names is present. Faces are numbered left to right. */
export const toolOutputSchema = z.object({
  images: z.array(z.string().max(4096)).max(toolOutputLimits.images).optional(),
  faces: z.array(faceBoxSchema).max(toolOutputLimits.faces).optional(),
  caption: z.string().max(toolOutputLimits.text).optional(),
  prompts: z.array(z.string().max(toolOutputLimits.text)).max(toolOutputLimits.prompts).optional(),
  style: z.string().max(toolOutputLimits.text).optional(),
})
export type ToolOutput = z.infer<typeof toolOutputSchema>

/** How an answer reads: done with the output, failed with the service's words, or not yet. */
export type ToolAnswer =
  | {
      readonly state: 'done'
      readonly output: ToolOutput
      readonly status: number | null
      readonly message: string
    }
  | { readonly state: 'failed'; readonly message: string; readonly status: number | null }
  | { readonly state: 'pending'; readonly message: string; readonly status: number | null }

/**
 * The field names tried, in order, for each output (the documented one first: `outputImageUrl`,
 * `caption`, `prompts`; the rest are [inferred] variants the client tolerates).
 */
export const toolOutputFields = {
  image: ['outputImageUrl', 'imageUrl', 'resultUrl', 'outputUrl', 'resultImageUrl', 'image_url', 'url'],
  imageList: ['outputImageUrls', 'imageUrls', 'resultUrls', 'images', 'outputImages'],
  faces: ['faces', 'faceList', 'faceBoxes', 'boxes', 'faceInfos'],
  caption: ['caption', 'tags', 'text', 'description'],
  prompts: ['prompts', 'promptList', 'expandedPrompts'],
  style: ['style', 'styleName', 'styleLabel', 'label'],
  message: ['desc', 'msg', 'errorMsg', 'message'],
} as const

/** Statuses that mean failure when no output came with them [inferred, as SD's -1/4/5]. */
export const toolFailedStatuses: readonly number[] = [-1, 4, 5]
const failureWords = /fail|error|失败|错误|异常/i

const isLink = (value: unknown): value is string =>
  typeof value === 'string' && /^(?:https?:\/\/\S+|data:image\/[\w.+-]+;base64,)/i.test(value.trim())

const record = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null

const firstOf = (data: Record<string, unknown>, names: readonly string[]): unknown =>
  names.map((name) => data[name]).find((value) => value !== undefined && value !== null)

const statusOf = (data: Record<string, unknown>): number | null => {
  const status = data.status
  if (typeof status === 'number' && Number.isFinite(status)) return status
  return typeof status === 'string' && /^-?\d+$/.test(status) ? Number(status) : null
}

function readImages(data: Record<string, unknown>): string[] | null {
  for (const name of toolOutputFields.image) if (isLink(data[name])) return [String(data[name]).trim()]
  for (const name of toolOutputFields.imageList) {
    const value = data[name]
    if (!Array.isArray(value)) continue
    const links = value
      .map((item) => (isLink(item) ? item : firstOf(record(item) ?? {}, toolOutputFields.image)))
      .filter(isLink)
      .map((link) => link.trim())
    if (links.length > 0) return links.slice(0, toolOutputLimits.images)
  }
  return null
}

const num = (value: unknown): number | null => {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  return typeof n === 'number' && Number.isFinite(n) ? n : null
}

/** One box in any of the usual shapes: {x,y,width,height}, {x,y,w,h}, {left,top,right,bottom}, [x1,y1,x2,y2]. */
function readBox(item: unknown): FaceBox | null {
  const raw = Array.isArray(item) ? item : null
  const box = record(item)
  const inner =
    box && (Array.isArray(box.bbox) || Array.isArray(box.box)) ? ((box.bbox ?? box.box) as unknown[]) : raw
  const score = num(box?.score ?? box?.confidence ?? box?.det_score)
  const withScore = (x: number, y: number, width: number, height: number): FaceBox | null =>
    width >= 0 && height >= 0 ? { x, y, width, height, ...(score === null ? {} : { score }) } : null
  if (inner && inner.length >= 4) {
    const [x1, y1, x2, y2] = inner.slice(0, 4).map(num)
    if (x1 == null || y1 == null || x2 == null || y2 == null) return null
    return withScore(x1, y1, x2 - x1, y2 - y1)
  }
  if (!box) return null
  const x = num(box.x ?? box.left)
  const y = num(box.y ?? box.top)
  if (x === null || y === null) return null
  const width = num(box.width ?? box.w) ?? (num(box.right) === null ? null : (num(box.right) ?? 0) - x)
  const height = num(box.height ?? box.h) ?? (num(box.bottom) === null ? null : (num(box.bottom) ?? 0) - y)
  return width === null || height === null ? null : withScore(x, y, width, height)
}

function readFaces(data: Record<string, unknown>): FaceBox[] | null {
  const value = firstOf(data, toolOutputFields.faces)
  if (!Array.isArray(value)) return null
  const boxes = value.map(readBox).filter((box): box is FaceBox => box !== null)
  // Numbered left to right, as multiple face swap's `faceIdx` counts them (§13).
  return boxes.sort((a, b) => a.x - b.x || a.y - b.y).slice(0, toolOutputLimits.faces)
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.slice(0, toolOutputLimits.text) : null

function readPrompts(data: Record<string, unknown>): string[] | null {
  const value = firstOf(data, toolOutputFields.prompts)
  const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : null
  const prompts = (list ?? []).map(text).filter((prompt): prompt is string => prompt !== null)
  return prompts.length > 0 ? prompts.slice(0, toolOutputLimits.prompts) : null
}

function readCaption(data: Record<string, unknown>): string | null {
  const value = firstOf(data, toolOutputFields.caption)
  if (Array.isArray(value)) return text(value.filter((tag) => typeof tag === 'string').join(', '))
  return text(value)
}

/** The output a row names, when the answer's data holds it; null when it is not there (yet). */
export function readToolOutput(kind: ToolOutputKind, data: unknown): ToolOutput | null {
  const fields = record(data)
  if (!fields) return null
  switch (kind) {
    case 'image': {
      const images = readImages(fields)
      return images && { images }
    }
    case 'faces': {
      const faces = readFaces(fields)
      return faces && { faces }
    }
    case 'caption': {
      const caption = readCaption(fields)
      return caption === null ? null : { caption }
    }
    case 'prompts': {
      const prompts = readPrompts(fields)
      return prompts && { prompts }
    }
    case 'style': {
      const style = text(firstOf(fields, toolOutputFields.style))
      return style === null ? null : { style }
    }
  }
}

/**
 * The completion rule on an answer's `data` (the submit answer or `tool/{toolCode}/queryTask`'s):
 * done when the row's output is present, whatever `status` says (0 and 1 both come with results);
 * failed on a failing status or a message that reads as a failure; otherwise pending.
 */
export function readToolData(kind: ToolOutputKind, data: unknown): ToolAnswer {
  const fields = record(data) ?? {}
  const status = statusOf(fields)
  const output = readToolOutput(kind, data)
  const message = text(firstOf(fields, toolOutputFields.message)) ?? ''
  if (output) return { state: 'done', output, status, message }
  if ((status !== null && toolFailedStatuses.includes(status)) || failureWords.test(message))
    return { state: 'failed', message, status }
  return { state: 'pending', message, status }
}

/**
 * The completion rule on a whole answer `{ code, msg, data }`: a `code` other than the string
 * "200" is a failure showing `msg`; otherwise `readToolData`.
 */
export function readToolAnswer(kind: ToolOutputKind, answer: unknown): ToolAnswer {
  const envelope = record(answer) ?? {}
  if (String(envelope.code) !== '200') {
    const message = text(envelope.msg) ?? `The service answered code ${String(envelope.code)}.`
    return { state: 'failed', message, status: null }
  }
  return readToolData(kind, envelope.data)
}
