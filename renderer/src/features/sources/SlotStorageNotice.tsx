import { useTranslation } from 'react-i18next'
import type { Profile } from '../../../../main/contract'
import { openStorageSettings } from './open-settings'

/**
 * Said at the slot as soon as a local image lands there on a profile without image storage, so
 * nobody paints a whole mask before Generate explains that the image cannot be sent.
 */
export function SlotStorageNotice({ profile }: { readonly profile: Profile }) {
  const { t } = useTranslation()
  return (
    <div role="alert" className="src-notice">
      <strong>{t('sources.slotStorage.title')}</strong>
      <p>{t('sources.slotStorage.explain', { profile: profile.name })}</p>
      <div className="src-actions">
        <button type="button" onClick={openStorageSettings}>
          {t('sources.upload.openSettings')}
        </button>
      </div>
    </div>
  )
}
