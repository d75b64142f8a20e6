import { Facet, StateField, type EditorState, type Extension } from '@codemirror/state'
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view'

/*
 * Dynamic-prompts syntax on top of the A1111 highlighting, when dynamic prompts are on: `{ | }`
 * of variants, `2$$` and `0.5::` prefixes, and `__wildcard__` names. A tolerant scan (a half-typed
 * template is the normal case while typing); main's parser is what reports errors.
 */

/** On while the Dynamic prompts control is not off. */
export const dynamicPromptSyntax = Facet.define<boolean, boolean>({
  combine: (values) => values.some((value) => value),
})

const marks = {
  brace: Decoration.mark({ class: 'cm-dynamic-brace' }),
  bar: Decoration.mark({ class: 'cm-dynamic-bar' }),
  prefix: Decoration.mark({ class: 'cm-dynamic-prefix' }),
  wildcard: Decoration.mark({ class: 'cm-dynamic-wildcard' }),
} as const

const wildcardPattern = /__(?:[^\s{}|_]|_(?!_))+__/g
const prefixPattern = /^\s*(?:\d*\s*-?\s*\d*\s*\$\$(?:[^|{}$]*\$\$)?)?\s*(?:(?:\d+(?:\.\d*)?|\.\d+)\s*::)?/

interface Span {
  readonly from: number
  readonly to: number
  readonly kind: keyof typeof marks
}

/** Spans of dynamic syntax in `text`, in document order. */
export function dynamicSpans(text: string): Span[] {
  const spans: Span[] = []
  // Per open variant: the A1111 bracket depth inside it, so `[a|b]` bars stay A1111's.
  const open: number[] = []
  const prefixAt = (at: number) => {
    const length = prefixPattern.exec(text.slice(at, at + 40))?.[0].trimEnd().length ?? 0
    if (length > 0) spans.push({ from: at, to: at + length, kind: 'prefix' })
  }
  for (let at = 0; at < text.length; at += 1) {
    const char = text[at]
    if (char === '\\') at += 1
    else if (char === '{') {
      spans.push({ from: at, to: at + 1, kind: 'brace' })
      open.push(0)
      prefixAt(at + 1)
    } else if (char === '}' && open.length > 0) {
      open.pop()
      spans.push({ from: at, to: at + 1, kind: 'brace' })
    } else if (open.length > 0 && char === '[') open[open.length - 1] = (open.at(-1) ?? 0) + 1
    else if (open.length > 0 && char === ']') open[open.length - 1] = Math.max(0, (open.at(-1) ?? 0) - 1)
    else if (char === '|' && open.at(-1) === 0) {
      spans.push({ from: at, to: at + 1, kind: 'bar' })
      prefixAt(at + 1)
    }
  }
  for (const match of text.matchAll(wildcardPattern))
    spans.push({ from: match.index, to: match.index + match[0].length, kind: 'wildcard' })
  return spans.sort((a, b) => a.from - b.from)
}

/**
 * The text A1111 will see once the template is expanded, near enough for its highlighting: the
 * variant braces, bars and prefixes become spaces (offsets kept), so a variant's `|` is not
 * flagged as a stray A1111 bar. Wildcard names stay.
 */
export function withoutDynamicSyntax(text: string): string {
  const chars = [...text.split('')]
  for (const span of dynamicSpans(text)) {
    if (span.kind === 'wildcard') continue
    for (let at = span.from; at < span.to; at += 1) chars[at] = ' '
  }
  return chars.join('')
}

function build(state: EditorState): DecorationSet {
  if (!state.facet(dynamicPromptSyntax)) return Decoration.none
  const spans = dynamicSpans(state.doc.toString())
  return Decoration.set(
    spans.map((span) => marks[span.kind].range(span.from, span.to)),
    true,
  )
}

const decorations = StateField.define<DecorationSet>({
  create: build,
  update: (value, { docChanged, startState, state }) =>
    docChanged || startState.facet(dynamicPromptSyntax) !== state.facet(dynamicPromptSyntax)
      ? build(state)
      : value,
  provide: (field) => EditorView.decorations.from(field),
})

const theme = EditorView.baseTheme({
  '.cm-dynamic-brace, .cm-dynamic-bar': { color: '#b45309', fontWeight: '600' },
  '.cm-dynamic-prefix': { color: '#7c3aed' },
  '.cm-dynamic-wildcard': { color: '#0f766e', textDecoration: 'underline dotted' },
})

export const dynamicSyntax: Extension = [decorations, theme]
