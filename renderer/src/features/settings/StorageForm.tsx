import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { Profile } from '#contract'
import { useClient } from '../../app/client-context'
import { errorText } from './error-text'
import { toErrorShape, useSettingsStore } from './settings-store'
import {
  draftFrom,
  draftProblem,
  draftToInput,
  lifetimeMinutes,
  providerIds,
  withProvider,
  withRegion,
  type StorageDraft,
  type StorageProvider,
} from './storage-providers'

type Feedback = { kind: 'saved' | 'removed' } | { kind: 'error'; text: string } | null

/** Where a user profile uploads local input images: provider, endpoint, bucket, prefix, lifetimes. */
export function StorageForm({ profile }: { profile: Profile }) {
  const { t } = useTranslation()
  const client = useClient()
  const reloadProfiles = useSettingsStore((state) => state.reloadProfiles)
  const clearStorageTest = useSettingsStore((state) => state.clearStorageTest)
  const [draft, setDraft] = useState<StorageDraft>(() => draftFrom(profile.storage))
  const [feedback, setFeedback] = useState<Feedback>(null)
  const [busy, setBusy] = useState(false)
  const edit = (change: Partial<StorageDraft>) => setDraft((current) => ({ ...current, ...change }))

  const send = async (storage: ReturnType<typeof draftToInput> | null, done: Feedback) => {
    setBusy(true)
    try {
      await client.call('profiles.setStorage', { id: profile.id, storage })
      clearStorageTest(profile.id)
      await reloadProfiles(client)
      setFeedback(done)
    } catch (error) {
      setFeedback({ kind: 'error', text: errorText(t, toErrorShape(error)) })
    } finally {
      setBusy(false)
    }
  }

  const save = (event: FormEvent) => {
    event.preventDefault()
    const problem = draftProblem(draft)
    if (problem) return setFeedback({ kind: 'error', text: t(`settings.storage.errors.${problem}`) })
    void send(draftToInput(draft), { kind: 'saved' })
  }

  const heading = t('settings.storage.formHeading')
  return (
    <form className="settings-form" onSubmit={save} aria-label={heading} noValidate>
      <label>
        {t('settings.storage.provider')}
        <select
          value={draft.provider}
          onChange={(e) => setDraft(withProvider(draft, e.target.value as StorageProvider))}
        >
          {providerIds.map((id) => (
            <option key={id} value={id}>
              {t(`settings.storage.providers.${id}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('settings.storage.endpoint')}
        <input
          type="url"
          value={draft.endpoint}
          onChange={(e) => edit({ endpoint: e.target.value })}
          placeholder={draft.provider === 'aws' ? t('settings.storage.endpointAws') : undefined}
          aria-describedby={`storage-endpoint-help-${profile.id}`}
          maxLength={2048}
          spellCheck={false}
        />
      </label>
      <small id={`storage-endpoint-help-${profile.id}`} className="settings-muted">
        {t(`settings.storage.endpointHelp.${draft.provider}`)}
      </small>
      <label>
        {t('settings.storage.region')}
        <input
          value={draft.region}
          onChange={(e) => setDraft(withRegion(draft, e.target.value))}
          maxLength={64}
          spellCheck={false}
        />
      </label>
      <label>
        {t('settings.storage.bucket')}
        <input
          value={draft.bucket}
          onChange={(e) => edit({ bucket: e.target.value })}
          maxLength={63}
          spellCheck={false}
        />
      </label>
      <label>
        {t('settings.storage.prefix')}
        <input
          value={draft.prefix}
          onChange={(e) => edit({ prefix: e.target.value })}
          maxLength={256}
          spellCheck={false}
        />
      </label>
      <label className="settings-check">
        <input
          type="checkbox"
          checked={draft.forcePathStyle}
          onChange={(e) => edit({ forcePathStyle: e.target.checked })}
        />
        {t('settings.storage.pathStyle')}
      </label>
      <label>
        {t('settings.storage.lifetime')}
        <input
          type="number"
          inputMode="numeric"
          min={lifetimeMinutes.min}
          max={lifetimeMinutes.max}
          value={draft.lifetimeMinutes}
          onChange={(e) => edit({ lifetimeMinutes: e.target.value })}
        />
      </label>
      <label className="settings-check">
        <input
          type="checkbox"
          checked={draft.keepUploads}
          onChange={(e) => edit({ keepUploads: e.target.checked })}
        />
        {t('settings.storage.keepUploads')}
      </label>
      <div className="settings-row">
        <button type="submit" disabled={busy}>
          {t('settings.storage.save')}
        </button>
        {profile.storage && (
          <button type="button" disabled={busy} onClick={() => void send(null, { kind: 'removed' })}>
            {t('settings.storage.remove')}
          </button>
        )}
      </div>
      {feedback && feedback.kind !== 'error' && <p role="status">{t(`settings.storage.${feedback.kind}`)}</p>}
      {feedback?.kind === 'error' && <p role="alert">{feedback.text}</p>}
    </form>
  )
}
