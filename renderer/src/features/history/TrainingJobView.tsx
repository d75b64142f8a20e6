import { useTranslation } from 'react-i18next'
import type { TaskRecord, TrainingImage, TrainingTracking } from '#contract'
import { useThumbnail, type ThumbnailCache } from './thumbnail-cache'

function DatasetThumb({ image, thumbnails }: { image: TrainingImage; thumbnails: ThumbnailCache }) {
  const url = useThumbnail(thumbnails, image.cacheKey)
  return (
    <li title={image.name}>
      {url ? <img src={url} alt={image.name} width={64} height={64} /> : <span>{image.name}</span>}
      <small className="history-muted">
        {image.width}×{image.height}
      </small>
    </li>
  )
}

/** How the watch of a sent job stands, in the UI's language; nothing for jobs from before it was kept. */
function WatchStatus({ tracking }: { tracking: TrainingTracking | null | undefined }) {
  const { t, i18n } = useTranslation()
  if (!tracking) return null
  const { checks, checkedAt, loraCount } = tracking
  const line =
    checks === 0 || checkedAt === null
      ? t('history.training.notChecked')
      : t(`history.training.${tracking.code === 'watching' ? 'checked' : 'checkFailed'}`, {
          count: checks,
          time: new Date(checkedAt).toLocaleTimeString(i18n.language),
          loras: loraCount ?? 0,
        })
  return (
    <>
      <h4>{t('history.training.tracking')}</h4>
      <p>{line}</p>
    </>
  )
}

/**
 * A training job in the history: the LoRA it produced (and how it was found), its trigger words,
 * and its dataset as thumbnails from the local copies, so job, pictures and LoRA stay together
 * after the files move and the uploads are deleted.
 */
export function TrainingJobView({
  record,
  thumbnails,
  onOpenLora,
}: {
  record: TaskRecord
  thumbnails: ThumbnailCache
  onOpenLora?: (name: string) => void
}) {
  const { t } = useTranslation()
  if (record.kind !== 'training') return null
  const lora = record.lora
  return (
    <section className="history-training" aria-label={t('history.training.title')}>
      <h4>{t('history.training.lora')}</h4>
      {lora ? (
        <p>
          {onOpenLora ? (
            <button type="button" className="lineage-open" onClick={() => onOpenLora(lora.fileName)}>
              {t('history.training.inLibrary', { name: lora.displayName })}
            </button>
          ) : (
            lora.displayName
          )}{' '}
          <span className="history-mono">{lora.fileName}</span>
        </p>
      ) : (
        <p className="history-muted">{t('history.training.noLora')}</p>
      )}
      {record.stage === 'training' && <WatchStatus tracking={record.tracking} />}
      {record.triggerWords.length > 0 && (
        <p>{t('history.training.triggerWords', { words: record.triggerWords.join(', ') })}</p>
      )}
      <h4>{t('history.training.dataset', { count: record.dataset.length })}</h4>
      <ul className="history-training-dataset" aria-label={t('history.training.datasetLabel')}>
        {record.dataset.map((image) => (
          <DatasetThumb key={image.sha256} image={image} thumbnails={thumbnails} />
        ))}
      </ul>
    </section>
  )
}
