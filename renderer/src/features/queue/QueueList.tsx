import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useCallback, useEffect, useRef, type KeyboardEvent, type MouseEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { QueueItem } from '#contract'
import { useQueueStore } from './queue-store'
import { QueueRow, queueRowHeight, queueRowStyle } from './QueueRow'

export interface QueueListProps {
  readonly onMove: (item: QueueItem, toIndex: number) => void
  readonly onRemove: (ids: readonly string[]) => void
}

/**
 * The queue, virtualized: only the rows in view (and a few around) are in the page, so a queue of
 * 1,000 items costs what one of 20 does. A listbox: ↑/↓ go through it, Space selects, Alt+↑/↓
 * moves the item, Delete removes the selection (or the focused item); rows can also be dragged.
 * Memoised: it renders again when its rows are read again or scrolled, not with every count.
 */
function QueueListView({ onMove, onRemove }: QueueListProps) {
  const { t } = useTranslation()
  const items = useQueueStore((state) => state.items)
  const offset = useQueueStore((state) => state.offset)
  const total = useQueueStore((state) => state.total)
  const selected = useQueueStore((state) => state.selected)
  const focusedId = useQueueStore((state) => state.focusedId)
  const { select, focus, setRange } = useQueueStore.getState()
  const scroller = useRef<HTMLDivElement>(null)
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualiser is read fresh each render by design
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => queueRowHeight,
    overscan: 6,
  })
  const rows = virtualizer.getVirtualItems()
  const firstRow = rows[0]?.index ?? 0
  const endRow = (rows.at(-1)?.index ?? -1) + 1
  useEffect(() => setRange(firstRow, endRow), [firstRow, endRow, setRange])
  const found = items.findIndex((item) => item.id === focusedId)
  // Indexes below are places in the whole queue; `items` holds the rows from `offset` on.
  const focusedIndex = found < 0 ? -1 : found + offset
  const itemAt = (index: number) => items[index - offset]
  useEffect(() => {
    if (focusedIndex >= 0) virtualizer.scrollToIndex(focusedIndex, { align: 'auto' })
  }, [focusedIndex, virtualizer])

  const onKeyDown = (event: KeyboardEvent) => {
    const current = itemAt(focusedIndex)
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0
    if (step !== 0 && event.altKey) {
      event.preventDefault()
      const to = focusedIndex + step
      if (current && to >= 0 && to < total) onMove(current, to)
    } else if (step !== 0) {
      event.preventDefault()
      const next = itemAt(Math.min(total - 1, Math.max(0, focusedIndex + step)))
      if (next) focus(next.id)
    } else if (event.key === ' ' && current) {
      event.preventDefault()
      select(current.id, 'toggle')
    } else if (event.key === 'Delete') {
      event.preventDefault()
      const ids = selected.size > 0 ? [...selected] : current ? [current.id] : []
      if (ids.length > 0) onRemove(ids)
    }
  }
  // Stable between renders, so a row that did not change is not rendered again (QueueRow is memoised).
  const onClick = useCallback(
    (event: MouseEvent, item: QueueItem) =>
      select(item.id, event.ctrlKey || event.metaKey ? 'toggle' : 'only'),
    [select],
  )
  const onDropOn = useCallback(
    (draggedId: string, target: QueueItem) => {
      const dragged = items.find((item) => item.id === draggedId)
      if (dragged && dragged.id !== target.id) onMove(dragged, target.position)
    },
    [items, onMove],
  )

  if (total === 0) return <p className="wb-hint">{t('queue.empty')}</p>
  return (
    <div
      ref={scroller}
      className="queue-scroller"
      role="listbox"
      aria-label={t('queue.listLabel')}
      aria-multiselectable="true"
      aria-activedescendant={focusedId ? `queue-item-${focusedId}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onFocus={() => {
        const first = itemAt(firstRow)
        if (focusedIndex < 0 && first) focus(first.id)
      }}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {rows.map((row) => {
          const item = itemAt(row.index)
          // Not read yet (scrolled past the window): a blank row until the read answers.
          if (!item)
            return (
              <div
                key={`row-${row.index}`}
                className="queue-row"
                aria-hidden="true"
                style={queueRowStyle(row.start)}
              />
            )
          return (
            <QueueRow
              key={item.id}
              item={item}
              selected={selected.has(item.id)}
              focused={item.id === focusedId}
              top={row.start}
              onClick={onClick}
              onDropOn={onDropOn}
            />
          )
        })}
      </div>
    </div>
  )
}

export const QueueList = memo(QueueListView)
