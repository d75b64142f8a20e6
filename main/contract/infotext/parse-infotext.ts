import { adetailerFromInfotext } from './adetailer'
import { readKnownKey, type InfotextParams } from './infotext-keys'
import { pythonSpaceClass } from './python-text'

/*
 * A1111's generation-parameters text ("infotext"), read as modules/infotext_utils.py
 * `parse_generation_parameters` reads it: prompt lines, then from a line starting with
 * `Negative prompt:` the negative prompt, then, if it holds at least three `Key: value` pairs, the
 * last line of parameters. Values with a comma, colon or newline are JSON-quoted; `WxH` values split.
 */

export interface ParsedInfotext {
  /** The fields this app understands, typed as the requests take them. */
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

/** Schedules the API's sampler names carry ("DPM++ 2M Karras"), and those a bare name means. */
const joinedSchedules: readonly string[] = ['Karras', 'Exponential']
const bareSchedules: readonly string[] = ['Automatic', 'Uniform']

/**
 * The API's name for a sampler and schedule: A1111 ≥ 1.9 writes "DPM++ 2M Karras" as
 * `Sampler: DPM++ 2M, Schedule type: Karras`. Null for a schedule no name carries (SGM Uniform…).
 */
function samplerName(sampler: string, schedule: string | undefined): string | null {
  if (schedule === undefined || bareSchedules.includes(schedule) || sampler.endsWith(` ${schedule}`))
    return sampler
  return joinedSchedules.includes(schedule) ? `${sampler} ${schedule}` : null
}

function readSampler(
  pairs: ReadonlyMap<string, string>,
  params: InfotextParams,
  unknown: Record<string, string>,
) {
  const sampler = pairs.get('Sampler')
  const schedule = pairs.get('Schedule type')
  const joined = sampler === undefined ? null : samplerName(sampler, schedule)
  if (sampler !== undefined) params.sampler_index = joined ?? sampler
  if (schedule !== undefined && joined === null) unknown['Schedule type'] = schedule
}

/** The values A1111 reads for inpainting keys it leaves out at their defaults (infotext_utils.py). */
const inpaintDefaults: ReadonlyMap<string, string> = new Map([
  ['Mask mode', 'Inpaint masked'],
  ['Masked content', 'original'],
  ['Inpaint area', 'Whole picture'],
  ['Masked area padding', '32'],
])

/**
 * What A1111 reads for keys a parameters line leaves out: clip skip 1, and for an inpainting text
 * the default mask settings. (A1111 adds the latter to any text; here a text2image one leaves the
 * image modes' settings alone.)
 */
function impliedPairs(pairs: ReadonlyMap<string, string>): Map<string, string> {
  const implied = new Map<string, string>()
  if (!pairs.has('Clip skip')) implied.set('Clip skip', '1')
  const inpainting = ['Mask blur', ...inpaintDefaults.keys()].some((key) => pairs.has(key))
  if (inpainting) for (const [key, value] of inpaintDefaults) if (!pairs.has(key)) implied.set(key, value)
  return implied
}

/** Keys read together with another rather than one by one. */
const combinedKeys: readonly string[] = ['Sampler', 'Schedule type', 'Hypernet', 'Hypernet strength']

/**
 * Reads A1111 generation parameters (pasted, or from a PNG). Never throws; anything it cannot
 * place is in `unknown`. As in A1111, a parameters line without `Clip skip` means clip skip 1 (see
 * `impliedPairs`), and a `Hypernet` key adds a `<hypernet:name:strength>` tag to the prompt.
 */
export function parseInfotext(text: string): ParsedInfotext {
  const { prompt, negativePrompt, paramsLine } = splitInfotext(text)
  const pairs = parseParamsLine(paramsLine)
  const params: InfotextParams = { prompt, negative_prompt: negativePrompt }
  const unknown: Record<string, string> = {}
  const adetailer = adetailerFromInfotext(pairs)
  if (adetailer.units.length > 0) (params.alwayson_scripts ??= {}).ADetailer = { args: adetailer.units }
  for (const [key, value] of pairs) {
    if (adetailer.usedKeys.has(key) || combinedKeys.includes(key)) continue
    if (!readKnownKey(params, key, value)) unknown[key] = value
  }
  readSampler(pairs, params, unknown)
  const hypernet = pairs.get('Hypernet')
  if (hypernet !== undefined)
    params.prompt += `<hypernet:${hypernet}:${pairs.get('Hypernet strength') ?? '1.0'}>`
  if (paramsLine !== '') for (const [key, value] of impliedPairs(pairs)) readKnownKey(params, key, value)
  return { params, unknown }
}
