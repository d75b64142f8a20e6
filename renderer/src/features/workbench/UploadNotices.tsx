import { useTranslation } from 'react-i18next'
import type { Profile, StorageConfig } from '../../../../main/contract'
import { Modal } from '../../shared/ui/Modal'

interface ConfirmProps {
  readonly profile: Profile
  readonly storage: StorageConfig
  readonly onConfirm: () => void
  readonly onCancel: () => void
}

/**
 * Shown before local images first go to a profile's storage: exactly where they go, how long
 * their links work and whether they are deleted after the task. Asked once per profile and bucket.
 */
export function UploadConfirmDialog({ profile, storage, onConfirm, onCancel }: ConfirmProps) {
  const { t } = useTranslation()
  const rows: [string, string][] = [
    ['endpoint', storage.endpoint ?? t('workbench.upload.awsEndpoint', { region: storage.region })],
    ['region', storage.region],
    ['bucket', storage.bucket],
    ['prefix', storage.prefix || t('workbench.upload.noPrefix')],
    ['expiry', t('workbench.upload.minutes', { count: Math.round(storage.urlExpirySeconds / 60) })],
    ['afterTask', t(storage.keepUploads ? 'workbench.upload.kept' : 'workbench.upload.deleted')],
  ]
  return (
    <Modal
      title={t('workbench.upload.title')}
      description={t('workbench.upload.explain', { profile: profile.name })}
      onCancel={onCancel}
      className="wb-dialog"
      backdropClassName="wb-backdrop"
    >
      <dl className="wb-upload-facts">
        {rows.map(([key, value]) => (
          <div key={key}>
            <dt>{t(`workbench.upload.${key}`)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="wb-hint">{t('workbench.upload.once')}</p>
      <div className="wb-row">
        <button type="button" className="wb-generate" onClick={onConfirm}>
          {t('workbench.upload.confirm')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('workbench.upload.cancel')}
        </button>
      </div>
    </Modal>
  )
}

interface StorageNeededProps {
  readonly profile: Profile
  readonly onOpenSettings?: () => void
  readonly onClose: () => void
}

/** Local images without storage: why nothing was sent, where to set it up, what works meanwhile. */
export function StorageNeededNotice({ profile, onOpenSettings, onClose }: StorageNeededProps) {
  const { t } = useTranslation()
  return (
    <div role="alert" className="wb-notice">
      <strong>{t('workbench.upload.neededTitle')}</strong>
      <p>{t('workbench.upload.neededExplain', { profile: profile.name })}</p>
      <p>{t('workbench.upload.worksWithout')}</p>
      <div className="wb-row">
        {onOpenSettings && (
          <button type="button" onClick={onOpenSettings}>
            {t('workbench.upload.openSettings')}
          </button>
        )}
        <button type="button" onClick={onClose}>
          {t('workbench.upload.dismiss')}
        </button>
      </div>
    </div>
  )
}
