import { CsvError, parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import { AppError, presetLimits, text2ImageLimits } from '#contract'

export interface CsvStyle {
  readonly name: string
  readonly prompt: string
  readonly negativePrompt: string
}

export interface ParsedStylesCsv {
  readonly styles: readonly CsvStyle[]
  /** Comment rows (`#name`) and rows without a name. */
  readonly skipped: number
}

function readRecords(text: string): string[][] {
  try {
    // Python's csv module as A1111 uses it: Excel dialect, `skipinitialspace=True`, lenient quotes.
    return parse(text, {
      bom: true,
      ltrim: true,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
    })
  } catch (error) {
    const line = error instanceof CsvError && typeof error.lines === 'number' ? error.lines : null
    throw new AppError('invalid_request', 'The styles file is not valid CSV.', {
      reason: 'csv_unreadable',
      line,
    })
  }
}

/** `index` counts data rows from 0, like the entries of a JSON library. */
const tooLong = (index: number, field: string) =>
  new AppError('invalid_request', `styles[${index}].${field} is too long.`, {
    reason: 'invalid_entry',
    section: 'styles',
    index,
    field,
    issue: 'too_big',
  })

/**
 * Parses A1111's `styles.csv` the way modules/styles.py reads it: a header row naming `name`,
 * `prompt` (or the legacy `text`) and optionally `negative_prompt`; rows whose name starts with
 * `#` are comments. Later rows with the same name win, as in A1111's dictionary.
 */
export function parseStylesCsv(text: string): ParsedStylesCsv {
  const [header, ...rows] = readRecords(text)
  const columns = (header ?? []).map((name) => name.trim())
  const nameAt = columns.indexOf('name')
  const promptAt = columns.includes('prompt') ? columns.indexOf('prompt') : columns.indexOf('text')
  const negativeAt = columns.indexOf('negative_prompt')
  if (nameAt < 0 || promptAt < 0) {
    throw new AppError('invalid_request', 'The styles file needs the columns name and prompt.', {
      reason: 'csv_missing_columns',
    })
  }
  const byName = new Map<string, CsvStyle>()
  let skipped = 0
  rows.forEach((row, index) => {
    const name = (row[nameAt] ?? '').trim()
    if (name === '' || name.startsWith('#')) {
      skipped += 1
      return
    }
    const style = {
      name,
      prompt: row[promptAt] ?? '',
      negativePrompt: negativeAt < 0 ? '' : (row[negativeAt] ?? ''),
    }
    if (name.length > presetLimits.styleNameMaxLength) throw tooLong(index, 'name')
    if (style.prompt.length > text2ImageLimits.promptMaxLength) throw tooLong(index, 'prompt')
    if (style.negativePrompt.length > text2ImageLimits.promptMaxLength)
      throw tooLong(index, 'negative_prompt')
    byName.set(name, style)
  })
  if (byName.size > presetLimits.stylesMax) {
    throw new AppError('invalid_request', 'The styles file holds too many styles.', { reason: 'too_many' })
  }
  return { styles: [...byName.values()], skipped }
}

/**
 * Writes styles the way A1111's `save_styles` does (UTF-8 with a BOM, `name,prompt,negative_prompt`,
 * CRLF rows, quotes only where needed), so the file can replace A1111's own. Unlike Python's
 * writer, fields starting with whitespace are quoted too: the reader's `skipinitialspace` would
 * otherwise drop that whitespace.
 */
export function stringifyStylesCsv(styles: readonly CsvStyle[]): string {
  const rows = styles.map((style) => [style.name, style.prompt, style.negativePrompt])
  const text = stringify([['name', 'prompt', 'negative_prompt'], ...rows], {
    record_delimiter: 'windows',
    quoted_match: [/^\s/, /[\r\n]/],
  })
  return `\uFEFF${text}`
}
