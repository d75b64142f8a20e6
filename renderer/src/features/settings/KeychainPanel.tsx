import { useTranslation } from 'react-i18next'
import { useClient } from '../../app/client-context'
import { keychainFixText } from './error-text'
import { selectKeychain, useSettingsStore } from './settings-store'

/** Where keys go, and when that is not the keychain, why and how to fix it. */
export function KeychainPanel() {
  const { t } = useTranslation()
  const client = useClient()
  const keychain = useSettingsStore(selectKeychain)
  const checkKeychain = useSettingsStore((state) => state.checkKeychain)
  const state = keychain?.state ?? 'unchecked'
  return (
    <section
      className="settings-panel"
      aria-labelledby="keychain-heading"
      data-testid="keychain-status"
      data-state={state}
    >
      <h3 id="keychain-heading">{t('settings.keychain.heading')}</h3>
      <p className={state === 'ready' ? 'settings-ok' : undefined}>{t(`settings.keychain.state.${state}`)}</p>
      {keychain?.problem && (
        <>
          <p>{t(`settings.keychain.problem.${keychain.problem.reason}`)}</p>
          <p className="settings-fix">{keychainFixText(t, keychain.problem, keychain.platform)}</p>
        </>
      )}
      {keychain?.newKeysGoTo === 'session' && (
        <p
          role="status"
          className="settings-notice settings-notice-warning"
          data-testid="session-only-notice"
        >
          {t('settings.keychain.sessionOnly')}
        </p>
      )}
      {state !== 'ready' && (
        <button type="button" onClick={() => void checkKeychain(client, true)}>
          {t('settings.keychain.recheck')}
        </button>
      )}
    </section>
  )
}
