import { isSdTask, taskText, type OutputPatternToken, type TaskRecord } from '#contract'

/** A1111's `max_prompt_words` default: how many words `[prompt_words]` keeps. */
const maxPromptWords = 8
/** Room for ` (99).png` and a temp suffix under the 255-byte limit of ext4, APFS and NTFS. */
const maxNameBytes = 180

// Forbidden on Windows or macOS or Linux, plus A1111's own ('#'); control characters too.
// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const invalidChars = /[#<>:"/\\|?*\u0000-\u001f\u007f]/g
const windowsReserved = /^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³])(\..*)?$/i
// ASCII punctuation (Python's string.punctuation) and white space, as A1111 splits prompts.
const nonLetters = /[\s!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]+/u

/** The prompt's first words without punctuation or attention syntax (A1111's `[prompt_words]`). */
export function promptWords(prompt: string): string {
  const withoutNetworks = prompt.replace(/<[^>]*>/g, ' ')
  return withoutNetworks
    .split(nonLetters)
    .filter((word) => word.length > 0)
    .slice(0, maxPromptWords)
    .join(' ')
}

/** Cuts a string to at most `max` UTF-8 bytes without splitting a character. */
function cutToBytes(text: string, max: number): string {
  let bytes = 0
  let out = ''
  for (const char of text) {
    bytes += Buffer.byteLength(char)
    if (bytes > max) break
    out += char
  }
  return out
}

/**
 * A file name every OS accepts: no separators, reserved or control characters, no trailing dot or
 * space (Windows drops them), not a Windows device name, at most `maxNameBytes` bytes; never empty.
 */
export function sanitizeFileName(name: string): string {
  const cleaned = cutToBytes(name.replace(/\s+/g, ' ').replace(invalidChars, '_').trim(), maxNameBytes)
    .replace(/[. ]+$/, '')
    .replace(/^[. ]+/, '')
  if (cleaned === '') return 'image'
  return windowsReserved.test(cleaned) ? `_${cleaned}` : cleaned
}

/** The checkpoint's name without folder, extension or hash, as A1111's `[model_name]`. */
export function modelName(checkpoint: string): string {
  const base =
    checkpoint
      .replace(/\s*\[[0-9a-f]{6,}\]$/i, '')
      .split(/[\\/]/)
      .pop() ?? ''
  return base.replace(/\.(safetensors|ckpt|pt|pth|bin)$/i, '')
}

const pad = (value: number) => String(value).padStart(2, '0')

/** Local date `YYYY-MM-DD` and time `HHMMSS`, as A1111 writes them. */
function dateParts(at: number) {
  const date = new Date(at)
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
  return { day, time: `${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}` }
}

/** What each token of a pattern becomes for one result of a task. */
export function tokenValues(record: TaskRecord, imageIndex: number): Record<OutputPatternToken, string> {
  // Tool tasks and custom requests have no SD parameters: their tokens are empty (or the tool's prompt).
  const params = isSdTask(record) && record.paramsUnknown !== true ? record.params : null
  const seed = record.images[imageIndex]?.seed ?? params?.seed ?? ''
  const { day, time } = dateParts(record.finishedAt ?? record.createdAt)
  return {
    seed: String(seed),
    prompt_words: record.paramsUnknown === true ? '' : promptWords(taskText(record).prompt),
    model_name: params ? modelName(params.alwayson_scripts.sd_model_checkpoint) : '',
    date: day,
    datetime: `${day}-${time}`,
    task_id: record.id,
    batch: String(imageIndex + 1),
    width: params ? String(params.width) : '',
    height: params ? String(params.height) : '',
    steps: params ? String(params.steps) : '',
    sampler: params?.sampler_index ?? '',
  } satisfies Record<OutputPatternToken, string>
}

/**
 * The file name (without extension) a pattern gives one result: tokens replaced, then the whole
 * name sanitised. Separators left empty by a missing token are collapsed.
 */
export function fileNameFor(pattern: string, record: TaskRecord, imageIndex: number): string {
  const values = tokenValues(record, imageIndex)
  const filled = pattern.replace(/\[([a-z_]+)\]/g, (whole, token: string) =>
    Object.hasOwn(values, token) ? values[token as OutputPatternToken] : whole,
  )
  return sanitizeFileName(filled.replace(/([-_ ])[-_ ]+/g, '$1').replace(/^[-_ ]+|[-_ ]+$/g, ''))
}
