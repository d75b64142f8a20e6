import type { AdetailerUnit, Text2ImageParamsInput } from '../../../../main/contract/schemas/text2image'
import { adetailerFromInfotext } from './infotext-adetailer'
import { pythonSpaceClass } from './python-text'

/*
 * A1111's generation-parameters text ("infotext"), read as modules/infotext_utils.py
 * `parse_generation_parameters` reads it: prompt lines, then from a line starting with
 * `Negative prompt:` the negative prompt, then, if it holds at least three `Key: value` pairs, the
 * last line of parameters. Values with a comma, colon or newline are JSON-quoted; `WxH` values split.
 */

export type InfotextParams = Partial<Omit<Text2ImageParamsInput, 'alwayson_scripts'>> & {
  alwayson_scripts?: Partial<Omit<Text2ImageParamsInput['alwayson_scripts'], 'ADetailer'>> & {
    ADetailer?: { args: Array<Partial<AdetailerUnit>> }
  }
}

export interface ParsedInfotext {
  /** The fields this app understands, typed as the text2image request takes them. */
  params: InfotextParams
  /** Every other `Key: value` pair, unquoted, in the order written (`Model hash`, `Version`…). */
  unknown: Record<string, string>
}

const space = `[${pythonSpaceClass}]`
/** `re_param`: the key is a word character then words, spaces, `-` or `/`; the value quoted or up to a comma. */
const paramPattern = new RegExp(
  `${space}*([\\p{L}\\p{N}_][\\p{L}\\p{N}_ \\-/]+):${space}*("(?:\\\\[^\\n]|[^\\\\"])+"|[^,]*)(?:,|$)`,
  'gu',
)
const imageSize = /^(\d+)x(\d+)$/
const edgeSpace = new RegExp(`^${space}+|${space}+$`, 'g')
const pythonStrip = (text: string) => text.replace(edgeSpace, '')

function unquote(value: string): string {
  if (value.length < 2 || !value.startsWith('"') || !value.endsWith('"')) return value
  try {
    const parsed: unknown = JSON.parse(value)
    return typeof parsed === 'string' ? parsed : value
  } catch {
    return value
  }
}

/** The `Key: value` pairs of a parameters line, quoted values decoded, `Size: WxH` split in `-1`/`-2`. */
export function parseParamsLine(line: string): Map<string, string> {
  const pairs = new Map<string, string>()
  for (const match of line.matchAll(paramPattern)) {
    const key = match[1] ?? ''
    const raw = match[2] ?? ''
    // A1111 skips an empty value (its `v[0]` raises and the pair is dropped).
    if (raw === '') continue
    const value = raw.startsWith('"') && raw.endsWith('"') ? unquote(raw) : raw
    const size = imageSize.exec(value)
    if (size !== null) {
      pairs.set(`${key}-1`, size[1] ?? '')
      pairs.set(`${key}-2`, size[2] ?? '')
    } else pairs.set(key, value)
  }
  return pairs
}

const countPairs = (line: string) => [...line.matchAll(paramPattern)].length

interface Split {
  prompt: string
  negativePrompt: string
  paramsLine: string
}

function splitInfotext(text: string): Split {
  const lines = pythonStrip(text).split('\n')
  let paramsLine = lines.pop() ?? ''
  if (countPairs(paramsLine) < 3) {
    lines.push(paramsLine)
    paramsLine = ''
  }
  const prompt: string[] = []
  const negative: string[] = []
  let inNegative = false
  for (const rawLine of lines) {
    let line = pythonStrip(rawLine)
    if (line.startsWith('Negative prompt:')) {
      inNegative = true
      line = pythonStrip(line.slice(16))
    }
    ;(inNegative ? negative : prompt).push(line)
  }
  return { prompt: prompt.join('\n'), negativePrompt: negative.join('\n'), paramsLine }
}

/** True for pasted text that is A1111 generation parameters rather than a prompt. */
export function looksLikeInfotext(text: string): boolean {
  const { paramsLine, negativePrompt } = splitInfotext(text)
  if (paramsLine !== '') {
    const pairs = parseParamsLine(paramsLine)
    if (pairs.has('Steps') && ['Sampler', 'Seed', 'CFG scale', 'Size-1'].some((key) => pairs.has(key)))
      return true
  }
  return /(^|\n)[^\S\n]*Negative prompt:/.test(text) && negativePrompt !== ''
}

const integer = (value: string | undefined): number | undefined => {
  if (value === undefined || !/^[+-]?\d+$/.test(value.trim())) return undefined
  return Number(value)
}
const decimal = (value: string | undefined): number | undefined => {
  if (value === undefined || value.trim() === '') return undefined
  const number = Number(value)
  return Number.isFinite(number) ? number : undefined
}

type Setter = (params: InfotextParams, value: string) => boolean
const scripts = (params: InfotextParams) => (params.alwayson_scripts ??= {})

/** A setter for a numeric field; it refuses (returns false) a value that is not a number. */
function numeric(read: typeof integer, write: (params: InfotextParams, value: number) => void): Setter {
  return (params, value) => {
    const number = read(value)
    if (number !== undefined) write(params, number)
    return number !== undefined
  }
}

function text(write: (params: InfotextParams, value: string) => void): Setter {
  return (params, value) => {
    write(params, value)
    return true
  }
}

/** Infotext key → where it goes in the request. Hires keys also switch hires fix on. */
const knownKeys: Record<string, Setter> = {
  Steps: numeric(integer, (p, v) => (p.steps = v)),
  'CFG scale': numeric(decimal, (p, v) => (p.cfg_scale = v)),
  Seed: numeric(integer, (p, v) => (p.seed = v)),
  'Size-1': numeric(integer, (p, v) => (p.width = v)),
  'Size-2': numeric(integer, (p, v) => (p.height = v)),
  'Denoising strength': numeric(decimal, (p, v) => (p.denoising_strength = v)),
  'Hires upscale': numeric(decimal, (p, v) => Object.assign(p, { enable_hr: true, hr_scale: v })),
  'Hires steps': numeric(integer, (p, v) => Object.assign(p, { enable_hr: true, hr_second_pass_steps: v })),
  'Hires resize-1': numeric(integer, (p, v) => Object.assign(p, { enable_hr: true, hr_resize_x: v })),
  'Hires resize-2': numeric(integer, (p, v) => Object.assign(p, { enable_hr: true, hr_resize_y: v })),
  'Hires upscaler': text((p, v) => Object.assign(p, { enable_hr: true, hr_upscaler: v })),
  'Face restoration': text((p) => (p.restore_faces = true)),
  Model: text((p, v) => (scripts(p).sd_model_checkpoint = v)),
  VAE: text((p, v) => (scripts(p).sd_vae = v)),
  'Clip skip': numeric(integer, (p, v) => (scripts(p).override_settings = { CLIP_stop_at_last_layers: v })),
}

/** The A1111 ≥ 1.9 split of "DPM++ 2M Karras" into sampler and schedule type, joined back for the API. */
function samplerName(sampler: string, scheduleType: string | undefined): string {
  if (scheduleType === undefined || scheduleType === 'Automatic' || sampler.endsWith(` ${scheduleType}`))
    return sampler
  return `${sampler} ${scheduleType}`
}

/**
 * Reads pasted generation parameters. Never throws; anything it cannot place is in `unknown`.
 * As in A1111, a parameters line without `Clip skip` means clip skip 1, and a `Hypernet` key adds a
 * `<hypernet:name:strength>` tag to the prompt.
 */
export function parseInfotext(text: string): ParsedInfotext {
  const { prompt, negativePrompt, paramsLine } = splitInfotext(text)
  const pairs = parseParamsLine(paramsLine)
  const params: InfotextParams = { prompt, negative_prompt: negativePrompt }
  const unknown: Record<string, string> = {}
  const adetailer = adetailerFromInfotext(pairs)
  if (adetailer.units.length > 0) scripts(params).ADetailer = { args: adetailer.units }
  for (const [key, value] of pairs) {
    if (adetailer.usedKeys.has(key) || key === 'Schedule type' || key === 'Hypernet strength') continue
    if (key === 'Sampler') params.sampler_index = samplerName(value, pairs.get('Schedule type'))
    else if (key === 'Hypernet')
      params.prompt += `<hypernet:${value}:${pairs.get('Hypernet strength') ?? '1.0'}>`
    else if (knownKeys[key]?.(params, value) !== true) unknown[key] = value
  }
  if (paramsLine !== '' && !pairs.has('Clip skip'))
    scripts(params).override_settings = { CLIP_stop_at_last_layers: 1 }
  const scheduleType = pairs.get('Schedule type')
  if (scheduleType !== undefined && !pairs.has('Sampler')) unknown['Schedule type'] = scheduleType
  return { params, unknown }
}
