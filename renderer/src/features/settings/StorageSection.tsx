import { useTranslation } from 'react-i18next'
import type { Profile } from '#contract'
import { useClient } from '../../app/client-context'
import { KeyEntryForm } from './KeyEntryForm'
import { StorageForm } from './StorageForm'
import { errorText } from './error-text'
import { selectStorageTest, useSettingsStore } from './settings-store'
import { storageSummary } from './storage-text'

function StorageTestLine({ profileId }: { profileId: string }) {
  const { t } = useTranslation()
  const result = useSettingsStore(selectStorageTest(profileId))
  if (!result) return null
  if (result.state === 'running') return <p role="status">{t('settings.storage.testing')}</p>
  if (result.state === 'ok') {
    return (
      <p role="status" className="settings-ok" data-testid="storage-test-result" data-outcome="ok">
        {t('settings.storage.testOk', { bucket: result.bucket })}
      </p>
    )
  }
  return (
    <p role="alert" data-testid="storage-test-result" data-outcome={result.error.code}>
      {t('settings.storage.testFailed', { message: errorText(t, result.error) })}
    </p>
  )
}

/**
 * The profile's image storage (issue 7): where local input images are uploaded so the service can
 * fetch them, said in one sentence before anything is uploaded, with its write-only keys and a
 * round-trip test. The demo profile keeps images on this computer and has nothing to set up.
 */
export function StorageSection({ profile }: { profile: Profile }) {
  const { t } = useTranslation()
  const client = useClient()
  const testStorage = useSettingsStore((state) => state.testStorage)
  const running = useSettingsStore(selectStorageTest(profile.id))?.state === 'running'
  const headingId = `storage-heading-${profile.id}`

  if (profile.kind === 'demo') {
    return (
      <section className="settings-panel" aria-labelledby={headingId}>
        <h3 id={headingId}>{t('settings.storage.heading')}</h3>
        <p data-testid="storage-summary">{t('settings.storage.summary.demo')}</p>
      </section>
    )
  }

  return (
    <section className="settings-panel" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('settings.storage.heading')}</h3>
      <p data-testid="storage-summary" className={profile.storage ? undefined : 'settings-muted'}>
        {profile.storage ? storageSummary(t, profile.storage) : t('settings.storage.summary.none')}
      </p>
      <StorageForm key={`storage-${profile.id}`} profile={profile} />
      <KeyEntryForm
        heading={t('settings.storage.keysHeading')}
        status={profile.storageKeys}
        labels={{ id: t('settings.storage.accessKeyId'), secret: t('settings.storage.secretAccessKey') }}
        save={(keys, sessionOnly) =>
          client.call('credentials.setStorageKeys', {
            profileId: profile.id,
            accessKeyId: keys.id,
            secretAccessKey: keys.secret,
            sessionOnly,
          })
        }
        clear={() => client.call('credentials.clearStorageKeys', { profileId: profile.id })}
      />
      {profile.storage && (
        <div className="settings-row">
          <button type="button" disabled={running} onClick={() => void testStorage(client, profile.id)}>
            {t('settings.storage.test')}
          </button>
        </div>
      )}
      <StorageTestLine profileId={profile.id} />
    </section>
  )
}
