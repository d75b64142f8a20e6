import {
  AppError,
  presetLimits,
  type PromptStyle,
  type StyleDraft,
  type StylesImportSummary,
} from '#contract'
import { mergeStyles } from './library-transfer'
import type { Change, PresetsState } from './presets-file'
import { queryStyles } from './presets-query'
import { parseStylesCsv, stringifyStylesCsv } from './styles-csv'

export interface StyleOperationsDeps {
  /** Runs one change after the previous ones and saves it before answering. */
  readonly mutate: <T>(change: Change<T>) => Promise<T>
  readonly read: () => Promise<PresetsState>
  readonly clock: () => number
  readonly newId: () => string
  /** Keeps a deleted style so `restore` can bring it back. */
  readonly keepDeleted: (style: PromptStyle) => void
}

export interface StyleOperations {
  importStyles(csvText: string): Promise<StylesImportSummary>
  listStyles(text?: string): Promise<PromptStyle[]>
  createStyle(draft: StyleDraft): Promise<PromptStyle>
  /** Replaces name, prompt and negative prompt; the id and creation time stay. */
  updateStyle(id: string, draft: StyleDraft): Promise<PromptStyle>
  deleteStyle(id: string): Promise<void>
  exportStyles(): Promise<{ fileName: string; text: string }>
}

const notFound = (id: string) => new AppError('not_found', 'No style has that id.', { id })

const tooMany = () =>
  new AppError('invalid_request', 'The library would hold too many styles.', { reason: 'too_many' })

/** Names are unique, as in A1111's dictionary of styles; `except` is the style being renamed. */
function assertNameFree(styles: readonly PromptStyle[], name: string, except: string | null) {
  if (styles.some((style) => style.name === name && style.id !== except)) {
    throw new AppError('conflict', 'A style with that name already exists.', {
      reason: 'style_name_taken',
      field: 'name',
    })
  }
}

/** The prompt styles of the library: A1111 `styles.csv` in and out, and edits one at a time. */
export function createStyleOperations(deps: StyleOperationsDeps): StyleOperations {
  const withStyles = (current: PresetsState, styles: readonly PromptStyle[]): PresetsState => ({
    ...current,
    styles,
  })
  return {
    importStyles: async (csvText) => {
      // Parse before queueing: a bad file is rejected without touching anything.
      const parsed = parseStylesCsv(csvText)
      return deps.mutate((current) => {
        const options = { onConflict: 'replace', now: deps.clock(), newId: deps.newId } as const
        const merged = mergeStyles(current.styles, parsed.styles, options)
        if (merged.styles.length > presetLimits.stylesMax) throw tooMany()
        const result = { added: merged.added, replaced: merged.replaced, skipped: parsed.skipped }
        return { state: withStyles(current, merged.styles), result }
      })
    },
    listStyles: async (text) => queryStyles((await deps.read()).styles, text),
    createStyle: (draft) =>
      deps.mutate((current) => {
        if (current.styles.length >= presetLimits.stylesMax) throw tooMany()
        assertNameFree(current.styles, draft.name, null)
        const now = deps.clock()
        const style: PromptStyle = { ...draft, id: deps.newId(), createdAt: now, updatedAt: now }
        return { state: withStyles(current, [...current.styles, style]), result: style }
      }),
    updateStyle: (id, draft) =>
      deps.mutate((current) => {
        const existing = current.styles.find((style) => style.id === id)
        if (!existing) throw notFound(id)
        assertNameFree(current.styles, draft.name, id)
        const style: PromptStyle = { ...existing, ...draft, updatedAt: deps.clock() }
        const styles = current.styles.map((candidate) => (candidate.id === id ? style : candidate))
        return { state: withStyles(current, styles), result: style }
      }),
    deleteStyle: (id) =>
      deps.mutate((current) => {
        const style = current.styles.find((candidate) => candidate.id === id)
        if (!style) throw notFound(id)
        deps.keepDeleted(style)
        const styles = current.styles.filter((candidate) => candidate.id !== id)
        return { state: withStyles(current, styles), result: undefined }
      }),
    // In library order, which keeps the order of the styles.csv files they came from.
    exportStyles: async () => ({
      fileName: 'styles.csv',
      text: stringifyStylesCsv((await deps.read()).styles),
    }),
  }
}
