import { useVirtualizer } from '@tanstack/react-virtual'
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { TaskRecord, ToolId } from '#contract'
import { shownImageIndex, type ImageSendTarget } from './format'
import { isSelected, selectFocus, selectSelection, selectView, useHistoryStore } from './history-store'
import { SendToMenu, type RowActions, type SendMenuRequest } from './SendToMenu'
import { TaskRow } from './TaskRow'
import type { ThumbnailCache } from './thumbnail-cache'
import type { HistoryPages } from './use-history-pages'
import type { SelectionActions } from './use-history-selection'
import { useLatest } from './use-latest'
import { openViewer } from '../viewer'

const rowHeight = 64
const cardWidth = 184
const cardHeight = 268

interface HistoryResultsProps {
  readonly pages: HistoryPages
  readonly selection: SelectionActions
  readonly thumbnails: ThumbnailCache
  onOpen(index: number): void
  onAskDelete(): void
  /** Sends a row's result to an image mode; rows have no "send to" menu without it. */
  onSendImageTo?: (target: ImageSendTarget, record: TaskRecord, imageIndex: number) => void
  /** The task actions every row's ⋯ menu offers, failed tasks' too. */
  readonly rowActions?: RowActions
  /** The menu's tool items (Outpaint…, Swap face…, Detect faces, Describe); none without it. */
  onOpenTool?: (toolId: ToolId, record: TaskRecord, imageIndex: number) => void
}

/** Columns that fit the width; one when the width is not known yet. */
const useColumns = (element: HTMLElement | null, grid: boolean) => {
  const [width, setWidth] = useState(0)
  useEffect(() => {
    if (!element || typeof ResizeObserver === 'undefined') return undefined
    const observer = new ResizeObserver(([entry]) => setWidth(entry?.contentRect.width ?? 0))
    observer.observe(element)
    return () => observer.disconnect()
  }, [element])
  const measured = width || element?.clientWidth || 0
  return grid ? Math.max(1, Math.floor(measured / cardWidth)) : 1
}

/**
 * The tasks as a virtualised list or grid: only the rows in view exist in the page, and their
 * pages are fetched as they come into view. It is one listbox with the keyboard cursor as its
 * active descendant: arrows move, Shift extends, Enter opens, V shows the result full size, Delete
 * asks, Ctrl/Cmd+A selects all,
 * Shift+F10 (or the menu key) opens the "send to" menu of the row's result.
 */
export function HistoryResults({
  pages,
  selection,
  thumbnails,
  onOpen,
  onAskDelete,
  onSendImageTo,
  rowActions,
  onOpenTool,
}: HistoryResultsProps) {
  const { t } = useTranslation()
  const view = useHistoryStore(selectView)
  const selected = useHistoryStore(selectSelection)
  const focus = useHistoryStore(selectFocus)
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null)
  const [sendMenu, setSendMenu] = useState<SendMenuRequest | null>(null)
  const hasMenu = onSendImageTo !== undefined || rowActions !== undefined
  const scrollerRef = useRef<HTMLDivElement | null>(null)
  const total = pages.total ?? 0
  const columns = useColumns(scroller, view === 'grid')
  const rowCount = Math.ceil(total / columns)

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualiser is read fresh each render by design
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => (view === 'list' ? rowHeight : cardHeight),
    overscan: 4,
  })
  const rows = virtualizer.getVirtualItems()
  const firstRow = rows[0]?.index ?? 0
  const lastRow = rows.at(-1)?.index ?? 0

  // A new layout keeps the keyboard cursor in view.
  useEffect(() => {
    virtualizer.scrollToIndex(Math.floor(useHistoryStore.getState().focus / columns), { align: 'auto' })
  }, [virtualizer, view, columns])

  const { click } = selection
  const onRowClick = useCallback(
    (index: number, event: MouseEvent) => {
      scrollerRef.current?.focus({ preventScroll: true })
      click(index, event)
    },
    [click],
  )

  // Stable, as the memoised rows need; the record is read when the menu opens.
  const latestPages = useLatest(pages)
  const openSendMenu = useCallback(
    (index: number, anchor: Element) => {
      const record = latestPages.current.recordAt(index)
      if (!record) return
      const imageIndex = shownImageIndex(record)
      const box = anchor.getBoundingClientRect()
      setSendMenu({ record, imageIndex, left: box.left, top: box.bottom })
    },
    [latestPages],
  )
  const closeSendMenu = useCallback((returnFocus: boolean) => {
    setSendMenu(null)
    if (returnFocus) scrollerRef.current?.focus({ preventScroll: true })
  }, [])

  useEffect(() => {
    if (total > 0) pages.ensureRange(firstRow * columns, Math.min(total - 1, (lastRow + 1) * columns - 1))
  }, [pages, firstRow, lastRow, columns, total])

  const moveTo = (index: number, extend: boolean) => {
    if (total === 0) return
    const target = Math.max(0, Math.min(total - 1, index))
    selection.moveTo(target, extend)
    virtualizer.scrollToIndex(Math.floor(target / columns), { align: 'auto' })
  }

  /** The focused task's result in the full-size viewer (V). */
  const openInViewer = (index: number) => {
    const record = pages.recordAt(index)
    const shown = record ? shownImageIndex(record) : null
    if (record && shown !== null) openViewer(record, shown)
  }
  const onKeyDown = (event: KeyboardEvent) => {
    const mod = event.ctrlKey || event.metaKey
    const pageRows = Math.max(1, rows.length - 2) * columns
    const moves: Record<string, number | undefined> = {
      ArrowDown: focus + columns,
      ArrowUp: focus - columns,
      ArrowRight: view === 'grid' ? focus + 1 : undefined,
      ArrowLeft: view === 'grid' ? focus - 1 : undefined,
      PageDown: focus + pageRows,
      PageUp: focus - pageRows,
      Home: 0,
      End: total - 1,
    }
    const target = moves[event.key]
    const menuKey = event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10')
    if (menuKey && hasMenu)
      openSendMenu(focus, document.getElementById(`history-option-${focus}`) ?? event.currentTarget)
    else if (target !== undefined) moveTo(target, event.shiftKey)
    else if (event.key === 'Enter') onOpen(focus)
    else if (event.key.toLowerCase() === 'v' && !mod) openInViewer(focus)
    else if (event.key === 'Delete') onAskDelete()
    else if (event.key === ' ') selection.toggle(focus)
    else if (mod && event.key.toLowerCase() === 'a') selection.selectAll()
    else if (event.key === 'Escape') selection.clear()
    else return
    event.preventDefault()
  }

  const activeId = rows.some((row) => row.index === Math.floor(focus / columns))
    ? `history-option-${focus}`
    : undefined
  return (
    <>
      <div
        ref={(element) => {
          scrollerRef.current = element
          setScroller(element)
        }}
        className={`history-results history-results-${view}`}
        role="listbox"
        aria-label={t('history.list.label')}
        aria-multiselectable="true"
        aria-activedescendant={activeId}
        aria-busy={pages.total === null}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        <div className="history-results-inner" style={{ height: virtualizer.getTotalSize() }}>
          {rows.map((row) => (
            <div
              key={row.key}
              role="presentation"
              className="history-results-row"
              style={{ height: row.size, transform: `translateY(${row.start}px)` }}
            >
              {Array.from({ length: columns }, (_, column) => row.index * columns + column)
                .filter((index) => index < total)
                .map((index) => {
                  const record = pages.recordAt(index)
                  return (
                    <TaskRow
                      key={record?.id ?? `loading-${index}`}
                      index={index}
                      total={total}
                      record={record}
                      view={view}
                      selected={record !== undefined && isSelected(selected, record.id)}
                      focused={index === focus}
                      thumbnails={thumbnails}
                      onClick={onRowClick}
                      onOpen={onOpen}
                      onSendMenu={hasMenu ? openSendMenu : undefined}
                    />
                  )
                })}
            </div>
          ))}
        </div>
      </div>
      {sendMenu && hasMenu && (
        <SendToMenu
          request={sendMenu}
          onSend={onSendImageTo}
          onOpenTool={onOpenTool}
          actions={rowActions}
          onClose={closeSendMenu}
        />
      )}
    </>
  )
}
