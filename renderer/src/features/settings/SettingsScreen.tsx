import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useClient } from '../../app/client-context'
import { CliCommandPanel } from './CliCommandPanel'
import { KeychainPanel } from './KeychainPanel'
import { KeysForm } from './KeysForm'
import { ProfileActions } from './ProfileActions'
import { ProfileForm } from './ProfileForm'
import { ProfileList } from './ProfileList'
import { SettingsFileNotice } from './SettingsFileNotice'
import { StorageSection } from './StorageSection'
import { OutputFolderSection } from '../results'
import { WildcardsFolderSection } from '../dynamic-prompts'
import { QueueLimitSection } from '../queue'
import { errorText } from './error-text'
import './settings.css'
import { selectLoadError, selectSelectedProfile, selectSelection, useSettingsStore } from './settings-store'

/** Connection profiles, their write-only keys, the keychain's state and the settings file's health. */
export function SettingsScreen() {
  const { t } = useTranslation()
  const client = useClient()
  const load = useSettingsStore((state) => state.load)
  const reloadProfiles = useSettingsStore((state) => state.reloadProfiles)
  const selection = useSettingsStore(selectSelection)
  const profile = useSettingsStore(selectSelectedProfile)
  const loadError = useSettingsStore(selectLoadError)

  useEffect(() => {
    void load(client)
    // Another window (or the CLI) may change profiles; reload rather than trust our copy.
    return client.on('profiles.changed', () => void reloadProfiles(client).catch(() => undefined))
  }, [client, load, reloadProfiles])

  return (
    <section className="settings" aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('settings.title')}</h2>
      <SettingsFileNotice />
      {loadError && <p role="alert">{t('settings.loadFailed', { message: errorText(t, loadError) })}</p>}
      <div className="settings-columns">
        <div>
          <ProfileList />
          <KeychainPanel />
          <OutputFolderSection />
          <CliCommandPanel />
          <WildcardsFolderSection />
          <QueueLimitSection />
        </div>
        <div>
          {selection === 'new' && <ProfileForm key="new" profile={null} />}
          {profile && (
            <>
              <ProfileForm key={profile.id} profile={profile} />
              {profile.kind === 'remote' && <KeysForm key={`keys-${profile.id}`} profile={profile} />}
              <StorageSection key={`storage-${profile.id}`} profile={profile} />
              <ProfileActions key={`actions-${profile.id}`} profile={profile} />
            </>
          )}
        </div>
      </div>
    </section>
  )
}
