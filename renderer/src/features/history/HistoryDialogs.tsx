import { useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { historyLimits, type Profile } from '#contract'
import { useClient } from '../../app/client-context'
import { Modal } from '../../shared/ui/Modal'

export function DeleteDialog({
  count,
  onConfirm,
  onCancel,
}: {
  count: number
  onConfirm: () => void
  onCancel: () => void
}) {
  const { t } = useTranslation()
  return (
    <Modal
      className="history-dialog"
      backdropClassName="history-backdrop"
      title={t('history.delete.title', { count })}
      onCancel={onCancel}
    >
      <p>{t('history.delete.body', { count })}</p>
      <div className="history-dialog-buttons">
        <button type="button" onClick={onCancel}>
          {t('history.delete.cancel')}
        </button>
        <button type="button" className="history-danger" onClick={onConfirm}>
          {t('history.delete.confirm', { count })}
        </button>
      </div>
    </Modal>
  )
}

interface LookupDialogProps {
  readonly busy: boolean
  readonly error: string | null
  onLookup(taskId: string, profileId: string | undefined): void
  onCancel(): void
}

/** "Look up a task by id": asks the service's archive and adds the task to the history. */
export function LookupDialog({ busy, error, onLookup, onCancel }: LookupDialogProps) {
  const { t } = useTranslation()
  const client = useClient()
  const [taskId, setTaskId] = useState('')
  const [profileId, setProfileId] = useState('')
  const [profiles, setProfiles] = useState<readonly Profile[]>([])
  useEffect(() => {
    client.call('profiles.list', {}).then(
      (answer) => setProfiles(answer.profiles),
      () => setProfiles([]),
    )
  }, [client])
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (taskId.trim() !== '') onLookup(taskId.trim(), profileId === '' ? undefined : profileId)
  }
  return (
    <Modal
      className="history-dialog"
      backdropClassName="history-backdrop"
      title={t('history.lookup.title')}
      onCancel={onCancel}
    >
      <form onSubmit={submit} aria-label={t('history.lookup.title')}>
        <p className="history-muted">{t('history.lookup.hint')}</p>
        <label>
          {t('history.lookup.taskId')}
          <input
            value={taskId}
            required
            maxLength={historyLimits.idMaxLength}
            onChange={(event) => setTaskId(event.target.value)}
          />
        </label>
        <label>
          {t('history.lookup.profile')}
          <select value={profileId} onChange={(event) => setProfileId(event.target.value)}>
            <option value="">{t('history.lookup.activeProfile')}</option>
            {profiles.map((profile) => (
              <option key={profile.id} value={profile.id}>
                {profile.name}
              </option>
            ))}
          </select>
        </label>
        {error && (
          <p role="alert" className="history-error-text">
            {error}
          </p>
        )}
        <div className="history-dialog-buttons">
          <button type="button" onClick={onCancel}>
            {t('history.lookup.cancel')}
          </button>
          <button type="submit" disabled={busy || taskId.trim() === ''}>
            {busy ? t('history.lookup.busy') : t('history.lookup.submit')}
          </button>
        </div>
      </form>
    </Modal>
  )
}
