import {
  DynamicPromptError,
  type Sequence,
  type TemplateNode,
  type VariantNode,
  type VariantOption,
} from './template-types'

/*
 * Only `{…}` and `__name__` are dynamic; everything else is left as typed, so A1111's own syntax
 * (`(a:1.2)`, `[a:b:10]`, `[a|b]` alternation, `<lora:x:0.6>`, `\(` escapes) passes through.
 * Inside a variant a `|` within `[…]` belongs to an A1111 alternation, not to the variant.
 */

/** Deeper nesting is surely a mistake, and keeps the recursive parser far from the stack's end. */
const maxDepth = 64

/** `__name__`: no whitespace, braces or bars inside; single underscores are part of the name. */
const wildcardPattern = /__((?:[^\s{}|_]|_(?!_))+)__/y
/** `2$$`, `1-3$$`, `-2$$`, `1-$$` at the start of a variant. */
const quantifierPattern = /\s*(\d*)(?:\s*(-)\s*(\d*))?\s*\$\$/y
/** `0.5::` at the start of an option. */
const weightPattern = /\s*(\d+(?:\.\d*)?|\.\d+)\s*::/y

interface Cursor {
  readonly text: string
  at: number
}

function matchAt(pattern: RegExp, cursor: Cursor): RegExpExecArray | null {
  pattern.lastIndex = cursor.at
  const match = pattern.exec(cursor.text)
  if (match) cursor.at = pattern.lastIndex
  return match
}

/**
 * Reads a sequence until the end of the text or, inside a variant, until an unbracketed `|` or the
 * closing `}` (left for the caller). Escapes `\{ \} \|` become the plain character; other
 * backslashes stay, for A1111.
 */
function parseSequence(cursor: Cursor, depth: number): Sequence {
  const nodes: TemplateNode[] = []
  let literal = ''
  let brackets = 0
  const flush = () => {
    if (literal !== '') nodes.push({ kind: 'text', text: literal })
    literal = ''
  }
  const { text } = cursor
  while (cursor.at < text.length) {
    const char = text[cursor.at] ?? ''
    if (char === '\\') {
      const next = text[cursor.at + 1] ?? ''
      literal += '{}|'.includes(next) && next !== '' ? next : char + next
      cursor.at += 2
      continue
    }
    if (char === '{') {
      flush()
      nodes.push(parseVariant(cursor, depth + 1))
      continue
    }
    if (char === '}') {
      if (depth === 0) throw new DynamicPromptError('unexpected_close', 'A "}" closes no "{".', cursor.at)
      break
    }
    if (char === '|' && depth > 0 && brackets === 0) break
    if (char === '_' && text[cursor.at + 1] === '_') {
      const start = cursor.at
      const match = matchAt(wildcardPattern, cursor)
      if (match) {
        flush()
        nodes.push({ kind: 'wildcard', name: match[1] ?? '', start, end: cursor.at })
        continue
      }
    }
    if (depth > 0 && char === '[') brackets += 1
    if (depth > 0 && char === ']' && brackets > 0) brackets -= 1
    literal += char
    cursor.at += 1
  }
  flush()
  return nodes
}

function readQuantifier(cursor: Cursor) {
  const before = cursor.at
  const match = matchAt(quantifierPattern, cursor)
  if (!match) return { min: 1, max: 1, separator: ', ' }
  const [, low = '', dash, high = ''] = match
  if (low === '' && dash === undefined) {
    // `{$$…}` is not a quantifier; read it as text.
    cursor.at = before
    return { min: 1, max: 1, separator: ', ' }
  }
  const min = low === '' ? 1 : Number(low)
  const max = dash === undefined ? min : high === '' ? Number.POSITIVE_INFINITY : Number(high)
  // A custom separator is a second `$$` before the first option ends.
  const rest = cursor.text.slice(cursor.at)
  const sepEnd = rest.search(/\$\$/)
  const optionEnd = rest.search(/[|{}]/)
  if (sepEnd >= 0 && (optionEnd < 0 || sepEnd < optionEnd)) {
    const separator = rest.slice(0, sepEnd)
    cursor.at += sepEnd + 2
    return { min: Math.min(min, max), max: Math.max(min, max), separator }
  }
  return { min: Math.min(min, max), max: Math.max(min, max), separator: ', ' }
}

function parseVariant(cursor: Cursor, depth: number): VariantNode {
  const start = cursor.at
  if (depth > maxDepth)
    throw new DynamicPromptError('too_deep', `Variants nest deeper than ${maxDepth} levels.`, start)
  cursor.at += 1
  const { min, max, separator } = readQuantifier(cursor)
  const options: VariantOption[] = []
  for (;;) {
    const weightMatch = matchAt(weightPattern, cursor)
    const weight = weightMatch ? Number(weightMatch[1]) : 1
    options.push({ weight, body: parseSequence(cursor, depth) })
    const char = cursor.text[cursor.at]
    if (char === '|') {
      cursor.at += 1
      continue
    }
    if (char === '}') {
      cursor.at += 1
      return { kind: 'variant', options, min, max, separator, start, end: cursor.at }
    }
    throw new DynamicPromptError('unclosed_variant', 'A "{" is never closed by a "}".', start)
  }
}

/** Parses a template; throws DynamicPromptError with the offset of an unbalanced brace. */
export function parseTemplate(text: string): Sequence {
  const cursor: Cursor = { text, at: 0 }
  return parseSequence(cursor, 0)
}

/** True when the text uses dynamic syntax at all, i.e. expanding it could change it. */
export function hasDynamicSyntax(text: string): boolean {
  return /[{}]|__(?:[^\s{}|_]|_(?!_))+__|\\[{}|]/.test(text)
}
