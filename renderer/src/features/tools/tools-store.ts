import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import { toolIds, toolRegistry, undocumentedTools, type ToolId } from '#contract'
import type { CustomDraft } from './custom/custom-draft'
import { initialValues, type FieldIssue, type FieldValue, type FormValues } from './form/field-values'

/** What the Tools screen shows: a documented tool's form, or a custom request (an undocumented tool or a saved one). */
export type ToolChoice =
  { readonly kind: 'tool'; readonly toolId: ToolId } | { readonly kind: 'custom'; readonly id: string }

/** A run started from the screen: its task, and the form as it was sent (the images a result refers to). */
export interface ToolRun {
  readonly taskId: string
  readonly form: FormValues
}

interface ToolsState {
  readonly choice: ToolChoice
  /** Each tool keeps its own form while the user looks at another one. */
  readonly forms: Readonly<Partial<Record<ToolId, FormValues>>>
  readonly issues: Readonly<Partial<Record<ToolId, Readonly<Record<string, FieldIssue>>>>>
  readonly runs: Readonly<Partial<Record<ToolId, ToolRun>>>
  /** Custom requests being written, by choice id (an undocumented tool's id, or `saved:<name>`). */
  readonly customDrafts: Readonly<Record<string, CustomDraft>>
  setCustomDraft(id: string, draft: CustomDraft): void
  choose(choice: ToolChoice): void
  setField(toolId: ToolId, name: string, value: FieldValue): void
  /** Opens a tool with some fields filled (an image from elsewhere, a face number), keeping the rest. */
  openTool(toolId: ToolId, values: FormValues): void
  setIssues(toolId: ToolId, issues: Readonly<Record<string, FieldIssue>>): void
  setRun(toolId: ToolId, run: ToolRun | null): void
}

// One object per tool, so a selector reading an untouched form answers the same value each time.
const firstForms = new Map<ToolId, FormValues>()

/** The form of `toolId` as it is now, or its first values. */
export function formOf(state: Pick<ToolsState, 'forms'>, toolId: ToolId): FormValues {
  const form = state.forms[toolId]
  if (form) return form
  const first = firstForms.get(toolId) ?? initialValues(toolRegistry[toolId].fields)
  firstForms.set(toolId, first)
  return first
}

/** Prompt expansion's `mode` field (§13: 0 = SD, 1 = SDXL): its options and labels come from the row. */
export const expandModeField = (() => {
  const field = toolRegistry.promptExpand.fields.find((candidate) => candidate.name === 'mode')
  if (field?.type !== 'enum') throw new Error('the prompt expansion row has no mode choice')
  return field
})()

/** The expansion mode as the form holds it (text), shared by the Tools form and the workbench popover. */
export const selectExpandMode = (state: Pick<ToolsState, 'forms'>): string => {
  const mode = formOf(state, 'promptExpand').mode
  return typeof mode === 'string' ? mode : String(expandModeField.default)
}

/** The mode's API value (a number), the row's default when the text names no option. */
export const expandModeValue = (mode: string) =>
  expandModeField.options.find((option) => String(option.value) === mode)?.value ?? expandModeField.default

/** What survives a restart: only the expansion mode (the rest are drafts of one session). */
interface PersistedTools {
  readonly expandMode?: unknown
}

/**
 * The Tools screen's UI state: which tool is open, every tool's form draft and its latest run. The
 * tasks themselves live in main (history); this only remembers which one a form started. The
 * prompt expansion mode is remembered across restarts, wherever it was last chosen.
 */
export const useToolsStore = create<ToolsState>()(
  persist(
    (set) => ({
      choice: { kind: 'tool', toolId: toolIds[0] },
      forms: {},
      issues: {},
      runs: {},
      customDrafts: {},
      setCustomDraft: (id, draft) =>
        set((state) => ({ customDrafts: { ...state.customDrafts, [id]: draft } })),
      choose: (choice) => set({ choice }),
      setField: (toolId, name, value) =>
        set((state) => {
          const { [name]: _fixed, ...issues } = state.issues[toolId] ?? {}
          return {
            forms: { ...state.forms, [toolId]: { ...formOf(state, toolId), [name]: value } },
            issues: { ...state.issues, [toolId]: issues },
          }
        }),
      openTool: (toolId, values) =>
        set((state) => ({
          choice: { kind: 'tool', toolId },
          forms: { ...state.forms, [toolId]: { ...formOf(state, toolId), ...values } },
          issues: { ...state.issues, [toolId]: {} },
        })),
      setIssues: (toolId, issues) => set((state) => ({ issues: { ...state.issues, [toolId]: issues } })),
      setRun: (toolId, run) =>
        set((state) => {
          const { [toolId]: _old, ...runs } = state.runs
          return { runs: run === null ? runs : { ...runs, [toolId]: run } }
        }),
    }),
    {
      name: 'img-open.tools',
      version: 1,
      partialize: (state): PersistedTools => ({ expandMode: selectExpandMode(state) }),
      merge: (persisted, current) => {
        const mode = (persisted as PersistedTools | undefined)?.expandMode
        const known = expandModeField.options.some((option) => String(option.value) === mode)
        if (typeof mode !== 'string' || !known) return current
        const form = { ...formOf(current, 'promptExpand'), mode }
        return { ...current, forms: { ...current.forms, promptExpand: form } }
      },
    },
  ),
)

export const selectChoice = (state: ToolsState) => state.choice

/** The undocumented tool of a custom choice, when it is one (else a saved custom tool). */
export const undocumentedToolOf = (id: string) => undocumentedTools.find((tool) => tool.id === id) ?? null
