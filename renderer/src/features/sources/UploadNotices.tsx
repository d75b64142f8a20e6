import { useTranslation } from 'react-i18next'
import type { Profile, StorageConfig } from '#contract'
import { Modal } from '../../shared/ui/Modal'
import './sources.css'

/** What the upload is for: it changes what the dialog explains and what its button does next. */
export type UploadPurpose = 'generate' | 'preview' | 'tool' | 'training'

interface ConfirmProps {
  readonly profile: Profile
  readonly storage: StorageConfig
  readonly purpose: UploadPurpose
  /** Whether the uploads stay in the bucket afterwards, as this request will say. */
  readonly keepUploads: boolean
  /** The links' lifetime when this request asks for its own (a training job's 7-day links). */
  readonly urlExpirySeconds?: number
  readonly onConfirm: () => void
  readonly onCancel: () => void
}

/**
 * Shown before local images first go to a storage destination: exactly where they go, how long
 * their links work and whether they are deleted afterwards. Asked again when the destination changes.
 */
export function UploadConfirmDialog(props: ConfirmProps) {
  const { profile, storage, purpose, keepUploads, onConfirm, onCancel } = props
  const { t } = useTranslation()
  const expiry = props.urlExpirySeconds ?? storage.urlExpirySeconds
  const rows: [string, string][] = [
    [
      t('sources.upload.endpoint'),
      storage.endpoint ?? t('sources.upload.awsEndpoint', { region: storage.region }),
    ],
    [t('sources.upload.region'), storage.region],
    [t('sources.upload.bucket'), storage.bucket],
    [t('sources.upload.prefix'), storage.prefix || t('sources.upload.noPrefix')],
    [
      t('sources.upload.expiry'),
      expiry >= 86_400 && expiry % 86_400 === 0
        ? t('sources.upload.days', { count: expiry / 86_400 })
        : t('sources.upload.minutes', { count: Math.round(expiry / 60) }),
    ],
    [t(`sources.upload.${purpose}.after`), t(keepUploads ? 'sources.upload.kept' : 'sources.upload.deleted')],
  ]
  return (
    <Modal
      title={t('sources.upload.title')}
      description={t(`sources.upload.${purpose}.explain`, { profile: profile.name })}
      onCancel={onCancel}
      className="src-dialog"
      backdropClassName="src-backdrop"
    >
      <dl className="fact-list src-upload-facts">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="src-hint">{t('sources.upload.once')}</p>
      <div className="src-actions">
        <button type="button" className="src-primary" onClick={onConfirm}>
          {t(`sources.upload.${purpose}.confirm`)}
        </button>
        <button type="button" onClick={onCancel}>
          {t('sources.upload.cancel')}
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
    <div role="alert" className="src-notice">
      <strong>{t('sources.upload.neededTitle')}</strong>
      <p>{t('sources.upload.neededExplain', { profile: profile.name })}</p>
      <p>{t('sources.upload.worksWithout')}</p>
      <div className="src-actions">
        {onOpenSettings && (
          <button type="button" onClick={onOpenSettings}>
            {t('sources.upload.openSettings')}
          </button>
        )}
        <button type="button" onClick={onClose}>
          {t('sources.upload.dismiss')}
        </button>
      </div>
    </div>
  )
}
