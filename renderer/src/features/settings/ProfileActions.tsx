import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Profile } from '#contract'
import { useClient } from '../../app/client-context'
import { errorText } from './error-text'
import { profileName } from './profile-text'
import { selectTest, toErrorShape, useSettingsStore } from './settings-store'

function TestResultLine({ profileId }: { profileId: string }) {
  const { t } = useTranslation()
  const result = useSettingsStore(selectTest(profileId))
  if (!result) return null
  if (result.state === 'running') return <p role="status">{t('settings.actions.testing')}</p>
  if (result.state === 'ok') {
    return (
      <p role="status" className="settings-ok" data-testid="test-result" data-outcome="ok">
        {t('settings.actions.testOk', { count: result.modelCount })}
      </p>
    )
  }
  return (
    <p role="alert" data-testid="test-result" data-outcome={result.error.code}>
      {t('settings.actions.testFailed', { message: errorText(t, result.error) })}
    </p>
  )
}

/** Test the connection, make the profile active, delete it (asking once more first). */
export function ProfileActions({ profile }: { profile: Profile }) {
  const { t } = useTranslation()
  const client = useClient()
  const testConnection = useSettingsStore((state) => state.testConnection)
  const reloadProfiles = useSettingsStore((state) => state.reloadProfiles)
  const running = useSettingsStore(selectTest(profile.id))?.state === 'running'
  const [confirming, setConfirming] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const act = async (call: () => Promise<unknown>) => {
    setError(null)
    try {
      await call()
      await reloadProfiles(client)
    } catch (failure) {
      setError(errorText(t, toErrorShape(failure)))
    }
  }

  return (
    <section className="settings-panel" aria-label={profileName(t, profile)}>
      <div className="settings-row">
        <button type="button" onClick={() => void testConnection(client, profile.id)} disabled={running}>
          {t('settings.actions.test')}
        </button>
        {profile.active ? (
          <span className="badge badge-ok">{t('settings.actions.isActive')}</span>
        ) : (
          <button
            type="button"
            onClick={() => void act(() => client.call('profiles.setActive', { id: profile.id }))}
          >
            {t('settings.actions.makeActive')}
          </button>
        )}
        {profile.kind === 'remote' && !confirming && (
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            {t('settings.actions.delete')}
          </button>
        )}
      </div>
      <TestResultLine profileId={profile.id} />
      {confirming && (
        <div role="alert" className="settings-row">
          <span>{t('settings.actions.confirmDelete', { name: profile.name })}</span>
          <button
            type="button"
            className="danger"
            onClick={() =>
              void act(() => client.call('profiles.delete', { id: profile.id })).finally(() =>
                setConfirming(false),
              )
            }
          >
            {t('settings.actions.reallyDelete')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t('settings.form.cancel')}
          </button>
        </div>
      )}
      {error && <p role="alert">{error}</p>}
    </section>
  )
}
