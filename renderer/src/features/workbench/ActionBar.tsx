import { lazy, Suspense, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { StorageNeededNotice, UploadConfirmDialog } from '../sources'
import { InputOptionsFields } from './InputOptionsFields'
import { issueMessage } from './issue-message'
import { selectCanRedo, selectCanUndo, selectValidation } from './selectors'
import { useTasksStore } from './tasks-store'
import type { SubmitState } from './use-generate'
import { useWorkbenchStore } from './workbench-store'

// Loaded when first opened: not on the first screen's path (issue 13 §10).
const CurlDialog = lazy(() => import('./CurlDialog').then((module) => ({ default: module.CurlDialog })))

export interface SubmitControls {
  readonly state: SubmitState
  readonly generate: () => void
  readonly confirmUpload: () => void
  readonly dismiss: () => void
  readonly retryWithResize: () => void
}

interface ActionBarProps {
  readonly submit: SubmitControls
  readonly onOpenSettings?: () => void
}

/** Generate's label says what a running submit waits for: reading images, uploading, sending. */
const generateLabelKey = (state: SubmitState) =>
  state.status === 'submitting' ? `workbench.actions.stage.${state.stage}` : 'workbench.actions.generate'

/**
 * A batch in the queue: its tasks have no record, so no card, until the queue sends them; the bar
 * counts those still waiting there (a task card takes over once each is sent).
 */
function QueuedOutcome({ taskIds }: { taskIds: readonly string[] }) {
  const { t } = useTranslation()
  const waiting = useTasksStore((tasks) => {
    const carded = new Set(tasks.tasks.map((task) => task.record.id))
    return taskIds.filter((id) => !carded.has(id)).length
  })
  return waiting > 0
    ? t('workbench.actions.queued', { count: taskIds.length, waiting })
    : t('workbench.actions.queuedSent', { count: taskIds.length })
}

/** What came of the last submit: the task id, or why it failed and what may help. */
function SubmitOutcome({ submit, onOpenSettings }: ActionBarProps) {
  const { t } = useTranslation()
  const allowResize = useWorkbenchStore((state) => state.inputOptions.allowResize)
  const { state } = submit
  const submittedId = state.status === 'submitted' ? state.taskId : null
  // The submit went out, but the service may still refuse the task: then the bar says so too.
  const taskError = useTasksStore((tasks) => {
    const record = tasks.tasks.find((task) => task.record.id === submittedId)?.record
    return record?.status === 'failed' ? record.error : null
  })
  return (
    <>
      <span role="status" className="wb-submit-status">
        {submittedId !== null &&
          taskError === null &&
          t('workbench.actions.submitted', { taskId: submittedId })}
        {state.status === 'queued' && <QueuedOutcome taskIds={state.taskIds} />}
      </span>
      {submittedId !== null && taskError !== null && (
        <span role="alert" className="wb-issue">
          {t('workbench.actions.taskFailed', { taskId: submittedId, reason: t(`errors.${taskError.code}`) })}
        </span>
      )}
      {state.status === 'failed' && (
        <span role="alert" className="wb-issue">
          {t('workbench.actions.submitFailed', { reason: t(`errors.${state.code}`) })}
          {state.code === 'image_too_large' && !allowResize && (
            <button type="button" onClick={submit.retryWithResize}>
              {t('workbench.actions.allowResizeRetry')}
            </button>
          )}
        </span>
      )}
      {state.status === 'needsStorage' && (
        <StorageNeededNotice
          profile={state.profile}
          onOpenSettings={onOpenSettings}
          onClose={submit.dismiss}
        />
      )}
      {state.status === 'confirmUpload' && (
        <UploadConfirmDialog
          profile={state.profile}
          storage={state.storage}
          purpose="generate"
          keepUploads={state.keepUploads}
          onConfirm={submit.confirmUpload}
          onCancel={submit.dismiss}
        />
      )}
    </>
  )
}

/** Undo/redo, "copy as curl", the input image options and Generate; Generate says why it is disabled. */
export function ActionBar({ submit, onOpenSettings }: ActionBarProps) {
  const { t } = useTranslation()
  const id = useId()
  const validation = useWorkbenchStore(selectValidation)
  const canUndo = useWorkbenchStore(selectCanUndo)
  const canRedo = useWorkbenchStore(selectCanRedo)
  const undo = useWorkbenchStore((state) => state.undo)
  const redo = useWorkbenchStore((state) => state.redo)
  const [curlOpen, setCurlOpen] = useState(false)
  const curlButton = useRef<HTMLButtonElement>(null)
  const firstIssue = validation.issues[0]
  const reason = firstIssue ? issueMessage(t, firstIssue) : null
  const busy = submit.state.status === 'submitting'

  const closeCurl = () => {
    setCurlOpen(false)
    curlButton.current?.focus()
  }

  return (
    <div role="toolbar" aria-label={t('workbench.actions.toolbar')} className="wb-actions">
      <button type="button" disabled={!canUndo} onClick={undo} title="Ctrl+Z">
        {t('workbench.actions.undo')}
      </button>
      <button type="button" disabled={!canRedo} onClick={redo} title="Ctrl+Shift+Z">
        {t('workbench.actions.redo')}
      </button>
      <button
        ref={curlButton}
        type="button"
        disabled={!validation.valid}
        aria-describedby={reason ? `${id}-reason` : undefined}
        onClick={() => setCurlOpen(true)}
      >
        {t('workbench.actions.copyCurl')}
      </button>
      <InputOptionsFields />
      <button
        type="button"
        className="wb-generate"
        disabled={!validation.valid || busy}
        aria-describedby={reason ? `${id}-reason` : undefined}
        aria-keyshortcuts="Control+Enter Meta+Enter"
        title={t('workbench.actions.shortcut')}
        onClick={submit.generate}
      >
        {t(generateLabelKey(submit.state))}
      </button>
      {reason && (
        <span id={`${id}-reason`} className="wb-reason">
          {reason}
          {validation.issues.length > 1 &&
            ` · ${t('workbench.validation.issueCount', { count: validation.issues.length })}`}
        </span>
      )}
      <SubmitOutcome submit={submit} onOpenSettings={onOpenSettings} />
      {curlOpen && (
        <Suspense fallback={null}>
          <CurlDialog onClose={closeCurl} />
        </Suspense>
      )}
    </div>
  )
}
