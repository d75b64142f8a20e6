import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isSdTask, isTerminalStatus, type TaskRecord } from '#contract'
import { useClient } from '../../app/client-context'
import { BridgeError } from '../../bridge'

/**
 * The task card's tracking controls, in the history detail: **Stop tracking** on a workbench task
 * in flight (no cancel endpoint is documented, so the service may still finish it) and **Refresh**
 * on one whose tracking was stopped (asks the service again and fetches the result). Tool tasks are
 * tracked by the tools service, which has neither.
 */
export function TrackingActions({ record }: { readonly record: TaskRecord }) {
  const { t } = useTranslation()
  const client = useClient()
  const [failure, setFailure] = useState<string | null>(null)
  if (!isSdTask(record)) return null
  const stopped = record.trackingStopped === true
  if (!stopped && isTerminalStatus(record.status)) return null
  const action = stopped ? 'tasks.refresh' : 'tasks.stopTracking'
  const run = () => {
    setFailure(null)
    client.call(action, { taskId: record.id }).catch((error: unknown) => {
      setFailure(t(`errors.${error instanceof BridgeError ? error.code : 'internal'}`))
    })
  }
  return (
    <>
      <button type="button" title={stopped ? undefined : t('history.detail.stopTrackingHint')} onClick={run}>
        {t(stopped ? 'history.detail.refresh' : 'history.detail.stopTracking')}
      </button>
      {failure && <small role="alert">{failure}</small>}
    </>
  )
}

/** What "tracking stopped" means for this task, shown above its facts. */
export function TrackingStoppedNote({ record }: { readonly record: TaskRecord }) {
  const { t } = useTranslation()
  if (record.trackingStopped !== true) return null
  return (
    <p role="note" className="history-notice-inline">
      {t('history.detail.trackingStopped')}
    </p>
  )
}
