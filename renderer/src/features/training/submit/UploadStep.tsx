import { useTranslation } from 'react-i18next'
import { linkLifetimeIsShort, trainingLinkLimits, type Profile } from '#contract'
import { useTrainingStore } from '../training-store'

interface UploadStepProps {
  readonly profile: Profile | null
  onOpenSettings?(): void
}

const dayChoices = Array.from(
  { length: trainingLinkLimits.maxDays - trainingLinkLimits.minDays + 1 },
  (_, index) => trainingLinkLimits.minDays + index,
)

/** Where the pictures go: the demo simulator, the profile's storage, or nowhere yet (with the way to Settings). */
function Destination({ profile, onOpenSettings }: UploadStepProps) {
  const { t } = useTranslation()
  if (profile === null) return <p className="tr-hint">{t('training.upload.noProfile')}</p>
  if (profile.kind === 'demo') return <p className="tr-hint">{t('training.upload.demo')}</p>
  if (profile.storage === null)
    return (
      <div className="tr-warn" role="alert">
        <span>{t('training.upload.noStorage', { profile: profile.name })}</span>
        {onOpenSettings && (
          <button type="button" onClick={onOpenSettings}>
            {t('training.upload.openSettings')}
          </button>
        )}
      </div>
    )
  return (
    <p className="tr-hint">
      {t('training.upload.destination', {
        bucket: profile.storage.bucket,
        endpoint: profile.storage.endpoint ?? `AWS S3 (${profile.storage.region})`,
      })}
    </p>
  )
}

/**
 * Step 3: where the pictures go and how long their links work. Training can wait in the service's
 * queue and run for hours, so the links live the 7-day maximum unless shortened, and a short
 * lifetime is warned about with the maximum one click away. Uploads are deleted when the job ends
 * unless kept. The consent itself is the img2img one, asked at Submit.
 */
export function UploadStep({ profile, onOpenSettings }: UploadStepProps) {
  const { t } = useTranslation()
  const keepUploads = useTrainingStore((state) => state.keepUploads)
  const days = useTrainingStore((state) => state.linkLifetimeDays)
  const { setKeepUploads, setLinkLifetimeDays } = useTrainingStore.getState()
  return (
    <section className="tr-step" aria-labelledby="tr-upload-title">
      <h3 id="tr-upload-title">{t('training.upload.title')}</h3>
      <Destination profile={profile} onOpenSettings={onOpenSettings} />
      <label className="tr-check">
        {t('training.upload.lifetime')}
        <select value={days} onChange={(event) => setLinkLifetimeDays(Number(event.target.value))}>
          {dayChoices.map((count) => (
            <option key={count} value={count}>
              {t('training.upload.days', { count })}
            </option>
          ))}
        </select>
      </label>
      {linkLifetimeIsShort(days) && (
        <div className="tr-warn" role="note">
          <span>{t('training.upload.shortLinks', { count: days })}</span>
          <button type="button" onClick={() => setLinkLifetimeDays(trainingLinkLimits.maxDays)}>
            {t('training.upload.useMaximum')}
          </button>
        </div>
      )}
      <label className="tr-check">
        <input
          type="checkbox"
          checked={keepUploads}
          onChange={(event) => setKeepUploads(event.target.checked)}
        />
        {t('training.upload.keep')}
      </label>
    </section>
  )
}
