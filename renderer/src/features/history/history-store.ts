import { create } from 'zustand'
import type { ErrorShape, HistoryQueryInput, HistorySortKey, TaskKind, TaskStatus } from '#contract'
import { BridgeError } from '../../bridge'

export const historyViews = ['list', 'grid'] as const
export type HistoryView = (typeof historyViews)[number]

/** What the user filters by; empty strings mean "any". Dates are `yyyy-mm-dd` in local time. */
export interface HistoryFilters {
  readonly text: string
  readonly checkpoint: string
  readonly vae: string
  readonly status: TaskStatus | ''
  /** The workbench mode the tasks were made in. */
  readonly kind: TaskKind | ''
  readonly profileId: string
  readonly from: string
  readonly to: string
  readonly sort: HistorySortKey
  readonly direction: 'asc' | 'desc'
}

export const emptyFilters: HistoryFilters = {
  text: '',
  checkpoint: '',
  vae: '',
  status: '',
  kind: '',
  profileId: '',
  from: '',
  to: '',
  sort: 'createdAt',
  direction: 'desc',
}

/**
 * Which tasks are selected. `all` means every task the filters match except `ids`, so Ctrl+A over
 * 100,000 tasks costs nothing until an action needs the ids; otherwise `ids` are the selected ones.
 */
export interface Selection {
  readonly all: boolean
  readonly ids: ReadonlySet<string>
}

/** Something the screen tells the user; `key` and `values` are localised when shown. */
export interface Notice {
  readonly tone: 'info' | 'error'
  readonly key: string
  readonly values?: Readonly<Record<string, string | number>>
  readonly error?: ErrorShape
}

/** A delete waiting for confirmation: given `ids`, or the selection when absent. */
export type HistoryDialog =
  | { readonly kind: 'delete'; readonly count: number; readonly ids?: readonly string[] }
  | { readonly kind: 'lookup' }
  | null

interface HistoryState {
  readonly filters: HistoryFilters
  readonly view: HistoryView
  readonly selection: Selection
  /** The keyboard cursor (an index into the filtered list) and the Shift-range anchor. */
  readonly focus: number
  readonly anchor: number
  /** The task the detail panel shows; null when the panel is closed. */
  readonly detailId: string | null
  readonly dialog: HistoryDialog
  readonly notice: Notice | null
  readonly busy: boolean
  setFilters(patch: Partial<HistoryFilters>): void
  resetFilters(): void
  setView(view: HistoryView): void
  setSelection(selection: Selection, focus?: number, anchor?: number): void
  setFocus(focus: number): void
  openDetail(id: string | null): void
  setDialog(dialog: HistoryDialog): void
  setNotice(notice: Notice | null): void
  setBusy(busy: boolean): void
}

export const noSelection: Selection = { all: false, ids: new Set() }

/** UI state of the history screen; the tasks themselves stay in main and come in pages. */
export const useHistoryStore = create<HistoryState>()((set) => ({
  filters: emptyFilters,
  view: 'list',
  selection: noSelection,
  focus: 0,
  anchor: 0,
  detailId: null,
  dialog: null,
  notice: null,
  busy: false,
  // Other filters are other tasks: the selection and the cursor no longer point anywhere.
  setFilters: (patch) =>
    set((state) => ({
      filters: { ...state.filters, ...patch },
      selection: noSelection,
      focus: 0,
      anchor: 0,
    })),
  resetFilters: () => set({ filters: emptyFilters, selection: noSelection, focus: 0, anchor: 0 }),
  setView: (view) => set({ view }),
  setSelection: (selection, focus, anchor) =>
    set((state) => ({ selection, focus: focus ?? state.focus, anchor: anchor ?? focus ?? state.anchor })),
  setFocus: (focus) => set({ focus }),
  openDetail: (detailId) => set({ detailId }),
  setDialog: (dialog) => set({ dialog }),
  setNotice: (notice) => set({ notice }),
  setBusy: (busy) => set({ busy }),
}))

export const selectFilters = (state: HistoryState) => state.filters
export const selectView = (state: HistoryState) => state.view
export const selectSelection = (state: HistoryState) => state.selection
export const selectFocus = (state: HistoryState) => state.focus
export const selectDetailId = (state: HistoryState) => state.detailId
export const selectDialog = (state: HistoryState) => state.dialog
export const selectNotice = (state: HistoryState) => state.notice
export const selectBusy = (state: HistoryState) => state.busy

export const isSelected = (selection: Selection, id: string) => selection.all !== selection.ids.has(id)

/** How many tasks are selected out of `total` matching the filters. */
export const selectedCount = (selection: Selection, total: number) =>
  selection.all ? Math.max(0, total - selection.ids.size) : selection.ids.size

const dayStart = (text: string) => new Date(`${text}T00:00:00`).getTime()

/** The `history.list` query for the filters (without paging): empty filters are left out. */
export function toQuery(filters: HistoryFilters): HistoryQueryInput {
  const from = filters.from === '' ? Number.NaN : dayStart(filters.from)
  // The end day counts whole: up to the last millisecond before the next day starts.
  const to = filters.to === '' ? Number.NaN : dayStart(filters.to) + 24 * 60 * 60 * 1000 - 1
  return {
    sort: filters.sort,
    direction: filters.direction,
    ...(filters.text.trim() === '' ? {} : { text: filters.text.trim() }),
    ...(filters.checkpoint === '' ? {} : { checkpoint: filters.checkpoint }),
    ...(filters.vae === '' ? {} : { vae: filters.vae }),
    ...(filters.status === '' ? {} : { status: [filters.status] }),
    ...(filters.kind === '' ? {} : { kind: [filters.kind] }),
    ...(filters.profileId === '' ? {} : { profileId: filters.profileId }),
    ...(Number.isFinite(from) && from >= 0 ? { from } : {}),
    ...(Number.isFinite(to) && to >= 0 ? { to } : {}),
  }
}

export const toErrorShape = (error: unknown): ErrorShape =>
  error instanceof BridgeError ? error.shape : { code: 'internal', message: String(error) }
