import { memo, type DragEvent, type MouseEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { plotCellCaption, plotLanguageOf, type QueueItem } from '#contract'

export const queueRowHeight = 52
export const queueDragType = 'application/x-img-open-queue-item'

export interface QueueRowProps {
  readonly item: QueueItem
  readonly selected: boolean
  readonly focused: boolean
  /** Where the virtual list places the row (px from the list's top). */
  readonly top: number
  readonly onClick: (event: MouseEvent, item: QueueItem) => void
  readonly onDropOn: (draggedId: string, item: QueueItem) => void
}

/** A row's place in the virtual list: positioned, so scrolling moves rows without laying them out. */
export const queueRowStyle = (top: number) =>
  ({ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${top}px)` }) as const

/**
 * One queued item: its place, label, state, and why and until when it waits. Memoised: scrolling
 * renders only the rows that come into view, not the 25 already there.
 */
function QueueRowView({ item, selected, focused, top, onClick, onDropOn }: QueueRowProps) {
  const { t, i18n } = useTranslation()
  // A plot cell is worded here in the UI's language; `label` is main's English line.
  const label = item.plotValues ? plotCellCaption(item.plotValues, plotLanguageOf(i18n.language)) : item.label
  const movable = item.state !== 'sending'
  const onDragStart = (event: DragEvent) => {
    event.dataTransfer.setData(queueDragType, item.id)
    event.dataTransfer.effectAllowed = 'move'
  }
  const onDragOver = (event: DragEvent) => {
    if (event.dataTransfer.types.includes(queueDragType)) event.preventDefault()
  }
  const onDrop = (event: DragEvent) => {
    const dragged = event.dataTransfer.getData(queueDragType)
    if (!dragged) return
    event.preventDefault()
    onDropOn(dragged, item)
  }
  const retry =
    item.state === 'waiting_retry' && item.retryAt !== undefined
      ? t('queue.retryAt', { time: new Date(item.retryAt).toLocaleTimeString(i18n.language) })
      : null
  return (
    <div
      id={`queue-item-${item.id}`}
      role="option"
      aria-selected={selected}
      data-focused={focused || undefined}
      data-state={item.state}
      className="queue-row"
      style={queueRowStyle(top)}
      draggable={movable}
      onDragStart={onDragStart}
      onDragOver={onDragOver}
      onDrop={onDrop}
      onClick={(event) => onClick(event, item)}
    >
      <span className="queue-pos">{item.position + 1}</span>
      <span className="queue-label" title={label}>
        {label}
      </span>
      <span className="queue-state">{t(`queue.states.${item.state}`)}</span>
      {(item.reason || retry) && (
        <span className="queue-reason">{[item.reason?.message, retry].filter(Boolean).join(' · ')}</span>
      )}
    </div>
  )
}

export const QueueRow = memo(QueueRowView)
