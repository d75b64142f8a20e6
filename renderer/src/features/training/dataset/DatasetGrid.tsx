import { useTranslation } from 'react-i18next'
import type { DatasetImage, ImageProblem } from './dataset-types'
import { formatBytes } from './format-size'

interface GridProps {
  readonly images: readonly DatasetImage[]
  readonly byImage: Readonly<Record<string, ImageProblem>>
  onRemove(id: string): void
}

function ImageFacts({ image }: { readonly image: DatasetImage }) {
  const { t } = useTranslation()
  if (image.state === 'reading') return <span>{t('training.dataset.reading')}</span>
  if (image.state === 'unreadable') return null
  return (
    <span>
      {image.width}×{image.height} · {image.type?.toUpperCase()}
      {image.bytes !== null && ` · ${formatBytes(image.bytes)}`}
    </span>
  )
}

/** The set as thumbnails, each with its size and format, and its problem named on it. */
export function DatasetGrid({ images, byImage, onRemove }: GridProps) {
  const { t } = useTranslation()
  return (
    <ul className="tr-grid" aria-label={t('training.dataset.grid')}>
      {images.map((image) => {
        const problem = byImage[image.id]
        return (
          <li key={image.id} data-problem={problem?.kind} aria-label={image.name}>
            <div className="tr-thumb">
              {image.thumbUrl ? (
                <img src={image.thumbUrl} alt="" />
              ) : (
                <span className="tr-thumb-empty">{image.type ?? '?'}</span>
              )}
            </div>
            <span className="tr-name" title={image.name}>
              {image.name}
            </span>
            <small className="tr-facts">
              <ImageFacts image={image} />
            </small>
            {problem && (
              <small className="tr-problem" role="note">
                {t(`training.dataset.problem.${problem.kind}`, problem)}
              </small>
            )}
            <button
              type="button"
              className="tr-remove"
              aria-label={t('training.dataset.remove', { name: image.name })}
              title={t('training.dataset.remove', { name: image.name })}
              onClick={() => onRemove(image.id)}
            >
              ×
            </button>
          </li>
        )
      })}
    </ul>
  )
}
