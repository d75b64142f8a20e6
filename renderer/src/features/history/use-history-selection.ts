import { useMemo } from 'react'
import { historyLimits } from '#contract'
import { noSelection, useHistoryStore } from './history-store'
import type { HistoryPages } from './use-history-pages'
import { useLatest } from './use-latest'

export interface PointerModifiers {
  readonly shiftKey: boolean
  readonly ctrlKey: boolean
  readonly metaKey: boolean
}

export interface SelectionActions {
  /** A click on row `index`: alone, Ctrl/Cmd toggles it, Shift selects the range from the anchor. */
  click(index: number, modifiers: PointerModifiers): void
  /** The keyboard cursor moved to `index`; Shift extends the selection, else it follows the cursor. */
  moveTo(index: number, extend: boolean): void
  toggle(index: number): void
  selectAll(): void
  clear(): void
}

/**
 * Selection over a list whose rows load lazily: a Shift range fetches the ids it spans (at most
 * `historyLimits.idsPerCall`, what one delete takes); "all" is kept as a flag, not as ids.
 */
export function useHistorySelection(pages: HistoryPages): SelectionActions {
  const latestPages = useLatest(pages)
  // Stable across renders (rows are memoised on it); the pages are read when an action runs.
  return useMemo(() => selectionActions(() => latestPages.current), [latestPages])
}

function selectionActions(currentPages: () => HistoryPages): SelectionActions {
  const store = useHistoryStore

  const idAt = (index: number) => currentPages().recordAt(index)?.id
  const showDetailFor = (index: number) => {
    const { detailId, openDetail } = store.getState()
    const id = idAt(index)
    if (detailId !== null && id !== undefined) openDetail(id)
  }

  const selectOnly = (index: number) => {
    const id = idAt(index)
    store.getState().setSelection({ all: false, ids: new Set(id === undefined ? [] : [id]) }, index, index)
    showDetailFor(index)
  }

  const selectRange = (anchor: number, index: number) => {
    const limit = historyLimits.idsPerCall
    const start = Math.min(anchor, index)
    const end = Math.min(Math.max(anchor, index), start + limit - 1)
    store.getState().setFocus(index)
    showDetailFor(index)
    currentPages()
      .idsInRange(start, end)
      .then((ids) => {
        const state = store.getState()
        if (state.focus !== index) return
        state.setSelection({ all: false, ids: new Set(ids) }, index, anchor)
        if (Math.max(anchor, index) > end)
          state.setNotice({ tone: 'info', key: 'history.notices.rangeCapped', values: { limit } })
      })
      .catch(() => store.getState().setNotice({ tone: 'error', key: 'history.notices.loadFailed' }))
  }

  const toggle = (index: number) => {
    const id = idAt(index)
    if (id === undefined) return
    const { selection, setSelection } = store.getState()
    const ids = new Set(selection.ids)
    if (ids.has(id)) ids.delete(id)
    else ids.add(id)
    setSelection({ all: selection.all, ids }, index, index)
  }

  return {
    click(index, modifiers) {
      if (modifiers.shiftKey) selectRange(store.getState().anchor, index)
      else if (modifiers.ctrlKey || modifiers.metaKey) toggle(index)
      else selectOnly(index)
    },
    moveTo(index, extend) {
      if (extend) selectRange(store.getState().anchor, index)
      else selectOnly(index)
    },
    toggle,
    selectAll: () => store.getState().setSelection({ all: true, ids: new Set() }),
    clear: () => store.getState().setSelection(noSelection),
  }
}
