import { useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CurlDialog } from './CurlDialog'
import { issueMessage } from './issue-message'
import { selectCanRedo, selectCanUndo, selectValidation } from './selectors'
import type { SubmitState } from './use-generate'
import { useWorkbenchStore } from './workbench-store'

interface ActionBarProps {
  readonly submit: SubmitState
  readonly onGenerate: () => void
}

/** Undo/redo, "copy as curl" and Generate; Generate says why it is disabled. */
export function ActionBar({ submit, onGenerate }: ActionBarProps) {
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
  const submitting = submit.status === 'submitting'

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
      <button
        type="button"
        className="wb-generate"
        disabled={!validation.valid || submitting}
        aria-describedby={reason ? `${id}-reason` : undefined}
        aria-keyshortcuts="Control+Enter Meta+Enter"
        title={t('workbench.actions.shortcut')}
        onClick={onGenerate}
      >
        {submitting ? t('workbench.actions.generating') : t('workbench.actions.generate')}
      </button>
      {reason && (
        <span id={`${id}-reason`} className="wb-reason">
          {reason}
          {validation.issues.length > 1 &&
            ` · ${t('workbench.validation.issueCount', { count: validation.issues.length })}`}
        </span>
      )}
      <span role="status" className="wb-submit-status">
        {submit.status === 'submitted' && t('workbench.actions.submitted', { taskId: submit.taskId })}
      </span>
      {submit.status === 'failed' && (
        <span role="alert" className="wb-issue">
          {t('workbench.actions.submitFailed', { reason: t(`errors.${submit.code}`) })}
        </span>
      )}
      {curlOpen && <CurlDialog onClose={closeCurl} />}
    </div>
  )
}
