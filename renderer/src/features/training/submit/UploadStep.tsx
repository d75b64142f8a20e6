import { useTranslation } from 'react-i18next'
import type { Profile } from '#contract'
import { useTrainingStore } from '../training-store'
import { lifetimeParts, linkLifetimeOf, longestLinkSeconds } from './link-lifetime'

interface UploadStepProps {
  readonly profile: Profile | null
  onOpenSettings?(): void
}

function Lifetime({ seconds }: { readonly seconds: number }) {
  const { t } = useTranslation()
  const { unit, count } = lifetimeParts(seconds)
  return <>{t(`training.upload.${unit}`, { count })}</>
}

/**
 * Step 3: where the pictures go and for how long their links work. Training can wait in the
 * service's queue and run for hours, so a link shorter than the 7-day maximum is warned about,
 * with the maximum one click away; uploads are deleted when the job ends unless kept.
 */
export function UploadStep({ profile, onOpenSettings }: UploadStepProps) {
  const { t } = useTranslation()
  const keepUploads = useTrainingStore((state) => state.keepUploads)
  const longLinks = useTrainingStore((state) => state.longLinks)
  const { setKeepUploads, setLongLinks } = useTrainingStore.getState()
  const lifetime = linkLifetimeOf(profile, longLinks)
  return (
    <section className="tr-step" aria-labelledby="tr-upload-title">
      <h3 id="tr-upload-title">{t('training.upload.title')}</h3>
      {profile === null && <p className="tr-hint">{t('training.upload.noProfile')}</p>}
      {profile?.kind === 'demo' && <p className="tr-hint">{t('training.upload.demo')}</p>}
      {profile && profile.kind !== 'demo' && profile.storage === null && (
        <div className="tr-warn" role="alert">
          {t('training.upload.noStorage', { profile: profile.name })}
          {onOpenSettings && (
            <button type="button" onClick={onOpenSettings}>
              {t('training.upload.openSettings')}
            </button>
          )}
        </div>
      )}
      {profile?.storage && (
        <p className="tr-hint">
          {t('training.upload.destination', {
            bucket: profile.storage.bucket,
            endpoint: profile.storage.endpoint ?? `AWS S3 (${profile.storage.region})`,
          })}
        </p>
      )}
      {lifetime !== null && (
        <p className="tr-hint">
          {t('training.upload.lifetime')} <Lifetime seconds={lifetime} />
        </p>
      )}
      {lifetime !== null && lifetime < longestLinkSeconds && (
        <div className="tr-warn" role="note">
          <span>{t('training.upload.shortLinks')}</span>
          <button type="button" onClick={() => setLongLinks(true)}>
            {t('training.upload.useMaximum')}
          </button>
        </div>
      )}
      {profile?.kind !== 'demo' && (
        <label className="tr-check">
          <input
            type="checkbox"
            checked={keepUploads}
            onChange={(event) => setKeepUploads(event.target.checked)}
          />
          {t('training.upload.keep')}
        </label>
      )}
    </section>
  )
}
