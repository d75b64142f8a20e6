import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TaskRecord } from '#contract'
import { useClient } from '../../../app/client-context'
import { BridgeError } from '../../../bridge'
import { fieldLabel } from '../../../shared/field-label'
import { canRetry, fixCode, serviceReason } from './failure-advice'

/**
 * Why a task failed, in the service's own words when it gave any (the field it rejected and its
 * message), what to do about it, and Retry only where sending it again can help.
 */
export function TaskFailure({ record }: { readonly record: TaskRecord }) {
  const { t } = useTranslation()
  const client = useClient()
  const [retryError, setRetryError] = useState<string | null>(null)
  const { error } = record
  const reason = serviceReason(error)
  const fix = fixCode(error)
  const field = reason.field && fieldLabel(t, reason.field)
  const retry = () => {
    setRetryError(null)
    client.call('tasks.retry', { taskId: record.id }).catch((failure: unknown) => {
      setRetryError(t(`errors.${failure instanceof BridgeError ? failure.code : 'internal'}`))
    })
  }
  return (
    <div role="alert" className="wb-task-error">
      <p>{t(`errors.${error?.code ?? 'internal'}`)}</p>
      {(field || reason.message) && (
        <p data-testid="task-service-reason">
          {field
            ? t('workbench.tasks.rejectedField', { field, reason: reason.message ?? '—' })
            : t('workbench.tasks.serviceSaid', { reason: reason.message })}
        </p>
      )}
      {fix && <p className="wb-task-fix">{t(`workbench.tasks.fix.${fix}`, { field: field ?? '' })}</p>}
      {canRetry(error) && (
        <button type="button" onClick={retry}>
          {t('workbench.tasks.retry')}
        </button>
      )}
      {retryError && <small>{retryError}</small>}
    </div>
  )
}
