import { inflateSync } from 'node:zlib'
import {
  image2ImageSettingsSchema,
  text2ImageParamsSchema,
  type ImportedParams,
  type ImportedParamsSource,
  type TaskKind,
  type Text2ImageParams,
} from '#contract'
import { importInfotext } from './infotext-import'
import { createInfotext } from './infotext-write'
import { encodeChunk, readPngChunks, spliceChunks } from './png-chunks'
import { validateImportedParams } from './validate-imported-params'

/** A1111's keyword for its infotext. */
export const parametersKeyword = 'parameters'
/** Our lossless copy of the whole request, as JSON in an iTXt chunk. */
export const requestKeyword = 'img-open-request'

export type PngTextChunkType = 'tEXt' | 'zTXt' | 'iTXt'

export interface PngTextEntry {
  readonly keyword: string
  readonly text: string
  readonly chunkType: PngTextChunkType
}

// Text beyond this (per chunk, after inflating) is not metadata we want; it bounds zip bombs too.
const maxTextBytes = 4 * 1024 * 1024
const maxTextChunks = 64

const isLatin1 = (text: string) => [...text].every((char) => (char.codePointAt(0) ?? 0) <= 0xff)

function keywordBytes(keyword: string): Uint8Array {
  // PNG keywords: 1–79 printable Latin-1 characters, no leading, trailing or double spaces.
  if (!/^[\x20-\x7e\xa1-\xff]{1,79}$/.test(keyword) || /^ | $| {2}/.test(keyword)) {
    throw new Error('Invalid PNG text keyword')
  }
  return Buffer.from(keyword, 'latin1')
}

const concat = (...parts: Uint8Array[]) => Buffer.concat(parts)

/** An uncompressed iTXt chunk (UTF-8, no language tag), laid out as Pillow's `add_itxt` does. */
export function iTxtChunk(keyword: string, text: string): Uint8Array {
  const header = Uint8Array.of(0, 0, 0, 0, 0) // separator, compression flag, method, empty language, empty key
  return encodeChunk('iTXt', concat(keywordBytes(keyword), header, Buffer.from(text, 'utf8')))
}

/**
 * A text chunk the way Pillow's `PngInfo.add_text` (and so A1111) writes one: `tEXt` when the text
 * is Latin-1, else `iTXt` in UTF-8 — so a Chinese prompt survives and A1111 reads it back.
 */
export function textChunk(keyword: string, text: string): Uint8Array {
  if (!isLatin1(text)) return iTxtChunk(keyword, text)
  return encodeChunk('tEXt', concat(keywordBytes(keyword), Uint8Array.of(0), Buffer.from(text, 'latin1')))
}

const inflateText = (data: Uint8Array) => inflateSync(data, { maxOutputLength: maxTextBytes })

function decodeTextChunk(type: string, data: Uint8Array): PngTextEntry | null {
  const keywordEnd = data.indexOf(0)
  if (keywordEnd < 1) return null
  const keyword = Buffer.from(data.subarray(0, keywordEnd)).toString('latin1')
  const rest = data.subarray(keywordEnd + 1)
  if (type === 'tEXt') return { keyword, text: Buffer.from(rest).toString('latin1'), chunkType: 'tEXt' }
  if (type === 'zTXt') {
    return { keyword, text: Buffer.from(inflateText(rest.subarray(1))).toString('latin1'), chunkType: 'zTXt' }
  }
  // iTXt: compression flag, method, language\0, translated keyword\0, text.
  const compressed = rest[0] === 1
  const languageEnd = rest.indexOf(0, 2)
  const translatedEnd = languageEnd < 0 ? -1 : rest.indexOf(0, languageEnd + 1)
  if (translatedEnd < 0) return null
  const body = rest.subarray(translatedEnd + 1)
  const bytes = compressed ? inflateText(body) : body
  return { keyword, text: Buffer.from(bytes).toString('utf8'), chunkType: 'iTXt' }
}

/** Every readable tEXt, zTXt and iTXt chunk, in file order; damaged ones are left out. */
export function readPngText(bytes: Uint8Array): PngTextEntry[] {
  const entries: PngTextEntry[] = []
  for (const chunk of readPngChunks(bytes)) {
    if (entries.length >= maxTextChunks) break
    if (!chunk.crcOk || (chunk.type !== 'tEXt' && chunk.type !== 'zTXt' && chunk.type !== 'iTXt')) continue
    try {
      const entry = decodeTextChunk(chunk.type, chunk.data)
      if (entry) entries.push(entry)
    } catch {
      // A chunk that does not inflate (or inflates past the cap) is skipped, not fatal.
    }
  }
  return entries
}

export interface GenerationMetadata {
  /** Any kind's params (every kind's are text2image's plus its own fields). */
  readonly params: Text2ImageParams
  /** This image's own seed, when the service reported one. */
  readonly seed?: number | null
  /** The workbench mode that made the image; img2img and inpaint add their own infotext keys. */
  readonly kind?: TaskKind
  /** The dynamic-prompts template the prompt was expanded from, written as `Template: …`. */
  readonly template?: string
}

/**
 * Adds A1111 `parameters` text and our lossless request chunk to a PNG. A `parameters` chunk the
 * service already wrote is kept (it may name hashes and versions we cannot know); an old request
 * chunk is replaced. Returns null when the bytes are not a complete PNG.
 */
export function embedGenerationMetadata(png: Uint8Array, metadata: GenerationMetadata): Uint8Array | null {
  const existing = readPngText(png)
  const hasParameters = existing.some((entry) => entry.keyword === parametersKeyword)
  const request = JSON.stringify({
    format: requestKeyword,
    version: 1,
    params: metadata.params,
    seed: metadata.seed ?? null,
  })
  const chunks = [
    ...(hasParameters
      ? []
      : [
          textChunk(
            parametersKeyword,
            createInfotext(metadata.params, {
              seed: metadata.seed,
              kind: metadata.kind,
              template: metadata.template,
            }),
          ),
        ]),
    iTxtChunk(requestKeyword, request),
  ]
  return spliceChunks(
    png,
    chunks,
    (chunk) => chunk.type === 'iTXt' && decodeKeyword(chunk.data) === requestKeyword,
  )
}

const decodeKeyword = (data: Uint8Array) => {
  const end = data.indexOf(0)
  return end < 1 ? '' : Buffer.from(data.subarray(0, end)).toString('latin1')
}

function requestFromChunk(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text)
    if (typeof value !== 'object' || value === null || !('params' in value)) return undefined
    const { params, seed } = value as { params: unknown; seed?: unknown }
    // An img2img or inpaint task's params carry that mode's settings too; they are kept.
    const isImageTask = typeof params === 'object' && params !== null && 'mask_blur_x' in params
    const full = (isImageTask ? image2ImageSettingsSchema : text2ImageParamsSchema).safeParse(params)
    // The image's own seed is the one that reproduces it.
    if (full.success) return typeof seed === 'number' ? { ...full.data, seed } : full.data
    return params
  } catch {
    return undefined
  }
}

export interface PngParameters {
  readonly params: ImportedParams
  readonly source: ImportedParamsSource
  readonly skipped: string[]
}

/** Generation parameters from a PNG: our JSON chunk first, else A1111's text; null when neither. */
export function paramsFromPng(bytes: Uint8Array): PngParameters | null {
  const entries = readPngText(bytes)
  const request = entries.find((entry) => entry.keyword === requestKeyword)
  const fromRequest = request ? requestFromChunk(request.text) : undefined
  if (fromRequest !== undefined) return { ...validateImportedParams(fromRequest), source: 'img-open' }
  const infotext = entries.find((entry) => entry.keyword === parametersKeyword)
  if (!infotext) return null
  return { ...importInfotext(infotext.text), source: 'a1111' }
}
