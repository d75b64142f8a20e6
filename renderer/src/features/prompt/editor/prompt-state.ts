import { Facet, StateField, type EditorState, type Extension } from '@codemirror/state'
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view'
import { analyzePrompt, type PromptAnalysis, type PromptTokenKind } from '../tokenize'
import { dynamicPromptSyntax, withoutDynamicSyntax } from './dynamic-syntax'

/** What the editor can complete and recognise: LoRA names and embedding names. */
export interface PromptCompletions {
  loras: readonly string[]
  embeddings: readonly string[]
  /** Dynamic-prompts wildcard names (`dir/name`), completed after `__`; absent when dynamic prompts are off. */
  wildcards?: readonly string[]
}

interface CompletionConfig extends PromptCompletions {
  /** Lower-cased, as the analysis compares them. */
  embeddingSet: ReadonlySet<string>
}

const noCompletions: CompletionConfig = { loras: [], embeddings: [], embeddingSet: new Set() }

export const promptCompletions = Facet.define<PromptCompletions, CompletionConfig>({
  combine: (values) => {
    const last = values[values.length - 1]
    if (last === undefined) return noCompletions
    return { ...last, embeddingSet: new Set(last.embeddings.map((name) => name.toLowerCase())) }
  },
})

/** Translates tooltip messages; the React component provides i18next's `t`. */
export type PromptTranslate = (key: string, values?: Record<string, string | number>) => string

export const promptTranslate = Facet.define<PromptTranslate, PromptTranslate>({
  combine: (values) => values[values.length - 1] ?? ((key) => key),
})

/** True in a negative prompt's editor: A1111 splits only the positive prompt on AND. */
export const negativePrompt = Facet.define<boolean, boolean>({
  combine: (values) => values.some((value) => value),
})

const analyze = (state: EditorState): PromptAnalysis =>
  analyzePrompt(
    state.facet(dynamicPromptSyntax) ? withoutDynamicSyntax(state.doc.toString()) : state.doc.toString(),
    {
      embeddings: state.facet(promptCompletions).embeddingSet,
      composable: !state.facet(negativePrompt),
    },
  )

/** The analysis of the current text, redone when the text, the embedding list or the prompt's role changes. */
export const promptAnalysis = StateField.define<PromptAnalysis>({
  create: analyze,
  update: (value, { docChanged, startState, state }) =>
    docChanged ||
    startState.facet(promptCompletions) !== state.facet(promptCompletions) ||
    startState.facet(negativePrompt) !== state.facet(negativePrompt) ||
    startState.facet(dynamicPromptSyntax) !== state.facet(dynamicPromptSyntax)
      ? analyze(state)
      : value,
})

const markCache = new Map<PromptTokenKind, Decoration>()
const markFor = (kind: PromptTokenKind): Decoration => {
  let mark = markCache.get(kind)
  if (mark === undefined) {
    mark = Decoration.mark({ class: `cm-prompt-${kind}` })
    markCache.set(kind, mark)
  }
  return mark
}

function buildDecorations(analysis: PromptAnalysis): DecorationSet {
  const ranges = []
  for (const token of analysis.tokens) {
    if (token.to > token.from) ranges.push(markFor(token.kind).range(token.from, token.to))
  }
  return Decoration.set(ranges, true)
}

const promptDecorations = StateField.define<DecorationSet>({
  create: (state) => buildDecorations(state.field(promptAnalysis)),
  update: (value, transaction) => {
    const analysis = transaction.state.field(promptAnalysis)
    return analysis === transaction.startState.field(promptAnalysis, false)
      ? value
      : buildDecorations(analysis)
  },
  provide: (field) => EditorView.decorations.from(field),
})

export const promptLanguage: Extension = [promptAnalysis, promptDecorations]
