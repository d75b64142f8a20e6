import { useTranslation } from 'react-i18next'
import { selectFileNotice, useSettingsStore } from './settings-store'

/** Tells the user their settings file was kept aside (never silently replaced) and defaults are in use. */
export function SettingsFileNotice() {
  const { t } = useTranslation()
  const file = useSettingsStore(selectFileNotice)
  const dismiss = useSettingsStore((state) => state.dismissFileNotice)
  if (!file) return null
  const reason = t(`settings.file.reason.${file.reason ?? 'unreadable'}`)
  return (
    <div role="alert" className="settings-notice settings-notice-warning" data-testid="settings-file-notice">
      <p>
        {file.state === 'recovered'
          ? t('settings.file.recovered', { reason, file: file.keptAside ?? '' })
          : t('settings.file.unreadable', { reason })}
      </p>
      <button type="button" onClick={dismiss}>
        {t('settings.file.dismiss')}
      </button>
    </div>
  )
}
