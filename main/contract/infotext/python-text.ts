/*
 * A1111 runs its prompt rules through Python's `re` on `str`, whose classes are Unicode-aware:
 * `\s` is every `str.isspace()` character, `\d` every decimal digit (Nd), `\w` letters, numbers
 * and `_`. JavaScript's `\s`, `\d` and `\b` differ (no U+001C–001F, an extra U+FEFF, ASCII-only
 * `\d` and `\b`), so these spell Python's classes out for the ports of A1111's parsers: the
 * infotext reader here and the renderer's prompt language (features/prompt).
 */

/** The characters of Python's `str.isspace()`, as a regex class body. */
export const pythonSpaceClass =
  '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000'

const spaceTest = new RegExp(`[${pythonSpaceClass}]`)

export const isPythonSpace = (char: string | undefined): boolean => char !== undefined && spaceTest.test(char)

/** Python's `\w` for `str` patterns. */
export const pythonWordClass = '\\p{L}\\p{N}_'

const decimalDigit = /^\p{Nd}$/u

/** Unicode assigns decimal digits in runs of ten, 0 to 9, so a digit's value is its place in its run. */
function digitValue(char: string): number {
  let codePoint = char.codePointAt(0) ?? 0
  let offset = 0
  while (decimalDigit.test(String.fromCodePoint(codePoint - 1))) {
    codePoint -= 1
    offset += 1
  }
  return offset % 10
}

/**
 * Python's `float()` for the strings A1111's weight pattern `[+-]?[.\d]+` can capture: any decimal
 * digit counts (`float('１.５')` is 1.5). NaN where Python raises ValueError (no digit, two dots).
 */
export function pythonFloat(text: string): number {
  // The fast path covers every ASCII spelling; the loop below only runs for other digits.
  if (/^[+-]?(?:\d+\.?\d*|\.\d+)$/.test(text)) return Number(text)
  let ascii = ''
  for (const char of text) {
    ascii += decimalDigit.test(char) ? String(digitValue(char)) : char
  }
  return /^[+-]?(?:\d+\.?\d*|\.\d+)$/.test(ascii) ? Number(ascii) : Number.NaN
}

/** Keeps a product finite where Python would reach ±inf (and then NaN), so callers can trust it. */
export function finiteProduct(a: number, b: number): number {
  const product = a * b
  if (Number.isFinite(product)) return product
  if (Number.isNaN(product)) return 0
  return product > 0 ? Number.MAX_VALUE : -Number.MAX_VALUE
}
