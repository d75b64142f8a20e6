import { useTranslation } from 'react-i18next'
import type { TaskRecord } from '#contract'
import { useThumb } from './use-latest-task'

function StripItem({
  record,
  index,
  selected,
  onSelect,
  onOpen,
}: {
  record: TaskRecord
  index: number
  selected: boolean
  onSelect(index: number): void
  onOpen(index: number): void
}) {
  const { t } = useTranslation()
  const image = record.images[index]
  const src = useThumb(image?.cacheKey ?? null)
  const label = t('results.thumb', { index: index + 1, seed: image?.seed ?? '?' })
  return (
    <li>
      <button
        type="button"
        className="results-thumb"
        aria-pressed={selected}
        aria-label={label}
        title={t('results.thumbHint')}
        onClick={() => onSelect(index)}
        onDoubleClick={() => onOpen(index)}
      >
        {src ? <img src={src} alt="" draggable={false} /> : <span className="results-thumb-empty" />}
      </button>
    </li>
  )
}

/** The batch under the large image: click shows one, double-click opens it in the viewer. */
export function BatchStrip({
  record,
  selected,
  onSelect,
  onOpen,
}: {
  readonly record: TaskRecord
  readonly selected: number
  onSelect(index: number): void
  onOpen(index: number): void
}) {
  const { t } = useTranslation()
  if (record.images.length < 2) return null
  return (
    <ul className="results-strip" aria-label={t('results.batch', { count: record.images.length })}>
      {record.images.map((image, index) => (
        <StripItem
          key={`${image.url}-${index}`}
          record={record}
          index={index}
          selected={index === selected}
          onSelect={onSelect}
          onOpen={onOpen}
        />
      ))}
    </ul>
  )
}
