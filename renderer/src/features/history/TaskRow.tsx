import { memo, type MouseEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { isSdTask, plotCellCaption, plotLanguageOf, type TaskRecord, type TaskStatus } from '#contract'
import { resultDragData, resultDragType } from '../sources'
import { useQueueHolds } from '../queue'
import { openViewer } from '../viewer'
import {
  firstCacheKey,
  formatShortTime,
  isFlagged,
  kindLabel,
  paramsKnown,
  promptExcerpt,
  shownImageIndex,
  rowText,
} from './format'
import type { HistoryView } from './history-store'
import { useThumbnail, type ThumbnailCache } from './thumbnail-cache'

export function StatusBadge({ status, taskId }: { readonly status: TaskStatus; readonly taskId?: string }) {
  const { t } = useTranslation()
  // Refused as "too many tasks" and held by the queue for another try: failed for now, not for good.
  const held = useQueueHolds(taskId ?? '') && status === 'failed'
  if (held)
    return <span className="history-status history-status-held">{t('history.status.heldForRetry')}</span>
  return <span className={`history-status history-status-${status}`}>{t(`history.status.${status}`)}</span>
}

/** A failed task's reason; none while the queue holds it to send again. */
function FailureReason({ record }: { readonly record: TaskRecord }) {
  const { t } = useTranslation()
  const held = useQueueHolds(record.id)
  if (record.status !== 'failed' || !record.error || held) return null
  const reason = t(`errors.${record.error.code}`)
  return (
    <span className="history-reason" title={reason}>
      {reason}
    </span>
  )
}

/** The task's kind: its workbench mode, the tool by name, or a custom request. */
export function KindBadge({ record }: { readonly record: TaskRecord }) {
  const { i18n } = useTranslation()
  const label = kindLabel(record, i18n.language)
  return <span className={`history-kind history-kind-${record.kind}`}>{label}</span>
}

/** Shown whenever the service's audit flagged an image: never hidden, whatever the filters. */
export function AuditFlag({ record }: { readonly record: TaskRecord }) {
  const { t } = useTranslation()
  if (!isFlagged(record)) return null
  return (
    <span className="history-flag" title={t('history.audit.flaggedHint')}>
      {t('history.audit.flagged')}
    </span>
  )
}

export function Thumbnail({
  cache,
  cacheKey,
  size,
  alt,
}: {
  cache: ThumbnailCache
  cacheKey: string | null
  size: number
  /** What the image shows, for screen readers ("Image 2"); "Thumbnail" when not given. */
  alt?: string
}) {
  const { t } = useTranslation()
  const url = useThumbnail(cache, cacheKey)
  if (typeof url === 'string') {
    return (
      <img
        className="history-thumb"
        src={url}
        alt={alt ?? t('history.row.thumbnail')}
        width={size}
        height={size}
      />
    )
  }
  return (
    <span
      className="history-thumb history-thumb-empty"
      style={{ width: size, height: size }}
      aria-hidden="true"
    />
  )
}

/** A result that can be dragged onto an image slot of the workbench (the Workbench tab opens it). */
export function DraggableResult({
  record,
  index,
  children,
}: {
  readonly record: TaskRecord
  readonly index: number
  readonly children: ReactNode
}) {
  const { t } = useTranslation()
  return (
    <span
      draggable
      className="history-draggable"
      title={t('history.sendTo.dragHint')}
      onDragStart={(event) => {
        const cacheKey = record.images[index]?.cacheKey ?? null
        event.dataTransfer.setData(resultDragType, resultDragData(record.id, index, cacheKey))
        event.dataTransfer.effectAllowed = 'copy'
      }}
    >
      {children}
    </span>
  )
}

/** Opens the "send to" menu of a row's result. Out of the tab order: the list's Shift+F10 opens it. */
function SendMenuButton({ onOpen }: { onOpen(anchor: HTMLElement): void }) {
  const { t } = useTranslation()
  return (
    <button
      type="button"
      className="history-menu-button"
      tabIndex={-1}
      aria-haspopup="menu"
      aria-label={t('history.sendTo.menuButton')}
      title={t('history.sendTo.menuHint')}
      onClick={(event) => {
        event.stopPropagation()
        onOpen(event.currentTarget)
      }}
      onDoubleClick={(event) => event.stopPropagation()}
    >
      ⋯
    </button>
  )
}

interface TaskRowProps {
  readonly index: number
  readonly total: number
  readonly record: TaskRecord | undefined
  readonly view: HistoryView
  readonly selected: boolean
  readonly focused: boolean
  readonly thumbnails: ThumbnailCache
  onClick(index: number, event: MouseEvent): void
  onOpen(index: number): void
  /** Opens the "send to" menu of the row's result; no menu without it. */
  onSendMenu?: (index: number, anchor: HTMLElement) => void
}

/**
 * One task as a list row or a grid card; a row whose page is still loading shows a placeholder.
 * Memoised: while scrolling, only rows whose task, selection or focus changed render again.
 */
export const TaskRow = memo(function TaskRow({
  index,
  total,
  record,
  view,
  selected,
  focused,
  thumbnails,
  onClick,
  onOpen,
  onSendMenu,
}: TaskRowProps) {
  const { t, i18n } = useTranslation()
  const className = `history-${view === 'list' ? 'row' : 'card'}${selected ? ' is-selected' : ''}${focused ? ' is-focused' : ''}`
  const common = {
    id: `history-option-${index}`,
    role: 'option',
    'aria-selected': selected,
    'aria-setsize': total,
    'aria-posinset': index + 1,
    className,
  } as const
  if (!record) {
    return (
      <div {...common} aria-busy="true" aria-label={t('history.row.loading')}>
        <span className="history-placeholder" />
      </div>
    )
  }
  const text = rowText(record)
  const prompt = !paramsKnown(record)
    ? t('history.row.paramsUnknown')
    : text === null
      ? kindLabel(record, i18n.language)
      : promptExcerpt(text)
  const size = view === 'list' ? 48 : 144
  const shown = shownImageIndex(record)
  const thumbnail = <Thumbnail cache={thumbnails} cacheKey={firstCacheKey(record)} size={size} />
  return (
    <div
      {...common}
      aria-label={prompt}
      data-task-id={record.id}
      onMouseDown={(event) => {
        // Keeps Shift-click from selecting text; focus goes to the list as on a click.
        if (event.shiftKey) event.preventDefault()
      }}
      onClick={(event) => onClick(index, event)}
      onDoubleClick={() => onOpen(index)}
    >
      {shown === null ? (
        thumbnail
      ) : (
        <DraggableResult record={record} index={shown}>
          <span
            className="history-open-image"
            title={t('history.row.openImage')}
            onClick={(event) => {
              // The row's own click selects; a click on the picture opens it full size.
              event.stopPropagation()
              openViewer(record, shown)
            }}
          >
            {thumbnail}
          </span>
        </DraggableResult>
      )}
      <span className="history-prompt">{prompt}</span>
      <FailureReason record={record} />
      <span className="history-meta">
        {record.plot?.values && (
          <span className="history-plot">
            {plotCellCaption(record.plot.values, plotLanguageOf(i18n.language))}
          </span>
        )}
        <StatusBadge status={record.status} taskId={record.id} />
        <KindBadge record={record} />
        <AuditFlag record={record} />
        {view === 'list' && paramsKnown(record) && isSdTask(record) && (
          <span className="history-checkpoint">{record.params.alwayson_scripts.sd_model_checkpoint}</span>
        )}
        <time dateTime={new Date(record.createdAt).toISOString()}>
          {formatShortTime(record.createdAt, i18n.language)}
        </time>
        {onSendMenu && <SendMenuButton onOpen={(anchor) => onSendMenu(index, anchor)} />}
      </span>
    </div>
  )
})
