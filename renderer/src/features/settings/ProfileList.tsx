import { useTranslation } from 'react-i18next'
import type { Profile } from '#contract'
import { profileName } from './profile-text'
import { selectProfiles, selectSelection, useSettingsStore } from './settings-store'

function KeysBadge({ profile }: { profile: Profile }) {
  const { t } = useTranslation()
  if (!profile.keys.required) return null
  if (!profile.keys.set)
    return <span className="badge badge-warning">{t('settings.profiles.keysNeeded')}</span>
  return (
    <span className={profile.keys.store === 'session' ? 'badge badge-warning' : 'badge'}>
      {profile.keys.store === 'session' ? t('settings.profiles.sessionKeys') : t('settings.profiles.keysSet')}
      {profile.keys.keyIdLast4 !== null &&
        ` · ${t('settings.profiles.keyIdHint', { last4: profile.keys.keyIdLast4 })}`}
    </span>
  )
}

/** Every profile, the active one marked; choosing one shows it on the right. */
export function ProfileList() {
  const { t } = useTranslation()
  const profiles = useSettingsStore(selectProfiles)
  const selected = useSettingsStore(selectSelection)
  const select = useSettingsStore((state) => state.select)
  return (
    <section className="settings-panel" aria-labelledby="profiles-heading">
      <h3 id="profiles-heading">{t('settings.profiles.heading')}</h3>
      <ul className="profile-list">
        {profiles.map((profile) => (
          <li key={profile.id} data-testid={`profile-${profile.id}`} data-active={profile.active}>
            <button type="button" aria-pressed={selected === profile.id} onClick={() => select(profile.id)}>
              <span className="profile-name">{profileName(t, profile)}</span>
              {profile.active && <span className="badge badge-ok">{t('settings.profiles.active')}</span>}
              <KeysBadge profile={profile} />
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => select('new')} aria-pressed={selected === 'new'}>
        {t('settings.profiles.add')}
      </button>
    </section>
  )
}
