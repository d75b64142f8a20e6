/**
 * Ctrl/Cmd+ArrowUp/Down on a prompt, as AUTOMATIC1111's javascript/edit-attention.js does it with
 * its default settings (0.1 steps for `(text:w)`, 0.05 for `<lora:name:w>`, its word delimiters).
 * Re-implemented from that script's behaviour so the same keys give the same text here:
 *
 * - with no selection it takes the enclosing `<…>`, else `(…)`, else `[…]`, else the word at the
 *   caret; inside a bracket that already has `:number` it takes the part before the last colon;
 * - a bare word or selection becomes `(word:1.1)` (or `:0.9`), trailing spaces left outside;
 * - `((word))` and `[word]` are first converted to `(word:w)` with w rounded to 0.1;
 * - an existing weight moves by the step; `(word:1.0)` loses its brackets.
 *
 * Returns the new text and selection. When A1111 would leave the text alone it does too, but keeps
 * the selection A1111 makes on the way (the word or bracket content).
 */
export interface WeightEdit {
  text: string
  selectionFrom: number
  selectionTo: number
}

export const attentionStep = 0.1
export const extraNetworkStep = 0.05
/** A1111's default `keyedit_delimiters` plus its default whitespace delimiters (tab, CR, LF). */
const wordDelimiters = '.,\\/!?%^*;:{}=`~() \t\r\n'
const weightInside = /.*:-?[\d.]+/s

interface Selection {
  from: number
  to: number
}

/** The text between OPEN and CLOSE around a caret, as A1111 picks it; null if the caret is not in one. */
function bracketContent(text: string, caret: number, open: string, close: string): Selection | null {
  const before = text.slice(0, caret)
  const openAt = before.lastIndexOf(open)
  if (openAt === -1) return null
  const closeBefore = before.lastIndexOf(close)
  if (closeBefore !== -1 && closeBefore > openAt) return null
  const after = text.slice(caret)
  const closeAfter = after.indexOf(close)
  if (closeAfter === -1) return null
  const openAfter = after.indexOf(open)
  if (openAfter !== -1 && openAfter < closeAfter) return null
  const content = text.slice(openAt + 1, caret + closeAfter)
  const from = openAt + 1
  return weightInside.test(content)
    ? { from, to: from + content.lastIndexOf(':') }
    : { from, to: from + content.length }
}

function wordAt(text: string, caret: number): Selection {
  let from = caret
  let to = caret
  while (from > 0 && !wordDelimiters.includes(text[from - 1] as string)) from -= 1
  while (to < text.length && !wordDelimiters.includes(text[to] as string)) to += 1
  while (text[from] === ' ' && from < to) from += 1
  while (text[to - 1] === ' ' && to > from) to -= 1
  return { from, to }
}

function initialSelection(text: string, from: number, to: number): Selection {
  if (from !== to) return { from, to }
  return (
    bracketContent(text, from, '<', '>') ??
    bracketContent(text, from, '(', ')') ??
    bracketContent(text, from, '[', ']') ??
    wordAt(text, from)
  )
}

interface Prepared {
  text: string
  selection: Selection
  close: ')' | '>'
  step: number
}

/** Brings the selection into the `(text:w)` shape A1111 edits; null when it gives up. */
function prepare(text: string, selection: Selection): Prepared | null {
  const start = selection.from > 0 ? text[selection.from - 1] : ''
  const end = text[selection.to]
  if (start === '<') return { text, selection, close: '>', step: extraNetworkStep }
  if ((start === '(' && end === ')') || (start === '[' && end === ']')) {
    let depth = 0
    while (text[selection.from - depth - 1] === start && text[selection.to + depth] === end) depth += 1
    const exact = start === '[' ? (1 / 1.1) ** depth : 1.1 ** depth
    const weight = Math.round(exact / attentionStep) * attentionStep
    const inner = text.slice(selection.from, selection.to)
    const converted = `${text.slice(0, selection.from - depth)}(${inner}:${weight})${text.slice(selection.to + depth)}`
    const shift = depth - 1
    return {
      text: converted,
      selection: { from: selection.from - shift, to: selection.to - shift },
      close: ')',
      step: attentionStep,
    }
  }
  if (start === '(') return { text, selection, close: ')', step: attentionStep }
  let to = selection.to
  while (to > selection.from && text[to - 1] === ' ') to -= 1
  if (to === selection.from) return null
  const wrapped = `${text.slice(0, selection.from)}(${text.slice(selection.from, to)}:1.0)${text.slice(to)}`
  return {
    text: wrapped,
    selection: { from: selection.from + 1, to: to + 1 },
    close: ')',
    step: attentionStep,
  }
}

export function adjustWeight(
  text: string,
  selectionFrom: number,
  selectionTo: number,
  direction: 1 | -1,
): WeightEdit {
  const from = Math.max(0, Math.min(selectionFrom, selectionTo, text.length))
  const to = Math.min(text.length, Math.max(selectionFrom, selectionTo, 0))
  const selected = initialSelection(text, from, to)
  const unchanged: WeightEdit = { text, selectionFrom: selected.from, selectionTo: selected.to }
  const prepared = prepare(text, selected)
  if (prepared === null) return unchanged
  const { selection, close, step } = prepared
  const edited = prepared.text
  if (edited[selection.to] !== ':') return unchanged
  const weightLength = edited.slice(selection.to + 1).indexOf(close) + 1
  const parsed = Number.parseFloat(edited.slice(selection.to + 1, selection.to + weightLength))
  if (Number.isNaN(parsed)) return unchanged
  const weight = Number.parseFloat((parsed + direction * step).toPrecision(12))
  if (close === ')' && weight === 1) {
    const closeAt = edited.slice(selection.to).indexOf(')')
    const unwrapped =
      edited.slice(0, selection.from - 1) +
      edited.slice(selection.from, selection.to) +
      edited.slice(selection.to + closeAt + 1)
    return { text: unwrapped, selectionFrom: selection.from - 1, selectionTo: selection.to - 1 }
  }
  const written = Number.isInteger(weight) ? `${weight}.0` : String(weight)
  return {
    text: edited.slice(0, selection.to + 1) + written + edited.slice(selection.to + weightLength),
    selectionFrom: selection.from,
    selectionTo: selection.to,
  }
}
