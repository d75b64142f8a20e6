import { useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { queueLimitBounds } from '#contract'
import { useClient } from '../../app/client-context'
import { SaveOutcome, type SaveOutcomeMessage } from '../../shared/ui/SaveOutcome'

/**
 * Settings → Queue: how many tasks of the active profile may run at the service at once. The
 * service documents no limit; a "too many tasks" answer makes the queue wait and retry.
 */
export function QueueLimitSection() {
  const { t } = useTranslation()
  const client = useClient()
  const [limit, setLimit] = useState<number | null>(null)
  const [message, setMessage] = useState<SaveOutcomeMessage | null>(null)
  useEffect(() => {
    client.call('queue.list', { count: 1 }).then(
      (state) => setLimit(state.limit),
      () => undefined,
    )
  }, [client])
  if (limit === null) return null
  const submit = (event: FormEvent) => {
    event.preventDefault()
    client.call('queue.setLimit', { limit }).then(
      (state) => setMessage({ text: t('queue.limitSaved', { limit: state.limit }), failed: false }),
      () => setMessage({ text: t('queue.limitBad', queueLimitBounds), failed: true }),
    )
  }
  return (
    <form className="settings-panel settings-form" aria-labelledby="queue-limit-title" onSubmit={submit}>
      <h3 id="queue-limit-title">{t('queue.limitTitle')}</h3>
      <p className="settings-muted">{t('queue.limitHint')}</p>
      <label>
        {t('queue.limit')}
        <input
          type="number"
          value={limit}
          onChange={(event) => setLimit(Math.trunc(Number(event.target.value) || 0))}
        />
      </label>
      <button type="submit">{t('queue.limitSave')}</button>
      <SaveOutcome message={message} />
    </form>
  )
}
