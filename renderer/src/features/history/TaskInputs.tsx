import { useTranslation } from 'react-i18next'
import type { TaskInput, TaskRecord } from '../../../../main/contract'
import { pixelSizeText } from './format'
import { Thumbnail } from './TaskRow'
import type { ThumbnailCache } from './thumbnail-cache'

function InputFacts({ input }: { input: TaskInput }) {
  const { t } = useTranslation()
  return (
    <dl className="history-input-facts">
      <div>
        <dt>{t('history.inputs.origin')}</dt>
        <dd>{t(`history.inputs.origins.${input.origin}`)}</dd>
      </div>
      <div>
        <dt>{t('history.inputs.sent')}</dt>
        <dd>{input.sent ? pixelSizeText(input.sent) : t('history.detail.unknown')}</dd>
      </div>
      {input.resizedFrom && (
        <div>
          <dt>{t('history.inputs.resizedFrom')}</dt>
          <dd>{pixelSizeText(input.resizedFrom)}</dd>
        </div>
      )}
      {input.storageObject && (
        <div>
          <dt>{t('history.inputs.stored')}</dt>
          <dd className="history-mono">{`${input.storageObject.bucket}/${input.storageObject.key}`}</dd>
        </div>
      )}
      {input.cacheKey === null && (
        <div>
          <dt>{t('history.inputs.localCopy')}</dt>
          <dd>{t('history.inputs.noLocalCopy')}</dd>
        </div>
      )}
    </dl>
  )
}

/**
 * What an image task was given: each input image (source, mask, control images) from its local
 * copy, with where it came from and what was sent (size, and the original when it was resized).
 */
export function TaskInputs({ record, thumbnails }: { record: TaskRecord; thumbnails: ThumbnailCache }) {
  const { t } = useTranslation()
  const inputs = record.inputs ?? []
  if (record.kind === 'text2image' || inputs.length === 0) return null
  return (
    <>
      <h4>{t('history.inputs.title')}</h4>
      <ul className="history-detail-inputs" aria-label={t('history.inputs.title')}>
        {inputs.map((input, index) => {
          const name = t(`history.inputs.roles.${input.role}`, { unit: (input.unit ?? 0) + 1 })
          return (
            <li key={`${input.role}-${input.unit ?? 0}-${index}`} aria-label={name}>
              <Thumbnail cache={thumbnails} cacheKey={input.cacheKey} size={96} />
              <strong>{name}</strong>
              <InputFacts input={input} />
            </li>
          )
        })}
      </ul>
    </>
  )
}
