import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TaskRecord } from '#contract'
import { useClient } from '../../../app/client-context'
import { BridgeError } from '../../../bridge'

type Action = 'tasks.stopTracking' | 'tasks.refresh'

function useTaskAction(record: TaskRecord, action: Action) {
  const { t } = useTranslation()
  const client = useClient()
  const [failure, setFailure] = useState<string | null>(null)
  const run = () => {
    setFailure(null)
    client.call(action, { taskId: record.id }).catch((error: unknown) => {
      setFailure(t(`errors.${error instanceof BridgeError ? error.code : 'internal'}`))
    })
  }
  return { run, failure }
}

/**
 * "Stop tracking" on a task in flight. No cancel endpoint is documented, so this stops the app
 * asking, not the service working; the button's description says so.
 */
export function StopTrackingButton({ record }: { readonly record: TaskRecord }) {
  const { t } = useTranslation()
  const { run, failure } = useTaskAction(record, 'tasks.stopTracking')
  return (
    <>
      <button type="button" className="wb-link" title={t('workbench.tasks.stopTrackingHint')} onClick={run}>
        {t('workbench.tasks.stopTracking')}
      </button>
      {failure && <small role="alert">{failure}</small>}
    </>
  )
}

/** A task whose tracking was stopped: what that means, and Refresh to ask the service again. */
export function TrackingStoppedNote({ record }: { readonly record: TaskRecord }) {
  const { t } = useTranslation()
  const { run, failure } = useTaskAction(record, 'tasks.refresh')
  if (record.trackingStopped !== true) return null
  return (
    <div role="note" className="wb-task-stopped">
      <p>{t('workbench.tasks.trackingStopped')}</p>
      <button type="button" onClick={run}>
        {t('workbench.tasks.refresh')}
      </button>
      {failure && <small role="alert">{failure}</small>}
    </div>
  )
}
