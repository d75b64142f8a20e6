import { useEffect, useMemo, useRef, useState, type DragEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { TaskRecord, ToolId } from '#contract'
import { useClient } from '../../app/client-context'
import { UseAsPreviewDialog } from '../presets'
import { useHeldSync } from '../queue'
import type { ImageSendTarget } from './format'
import { HistoryActions } from './HistoryActions'
import { DeleteDialog, LookupDialog } from './HistoryDialogs'
import { HistoryFilterBar, SearchBox } from './HistoryFilters'
import { NoticeBar, RecoveryNotice } from './HistoryNotices'
import { HistoryResults } from './HistoryResults'
import { selectDetailId, selectDialog, selectFilters, toQuery, useHistoryStore } from './history-store'
import { TaskDetail } from './TaskDetail'
import { thumbnailCacheFor } from './thumbnail-cache'
import { useHistoryActions } from './use-history-actions'
import { useHistoryPages, type HistoryPages } from './use-history-pages'
import { useHistorySelection } from './use-history-selection'
import { useLatest } from './use-latest'
import { useTaskDetail } from './use-task-detail'
import './history.css'

export interface HistoryScreenProps {
  /** Loads a task (mode, parameters, input images) into the workbench; the button is hidden without it. */
  readonly onSendToWorkbench?: (record: TaskRecord) => void
  /** Makes one result the source of an image mode; the buttons are hidden without it. */
  readonly onSendImageTo?: (target: ImageSendTarget, record: TaskRecord, imageIndex: number) => void
  /** Submits a task again (with its input images); the button is hidden without it. */
  readonly onRerun?: (record: TaskRecord) => void
  /** Opens a result in a tool of the Tools screen (Outpaint…, Swap face…, Detect faces, Describe). */
  readonly onOpenTool?: (toolId: ToolId, record: TaskRecord, imageIndex: number) => void
  /** Opens the preset library at a training job's LoRA. */
  readonly onOpenLora?: (name: string) => void
}

/** Whether anything but the sort narrows the list (an empty result then means "no match"). */
const isFiltered = (query: object) => Object.keys(query).some((key) => key !== 'sort' && key !== 'direction')

const detailOpener = (currentPages: () => HistoryPages) => (index: number) => {
  const record = currentPages().recordAt(index)
  if (record) useHistoryStore.getState().openDetail(record.id)
}

/** Pushed changes arriving in a burst (a batch finishing) cause one reload, not one each. */
const refreshDelayMs = 300

/** Keeps rows and the detail panel current as tasks change in main (`tasks.changed`). */
function useTaskChanges(onChange: (record: TaskRecord) => void) {
  const client = useClient()
  const latest = useRef(onChange)
  useEffect(() => {
    latest.current = onChange
  })
  useEffect(() => client.on('tasks.changed', (record) => latest.current(record)), [client])
}

/**
 * The local history: search and filters over every task ever submitted, a virtualised list or
 * grid read page by page, a detail panel, bulk delete, export/import and the archive lookup.
 */
export function HistoryScreen({
  onSendToWorkbench,
  onSendImageTo,
  onRerun,
  onOpenTool,
  onOpenLora,
}: HistoryScreenProps) {
  useHeldSync()
  const { t } = useTranslation()
  const client = useClient()
  const filters = useHistoryStore(selectFilters)
  const detailId = useHistoryStore(selectDetailId)
  const dialog = useHistoryStore(selectDialog)
  const query = useMemo(() => toQuery(filters), [filters])
  const pages = useHistoryPages(client, query)
  const selection = useHistorySelection(pages)
  const actions = useHistoryActions(pages)
  const thumbnails = thumbnailCacheFor(client)
  const searchRef = useRef<HTMLInputElement>(null)
  const [previewFor, setPreviewFor] = useState<{ record: TaskRecord; index: number } | null>(null)
  const [revision, setRevision] = useState(0)
  const detail = useTaskDetail(client, detailId, revision)
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null)

  useTaskChanges((record) => {
    if (record.id === useHistoryStore.getState().detailId) setRevision((value) => value + 1)
    if (pages.replace(record) || refreshTimer.current !== null) return
    // Not on screen: it may be new, so counts and positions change.
    refreshTimer.current = setTimeout(() => {
      refreshTimer.current = null
      pages.refresh()
    }, refreshDelayMs)
  })
  useEffect(() => () => clearTimeout(refreshTimer.current ?? undefined), [])

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'f') {
        event.preventDefault()
        searchRef.current?.focus()
        searchRef.current?.select()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const latestPages = useLatest(pages)
  // Stable, as the memoised rows need; the pages are read when a row is opened.
  const openAt = useMemo(() => detailOpener(() => latestPages.current), [latestPages])
  const onDrop = (event: DragEvent) => {
    const file = event.dataTransfer.files[0]
    if (!file) return
    event.preventDefault()
    actions.importFile(file)
  }
  const closeDialog = () => {
    actions.resetLookup()
    useHistoryStore.getState().setDialog(null)
  }

  return (
    <section
      className="history-screen"
      aria-labelledby="history-title"
      onDragOver={(event) => event.dataTransfer.types.includes('Files') && event.preventDefault()}
      onDrop={onDrop}
    >
      <header className="history-header">
        <h2 id="history-title">{t('history.title')}</h2>
        <SearchBox inputRef={searchRef} />
      </header>
      <RecoveryNotice />
      <HistoryFilterBar knownCheckpoints={pages.knownNames.checkpoints} knownVaes={pages.knownNames.vaes} />
      <HistoryActions total={pages.total} actions={actions} />
      <NoticeBar />
      {pages.error && (
        <div className="history-notice history-notice-error" role="alert">
          <span>{`${t('history.notices.loadFailed')} ${t(`errors.${pages.error.code}`)}`}</span>
          <button type="button" onClick={pages.refresh}>
            {t('history.notices.retry')}
          </button>
        </div>
      )}
      <div className="history-body">
        {pages.total === 0 ? (
          <p className="history-empty">
            {t(isFiltered(query) ? 'history.list.noMatch' : 'history.list.empty')}
          </p>
        ) : (
          <HistoryResults
            pages={pages}
            selection={selection}
            thumbnails={thumbnails}
            onOpen={openAt}
            onAskDelete={actions.askDeleteSelection}
            onSendImageTo={onSendImageTo}
            onOpenTool={onOpenTool}
            rowActions={{
              onSendToWorkbench,
              onRerun,
              copyParameters: actions.copyParameters,
              copyTaskId: actions.copyTaskId,
              askDelete: actions.askDeleteOne,
              onUseAsPreview: (record, index) => setPreviewFor({ record, index }),
            }}
          />
        )}
        {previewFor && (
          <UseAsPreviewDialog
            record={previewFor.record}
            index={previewFor.index}
            onClose={() => setPreviewFor(null)}
          />
        )}
        {detail && (
          <TaskDetail
            record={detail}
            thumbnails={thumbnails}
            actions={{
              onSendToWorkbench,
              onSendImageTo,
              onRerun,
              onOpenTool,
              onOpenLora,
              copyParameters: actions.copyParameters,
              copyTaskId: actions.copyTaskId,
              askDelete: actions.askDeleteOne,
              close: () => useHistoryStore.getState().openDetail(null),
            }}
          />
        )}
      </div>
      <p className="history-hint">{t('history.dropHint')}</p>
      {dialog?.kind === 'delete' && (
        <DeleteDialog
          count={dialog.count}
          onConfirm={() => void actions.confirmDelete()}
          onCancel={closeDialog}
        />
      )}
      {dialog?.kind === 'lookup' && (
        <LookupDialog
          busy={actions.lookupState.busy}
          error={actions.lookupState.errorKey === null ? null : t(actions.lookupState.errorKey)}
          onLookup={actions.lookup}
          onCancel={closeDialog}
        />
      )}
    </section>
  )
}
