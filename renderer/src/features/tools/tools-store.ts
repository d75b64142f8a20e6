import { create } from 'zustand'
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

/**
 * The Tools screen's UI state: which tool is open, every tool's form draft and its latest run. The
 * tasks themselves live in main (history); this only remembers which one a form started.
 */
export const useToolsStore = create<ToolsState>()((set) => ({
  choice: { kind: 'tool', toolId: toolIds[0] },
  forms: {},
  issues: {},
  runs: {},
  customDrafts: {},
  setCustomDraft: (id, draft) => set((state) => ({ customDrafts: { ...state.customDrafts, [id]: draft } })),
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
}))

export const selectChoice = (state: ToolsState) => state.choice

/** The undocumented tool of a custom choice, when it is one (else a saved custom tool). */
export const undocumentedToolOf = (id: string) => undocumentedTools.find((tool) => tool.id === id) ?? null
