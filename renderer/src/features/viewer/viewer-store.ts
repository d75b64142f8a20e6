import { create } from 'zustand'
import type { TaskRecord } from '#contract'
import type { CompareItem } from './param-diff'
import { placeInSequence, stepImage, stepTask, type ViewerPosition } from './viewer-nav'

interface ViewerState {
  /** The tasks the viewer walks (newest first); empty while closed. */
  readonly records: readonly TaskRecord[]
  /** Null while closed. */
  readonly position: ViewerPosition | null
  /** The result picked to compare with the next one picked (C in the viewer). */
  readonly compareMark: CompareItem | null
  /** Two results side by side; shown over everything while set. */
  readonly compare: { readonly a: CompareItem; readonly b: CompareItem } | null
  open(record: TaskRecord, imageIndex: number): void
  /** Places the opened task in a page of the history, so arrows go on through it. */
  setSequence(page: readonly TaskRecord[]): void
  step(delta: 1 | -1): void
  stepTask(delta: 1 | -1): void
  close(): void
  /** Marks the current result for comparison, or compares it with the one marked before. */
  markForCompare(): void
  openCompare(a: CompareItem, b: CompareItem): void
  closeCompare(): void
}

export const useViewerStore = create<ViewerState>()((set, get) => ({
  records: [],
  position: null,
  compareMark: null,
  compare: null,
  open: (record, imageIndex) => set({ records: [record], position: { taskIndex: 0, imageIndex } }),
  setSequence: (page) =>
    set((state) => {
      const current = state.position && state.records[state.position.taskIndex]
      if (!current || !state.position) return {}
      const placed = placeInSequence(page, current)
      return { records: placed.records, position: { ...state.position, taskIndex: placed.taskIndex } }
    }),
  step: (delta) =>
    set((state) =>
      state.position ? { position: stepImage(state.records, state.position, delta) ?? state.position } : {},
    ),
  stepTask: (delta) =>
    set((state) =>
      state.position ? { position: stepTask(state.records, state.position, delta) ?? state.position } : {},
    ),
  close: () => set({ records: [], position: null }),
  markForCompare: () => {
    const current = selectCurrent(get())
    if (!current) return
    const mark = get().compareMark
    if (mark && (mark.record.id !== current.record.id || mark.imageIndex !== current.imageIndex))
      set({ compare: { a: mark, b: current }, compareMark: null })
    else set({ compareMark: current })
  },
  openCompare: (a, b) => set({ compare: { a, b }, compareMark: null }),
  closeCompare: () => set({ compare: null }),
}))

/** The result on show, or null while closed. */
export function selectCurrent(state: Pick<ViewerState, 'records' | 'position'>): CompareItem | null {
  const { position } = state
  const record = position ? state.records[position.taskIndex] : undefined
  return record && position ? { record, imageIndex: position.imageIndex } : null
}

/** Opens the full-size viewer at one result: what every thumbnail does on click. */
export const openViewer = (record: TaskRecord, imageIndex: number) =>
  useViewerStore.getState().open(record, imageIndex)
