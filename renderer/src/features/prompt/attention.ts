import { finiteProduct, pythonFloat, pythonSpaceClass, pythonWordClass } from '#contract/infotext/python-text'

/**
 * Port of AUTOMATIC1111's `parse_prompt_attention` (modules/prompt_parser.py): the same token rules,
 * the same bracket stacks, the same order of multiplications (so weights are equal to the last bit),
 * and the same merge of equal neighbours. Written from its behaviour and doctests, not its code.
 *
 * Where A1111 raises, this returns instead (documented choices):
 * - `(a:1.2.3)`, `(a:.)`: Python's `float()` fails and the generation aborts. Here the bracket
 *   closes with multiplier 1.0 and the span is reported in `invalidWeights` for the editor to mark.
 * - A product that overflows to ±inf (thousands of nested brackets) stays at ±Number.MAX_VALUE.
 */

/** One piece of the prompt with the weight A1111 gives it; `from`/`to` are offsets in the source. */
export interface AttentionSegment {
  text: string
  weight: number
  from: number
  to: number
}

export const bracketEventKinds = [
  'open-round',
  'open-square',
  'close-round',
  'close-square',
  'close-weight',
] as const
export type BracketEventKind = (typeof bracketEventKinds)[number]

/** A bracket token; `matched` is false for an opener nobody closed and for a closer with no opener. */
export interface BracketEvent {
  kind: BracketEventKind
  from: number
  to: number
  matched: boolean
  /** For `close-weight`: where the number sits (`1.3` in `:1.3)`) and its value (NaN if invalid). */
  number?: { from: number; to: number; value: number }
}

export interface AttentionResult {
  /** Before the merge of equal neighbours: one entry per text token, escape or BREAK. */
  segments: AttentionSegment[]
  brackets: BracketEvent[]
}

export const roundMultiplier = 1.1
export const squareMultiplier = 1 / 1.1

const space = `[${pythonSpaceClass}]`
/** The closing `:1.3)` token, tried at a `:`; the weight group as A1111 captures it. */
const weightClose = new RegExp(`:${space}*([+-]?[.\\p{Nd}]+)${space}*\\)`, 'uy')
const breakPattern = new RegExp(
  `${space}*(?<![${pythonWordClass}])BREAK(?![${pythonWordClass}])${space}*`,
  'gu',
)
const escapable = new Set(['(', ')', '[', ']', '\\'])
/** Characters that end a text token: \\ ( ) [ ] : */
const isSpecial = (code: number) =>
  code === 92 || code === 40 || code === 41 || code === 91 || code === 93 || code === 58

interface ScanState {
  text: string
  /** Where the scanned range ends. */
  end: number
  segments: AttentionSegment[]
  brackets: BracketEvent[]
  round: Array<{ segment: number; event: number }>
  square: Array<{ segment: number; event: number }>
}

function multiplyFrom(state: ScanState, start: number, multiplier: number): void {
  const { segments } = state
  for (let index = start; index < segments.length; index += 1) {
    const segment = segments[index] as AttentionSegment
    segment.weight = finiteProduct(segment.weight, multiplier)
  }
}

/** Plain text is split on BREAK exactly as `re.split(re_break, text)` would split it. */
function pushText(state: ScanState, from: number, to: number): void {
  const chunk = state.text.slice(from, to)
  if (!chunk.includes('BREAK')) {
    state.segments.push({ text: chunk, weight: 1, from, to })
    return
  }
  let last = 0
  for (const match of chunk.matchAll(breakPattern)) {
    state.segments.push({
      text: chunk.slice(last, match.index),
      weight: 1,
      from: from + last,
      to: from + match.index,
    })
    const end = match.index + match[0].length
    state.segments.push({ text: 'BREAK', weight: -1, from: from + match.index, to: from + end })
    last = end
  }
  state.segments.push({ text: chunk.slice(last), weight: 1, from: from + last, to })
}

function closeWeighted(state: ScanState, at: number, match: RegExpExecArray): void {
  const token = match[0]
  const numberText = match[1] ?? ''
  const numberFrom = at + token.indexOf(numberText, 1)
  const value = pythonFloat(numberText)
  const opener = state.round.pop()
  if (opener === undefined) {
    state.brackets.push({
      kind: 'close-weight',
      from: at + token.length - 1,
      to: at + token.length,
      matched: false,
    })
    pushText(state, at, at + token.length)
    return
  }
  multiplyFrom(state, opener.segment, Number.isNaN(value) ? 1 : value)
  ;(state.brackets[opener.event] as BracketEvent).matched = true
  state.brackets.push({
    kind: 'close-weight',
    from: at,
    to: at + token.length,
    matched: true,
    number: { from: numberFrom, to: numberFrom + numberText.length, value },
  })
}

function closeBracket(state: ScanState, at: number, kind: 'close-round' | 'close-square'): void {
  const stack = kind === 'close-round' ? state.round : state.square
  const opener = stack.pop()
  if (opener === undefined) {
    state.brackets.push({ kind, from: at, to: at + 1, matched: false })
    pushText(state, at, at + 1)
    return
  }
  multiplyFrom(state, opener.segment, kind === 'close-round' ? roundMultiplier : squareMultiplier)
  ;(state.brackets[opener.event] as BracketEvent).matched = true
  state.brackets.push({ kind, from: at, to: at + 1, matched: true })
}

function openBracket(state: ScanState, at: number, kind: 'open-round' | 'open-square'): void {
  const stack = kind === 'open-round' ? state.round : state.square
  stack.push({ segment: state.segments.length, event: state.brackets.length })
  state.brackets.push({ kind, from: at, to: at + 1, matched: false })
}

/** Handles the token at `at`; returns where the next one starts. */
function scanToken(state: ScanState, at: number, isSkipped: (index: number) => boolean): number {
  const { text } = state
  const char = text[at] as string
  if (char === '\\') {
    const next = text[at + 1]
    const escapes = next !== undefined && escapable.has(next) && at + 1 < state.end && !isSkipped(at + 1)
    const length = escapes ? 2 : 1
    state.segments.push({ text: text.slice(at + 1, at + length), weight: 1, from: at, to: at + length })
    return at + length
  }
  if (char === '(') openBracket(state, at, 'open-round')
  else if (char === '[') openBracket(state, at, 'open-square')
  else if (char === ')') closeBracket(state, at, 'close-round')
  else if (char === ']') closeBracket(state, at, 'close-square')
  else if (char === ':') {
    weightClose.lastIndex = at
    const match = weightClose.exec(text)
    const matchEnd = match === null ? at : at + match[0].length
    if (match !== null && matchEnd <= state.end && !spansSkipped(at, matchEnd, isSkipped)) {
      closeWeighted(state, at, match)
      return at + match[0].length
    }
    pushText(state, at, at + 1)
  } else {
    let end = at + 1
    while (end < state.end && !isSpecial(text.charCodeAt(end)) && !isSkipped(end)) end += 1
    pushText(state, at, end)
    return end
  }
  return at + 1
}

function spansSkipped(from: number, to: number, isSkipped: (index: number) => boolean): boolean {
  for (let index = from; index < to; index += 1) if (isSkipped(index)) return true
  return false
}

const nothingSkipped = () => false

/**
 * Scans `text` as A1111 does, or only `text[from, to)` (one sub-prompt: brackets never pair across
 * an AND). `isSkipped` marks characters that take no part (the editor passes comments, network tags
 * and the brackets, colons, bars and step numbers of `[from:to:when]` and `[a|b]`, which A1111
 * removes before it weighs the text); they end a text token and are otherwise ignored.
 */
export function scanAttention(
  text: string,
  isSkipped: (index: number) => boolean = nothingSkipped,
  from = 0,
  to = text.length,
): AttentionResult {
  const state: ScanState = { text, end: to, segments: [], brackets: [], round: [], square: [] }
  let at = from
  while (at < to) {
    at = isSkipped(at) ? at + 1 : scanToken(state, at, isSkipped)
  }
  // What is left open multiplies to the end: all round brackets first, then the square ones.
  for (const opener of state.round) multiplyFrom(state, opener.segment, roundMultiplier)
  for (const opener of state.square) multiplyFrom(state, opener.segment, squareMultiplier)
  return { segments: state.segments, brackets: state.brackets }
}

/**
 * `parse_prompt_attention(text)`: pairs of text and weight, equal neighbours merged, `["BREAK", -1]`
 * for a BREAK outside brackets, `[["", 1]]` for an empty prompt. Never throws.
 */
export function parseAttention(text: string): Array<[string, number]> {
  const { segments } = scanAttention(text)
  const pairs: Array<[string, number]> = []
  for (const segment of segments) {
    const last = pairs[pairs.length - 1]
    if (last !== undefined && last[1] === segment.weight) last[0] += segment.text
    else pairs.push([segment.text, segment.weight])
  }
  return pairs.length === 0 ? [['', 1]] : pairs
}
