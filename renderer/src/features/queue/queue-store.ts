import { create } from 'zustand'
import type { QueueItem } from '#contract'

/** The active profile's queue as the panel last read it (`queue.list`), and the panel's UI state. */
export interface QueueState {
  readonly open: boolean
  readonly items: readonly QueueItem[]
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
  setList(list: {
    items: readonly QueueItem[]
    waiting: number
    running: number
    limit: number
    paused: boolean
    revision: number
  }): void
  select(id: string, mode: 'only' | 'toggle'): void
  focus(id: string | null): void
}

export const useQueueStore = create<QueueState>()((set) => ({
  open: false,
  items: [],
  waiting: 0,
  running: 0,
  limit: 2,
  paused: false,
  revision: -1,
  selected: new Set(),
  focusedId: null,
  setOpen: (open) => set({ open }),
  setList: (list) =>
    set((state) => {
      // Items that left the queue (sent, removed) leave the selection too.
      const ids = new Set(list.items.map((item) => item.id))
      const selected = new Set([...state.selected].filter((id) => ids.has(id)))
      const focusedId = state.focusedId && ids.has(state.focusedId) ? state.focusedId : null
      return { ...list, selected, focusedId }
    }),
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
