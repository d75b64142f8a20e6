import { useTranslation } from 'react-i18next'
import type { Profile } from '#contract'
import { openStorageSettings } from './open-settings'

export interface SlotStorageNoticeProps {
  readonly profile: Profile
  /**
   * What cannot be sent, when it is not the slot's own image: inpaint says so of the mask it is
   * about to paint. The slot's image by default.
   */
  readonly text?: { readonly title: string; readonly explain: string }
}

/**
 * Said at the slot as soon as a local image lands there on a profile without image storage, so
 * nobody paints a whole mask before Generate explains that the image cannot be sent.
 */
export function SlotStorageNotice({ profile, text }: SlotStorageNoticeProps) {
  const { t } = useTranslation()
  return (
    <div role="alert" className="src-notice">
      <strong>{text?.title ?? t('sources.slotStorage.title')}</strong>
      <p>{text?.explain ?? t('sources.slotStorage.explain', { profile: profile.name })}</p>
      <div className="src-actions">
        <button type="button" onClick={openStorageSettings}>
          {t('sources.upload.openSettings')}
        </button>
      </div>
    </div>
  )
}
