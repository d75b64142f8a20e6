/*
 * The values text of one plot axis, read the way A1111's X/Y/Z plot (scripts/xyz_grid.py) reads it,
 * so a values line copied from an A1111 infotext ("X Values: ...") gives the same cells here:
 * - the text is CSV (Python's csv reader: `"` quotes a value holding commas, `""` is a quote inside
 *   one; rows on several lines join into one list); each value is trimmed;
 * - on a number axis, `1-5` is every integer from 1 to 5, `1-10 (+2)` steps by 2 (the sign is
 *   required, as in A1111), `10-20 [5]` is 5 values evenly spaced from 10 to 20 inclusive; on an
 *   integer axis those are cut toward zero like Python's `int()` (10-20 [4] = 10, 13, 16, 20);
 *   float ranges `1.5-2.5 (+0.5)` run from the start to the end inclusive, like numpy's
 *   `arange(start, end + step, step)`;
 * - a bare number stays itself: `-1` is a number, not a range.
 * As in A1111, a range's end is made exclusive by adding 1 whatever the step's sign, so
 * `10-1 (-3)` is 10, 7, 4.
 * Deliberate differences: a quote after the spaces that follow a comma opens a quoted value
 * (`a, "b, c", d` is three values, as the csv reader reads it with `skipinitialspace`), float
 * results are rounded to 10 decimals (A1111 shows 0.30000000000000004) and a float range does not
 * overshoot its end through rounding (numpy's arange makes `0.1-0.3 (+0.1)` four values), and a range that
 * gives no value, or too many, is an error instead of an empty or endless axis.
 */

/** Why an axis's text could not be read; `value` is the offending piece as the user typed it. */
export interface AxisValuesError {
  readonly reason: 'empty' | 'not_a_number' | 'not_an_integer' | 'empty_range' | 'too_many'
  readonly value: string
}

export type AxisValuesResult<T> = { ok: true; values: T[] } | { ok: false; error: AxisValuesError }

/** No axis needs more; it also bounds the work a typo such as `1-100000000` could cause. */
export const maxAxisValues = 1000

/** Splits CSV text into trimmed values, as `csv.reader(..., skipinitialspace=True)` + strip. */
export function splitAxisCsv(text: string): string[] {
  const values: string[] = []
  for (const line of text.split(/\r\n|\n|\r/)) {
    if (line === '') continue
    let field = ''
    let state: 'start' | 'plain' | 'quoted' | 'quote-in-quoted' = 'start'
    for (const char of line) {
      if (state === 'start' && char === ' ') continue
      if (state === 'start' && char === '"') state = 'quoted'
      else if (state === 'quoted') {
        if (char === '"') state = 'quote-in-quoted'
        else field += char
      } else if (state === 'quote-in-quoted' && char === '"') {
        field += '"'
        state = 'quoted'
      } else if (char === ',') {
        values.push(field.trim())
        field = ''
        state = 'start'
      } else {
        field += char
        state = 'plain'
      }
    }
    values.push(field.trim())
  }
  return values
}

const intPart = String.raw`([+-]?\s*\d+)`
const floatPart = String.raw`([+-]?\s*\d+(?:\.\d*)?)`
const rangeInt = new RegExp(String.raw`^\s*${intPart}\s*-\s*${intPart}(?:\s*\(([+-]\d+)\s*\))?\s*$`)
const countInt = new RegExp(String.raw`^\s*${intPart}\s*-\s*${intPart}\s*\[(\d+)\s*\]\s*$`)
const rangeFloat = new RegExp(
  String.raw`^\s*${floatPart}\s*-\s*${floatPart}(?:\s*\(([+-]\d+(?:\.\d*)?)\s*\))?\s*$`,
)
const countFloat = new RegExp(String.raw`^\s*${floatPart}\s*-\s*${floatPart}\s*\[(\d+(?:\.\d*)?)\s*\]\s*$`)

const intText = /^[+-]?\d+$/
const floatText = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i
const num = (text: string) => Number(text.replace(/\s+/g, ''))
const clean = (value: number) => Math.round(value * 1e10) / 1e10

/** numpy's linspace: `count` values from start to end, both included (the last is exactly end). */
function linspace(start: number, end: number, count: number): number[] {
  if (count <= 0) return []
  if (count === 1) return [start]
  const step = (end - start) / (count - 1)
  return Array.from({ length: count }, (_, index) => (index === count - 1 ? end : start + index * step))
}

/** Python's range(start, stop, step) with stop excluded. */
function intRange(start: number, stop: number, step: number): number[] | null {
  if (step === 0) return null
  const length = Math.max(0, Math.ceil((stop - start) / step))
  if (length > maxAxisValues) return null
  return Array.from({ length }, (_, index) => start + index * step)
}

/** numpy's arange(start, stop, step), less its rounding surprise (see the top of the file). */
function floatRange(start: number, stop: number, step: number): number[] | null {
  if (step === 0) return null
  const length = Math.max(0, Math.ceil((stop - start) / step - 1e-9))
  if (length > maxAxisValues) return null
  return Array.from({ length }, (_, index) => clean(start + index * step))
}

function expandOne(value: string, integer: boolean): number[] | AxisValuesError {
  const range = (integer ? rangeInt : rangeFloat).exec(value)
  const count = (integer ? countInt : countFloat).exec(value)
  let expanded: number[] | null
  if (range) {
    const [start, end, step] = [num(range[1] ?? ''), num(range[2] ?? ''), range[3] ? num(range[3]) : 1]
    expanded = integer ? intRange(start, end + 1, step) : floatRange(start, end + step, step)
  } else if (count) {
    const howMany = Math.trunc(num(count[3] ?? ''))
    if (howMany > maxAxisValues) return { reason: 'too_many', value }
    const spaced = linspace(num(count[1] ?? ''), num(count[2] ?? ''), howMany)
    expanded = integer ? spaced.map((each) => Math.trunc(each)) : spaced.map(clean)
  } else {
    // What Python's int() and float() accept (less the rarities: `1_000`, `inf`, `nan`).
    const text = value.trim()
    if (!floatText.test(text)) return { reason: 'not_a_number', value }
    if (integer && !intText.test(text)) return { reason: 'not_an_integer', value }
    return [Number(text)]
  }
  if (expanded === null) return { reason: 'too_many', value }
  if (expanded.length === 0) return { reason: 'empty_range', value }
  return expanded
}

/**
 * The numbers an integer or float axis's text stands for, in order (duplicates kept, as A1111
 * keeps them). Empty pieces are skipped, as A1111 skips them on number axes.
 */
export function parseNumberAxis(text: string, integer: boolean): AxisValuesResult<number> {
  const values: number[] = []
  for (const piece of splitAxisCsv(text)) {
    if (piece === '') continue
    const expanded = expandOne(piece, integer)
    if (!Array.isArray(expanded)) return { ok: false, error: expanded }
    values.push(...expanded)
    if (values.length > maxAxisValues) return { ok: false, error: { reason: 'too_many', value: piece } }
  }
  if (values.length === 0) return { ok: false, error: { reason: 'empty', value: text } }
  return { ok: true, values }
}

/** The values of a text axis; empty pieces are kept (Prompt S/R may replace with nothing). */
export function parseTextAxis(text: string): AxisValuesResult<string> {
  const values = splitAxisCsv(text)
  if (values.length === 0 || values.every((value) => value === ''))
    return { ok: false, error: { reason: 'empty', value: text } }
  if (values.length > maxAxisValues) return { ok: false, error: { reason: 'too_many', value: text } }
  return { ok: true, values }
}
