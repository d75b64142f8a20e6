import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TaskInput, TaskRecord } from '#contract'
import { formatTime, pixelSizeText, shortLink } from './format'
import { useThumbnail, type ThumbnailCache } from './thumbnail-cache'

const previewSize = 96

/** The local copy's state: still loading, shown, or not on this computer (or never made). */
type LocalCopy = 'loading' | 'present' | 'missing' | 'none'

const localCopyOf = (input: TaskInput, url: string | null | undefined): LocalCopy => {
  if (input.cacheKey === null) return 'none'
  if (url === undefined) return 'loading'
  return url === null ? 'missing' : 'present'
}

/** The link the service was given, shortened, and whether it still works. */
function LinkFact({ input, now }: { input: TaskInput; now: number }) {
  const { t, i18n } = useTranslation()
  const link = shortLink(input.url) ?? input.url
  if (link === '') return null
  const expiresAt = input.urlExpiresAt
  const expiry =
    expiresAt === null
      ? null
      : t(expiresAt <= now ? 'history.inputs.linkExpired' : 'history.inputs.linkValidUntil', {
          time: formatTime(expiresAt, i18n.language),
        })
  return (
    <div>
      <dt>{t('history.inputs.link')}</dt>
      <dd>
        <span className="history-mono">{link}</span>
        {expiry !== null && <span className="history-muted">{` (${expiry})`}</span>}
      </dd>
    </div>
  )
}

function InputFacts({ input, copy, now }: { input: TaskInput; copy: LocalCopy; now: number }) {
  const { t } = useTranslation()
  return (
    <dl className="fact-list history-input-facts">
      <div>
        <dt>{t('history.inputs.origin')}</dt>
        <dd>{t(`history.inputs.origins.${input.origin}`)}</dd>
      </div>
      <LinkFact input={input} now={now} />
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
      {(copy === 'none' || copy === 'missing') && (
        <div>
          <dt>{t('history.inputs.localCopy')}</dt>
          <dd>{t(copy === 'none' ? 'history.inputs.noLocalCopy' : 'history.inputs.missingLocalCopy')}</dd>
        </div>
      )}
    </dl>
  )
}

function InputImage({
  input,
  thumbnails,
  now,
}: {
  input: TaskInput
  thumbnails: ThumbnailCache
  now: number
}) {
  const { t } = useTranslation()
  const url = useThumbnail(thumbnails, input.cacheKey)
  const copy = localCopyOf(input, url)
  const name = t(`history.inputs.roles.${input.role}`, { unit: (input.unit ?? 0) + 1 })
  const box = { width: previewSize, height: previewSize }
  return (
    <li aria-label={name}>
      {typeof url === 'string' ? (
        <img className="history-thumb" src={url} alt={name} width={previewSize} height={previewSize} />
      ) : copy === 'loading' ? (
        <span className="history-thumb history-thumb-empty" style={box} aria-hidden="true" />
      ) : (
        <span className="history-thumb history-input-missing" style={box}>
          {t('history.inputs.unavailable')}
        </span>
      )}
      <strong>{name}</strong>
      <InputFacts input={input} copy={copy} now={now} />
    </li>
  )
}

/**
 * What an image task was given: each input image (source, mask, control images) from its local
 * copy, with where it came from and what was sent (size, and the original when it was resized).
 * An input whose local copy is not on this computer (an imported task, a cleared cache) says so.
 */
export function TaskInputs({ record, thumbnails }: { record: TaskRecord; thumbnails: ThumbnailCache }) {
  const { t } = useTranslation()
  // When the panel opened for this task (TaskDetail keys it by task): links expire during a session.
  const [now] = useState(() => Date.now())
  const inputs = record.inputs ?? []
  if (record.kind === 'text2image' || inputs.length === 0) return null
  return (
    <>
      <h4>{t('history.inputs.title')}</h4>
      <ul className="history-detail-inputs" aria-label={t('history.inputs.title')}>
        {inputs.map((input, index) => (
          <InputImage
            key={`${input.role}-${input.unit ?? 0}-${index}`}
            input={input}
            thumbnails={thumbnails}
            now={now}
          />
        ))}
      </ul>
    </>
  )
}
