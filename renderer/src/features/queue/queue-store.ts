import { create } from 'zustand'
import type { QueueItem } from '#contract'

export interface QueueCountsView {
  readonly waiting: number
  readonly running: number
  readonly limit: number
  readonly paused: boolean
}

/**
 * The active profile's queue as the panel last read it, and the panel's UI state. `items` is a
 * window of the queue (`offset` on, of `total`): a queue of 1,000 items is read a few hundred
 * rows around what is on screen at a time, not whole at each change.
 */
export interface QueueState {
  readonly open: boolean
  readonly profileId: string | null
  readonly items: readonly QueueItem[]
  readonly offset: number
  readonly total: number
  /** The rows on screen (start inclusive, end exclusive), so the window read covers them. */
  readonly range: { readonly start: number; readonly end: number }
  readonly waiting: number
  readonly running: number
  readonly limit: number
  readonly paused: boolean
  /** The revision the items were read at; a `queue.changed` with another one means read again. */
  readonly revision: number
  readonly selected: ReadonlySet<string>
  /** The row the keyboard is on (an item id). */
  readonly focusedId: string | null
  setOpen(open: boolean): void
  setList(
    list: QueueCountsView & {
      profileId: string
      items: readonly QueueItem[]
      total: number
      revision: number
    },
    offset: number,
  ): void
  /** The counts a `queue.changed` carries: the badge follows without reading the list. */
  setCounts(counts: QueueCountsView): void
  setRange(start: number, end: number): void
  select(id: string, mode: 'only' | 'toggle'): void
  focus(id: string | null): void
}

export const useQueueStore = create<QueueState>()((set) => ({
  open: false,
  profileId: null,
  items: [],
  offset: 0,
  total: 0,
  range: { start: 0, end: 0 },
  waiting: 0,
  running: 0,
  limit: 2,
  paused: false,
  revision: -1,
  selected: new Set(),
  focusedId: null,
  setOpen: (open) => set({ open }),
  setList: (list, offset) =>
    set((state) => {
      // Items that left the window (sent, removed, scrolled far) leave the selection too.
      const ids = new Set(list.items.map((item) => item.id))
      const selected = new Set([...state.selected].filter((id) => ids.has(id)))
      const focusedId = state.focusedId && ids.has(state.focusedId) ? state.focusedId : null
      return { ...list, offset, selected, focusedId }
    }),
  setCounts: (counts) => set(counts),
  setRange: (start, end) =>
    set((state) => (state.range.start === start && state.range.end === end ? {} : { range: { start, end } })),
  select: (id, mode) =>
    set((state) => {
      if (mode === 'only') return { selected: new Set([id]), focusedId: id }
      const selected = new Set(state.selected)
      if (selected.has(id)) selected.delete(id)
      else selected.add(id)
      return { selected, focusedId: id }
    }),
  focus: (focusedId) => set({ focusedId }),
}))
