import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { HistoryRecovery } from '#contract'
import { useClient } from '../../app/client-context'
import { selectNotice, useHistoryStore } from './history-store'

/** The outcome of the last action: a status for success, an alert for a failure. */
export function NoticeBar() {
  const { t } = useTranslation()
  const notice = useHistoryStore(selectNotice)
  const setNotice = useHistoryStore((state) => state.setNotice)
  if (!notice) return null
  const reason = notice.error ? ` ${t(`errors.${notice.error.code}`)}` : ''
  return (
    <div
      className={`history-notice history-notice-${notice.tone}`}
      role={notice.tone === 'error' ? 'alert' : 'status'}
    >
      <span>{`${t(notice.key, { ...notice.values })}${reason}`}</span>
      <button type="button" onClick={() => setNotice(null)}>
        {t('history.notices.dismiss')}
      </button>
    </div>
  )
}

/**
 * Tells the user, once, that the history file was found damaged at start-up: what was recovered
 * and where the damaged file was kept. Dismissing it tells main not to report it again.
 */
export function RecoveryNotice() {
  const { t } = useTranslation()
  const client = useClient()
  const [recovery, setRecovery] = useState<HistoryRecovery | null>(null)
  useEffect(() => {
    client.call('history.recovery', {}).then(setRecovery, () => setRecovery(null))
  }, [client])
  if (!recovery) return null
  const dismiss = () => {
    setRecovery(null)
    client.call('history.dismissRecovery', {}).catch(() => undefined)
  }
  return (
    <div className="history-notice history-notice-error" role="alert">
      <span>
        {t('history.recovery.message', { recovered: recovery.recovered, file: recovery.keptAs })}{' '}
        {recovery.lost === null
          ? t('history.recovery.lostUnknown')
          : t('history.recovery.lost', { count: recovery.lost })}
      </span>
      <button type="button" onClick={dismiss}>
        {t('history.notices.dismiss')}
      </button>
    </div>
  )
}
