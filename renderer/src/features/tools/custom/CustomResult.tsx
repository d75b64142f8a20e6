import { useTranslation } from 'react-i18next'
import { isTerminalStatus, type TaskMedia } from '#contract'
import { ImageViewer } from '../result/ImageViewer'
import { useCachedImage, useTaskRecord } from '../result/use-task-record'

function Media({ media, index }: { media: TaskMedia; index: number }) {
  const { t } = useTranslation()
  const src = useCachedImage(media.type === 'image' ? media.key : null)
  if (media.type === 'image')
    return (
      <li>
        <ImageViewer src={src} alt={t('tools.result.image', { number: index + 1 })} />
      </li>
    )
  // Video and audio are kept by main; the page may load no remote media (CSP), so they are listed.
  return (
    <li>
      {t(`tools.custom.media.${media.type}`)} · <span className="tl-mono">{media.url}</span>
      {media.key === null && ` · ${t('tools.custom.notKept')}`}
    </li>
  )
}

/** A custom request's progress, the service's answer (cleaned by main) and the media it linked to. */
export function CustomResult({ taskId }: { readonly taskId: string }) {
  const { t } = useTranslation()
  const record = useTaskRecord(taskId)
  if (record === null || record.kind !== 'custom') return <p role="status">{t('tools.result.waiting')}</p>
  const running = !isTerminalStatus(record.status)
  return (
    <section className="tl-result" aria-label={t('tools.result.label')} aria-busy={running || undefined}>
      <p role="status" data-testid="tool-status">
        {t(`tools.status.${record.status}`)}
      </p>
      {running && <progress aria-label={t('tools.result.progress')} />}
      {record.error && (
        <div role="alert" className="tl-error">
          <strong>{t(`errors.${record.error.code}`)}</strong>
          <p>{record.error.message}</p>
        </div>
      )}
      {record.answer !== null && (
        <>
          <h3>{t('tools.custom.answer')}</h3>
          <pre className="tl-answer" aria-label={t('tools.custom.answer')}>
            {JSON.stringify(record.answer, null, 2)}
          </pre>
        </>
      )}
      {record.media.length > 0 && (
        <ul className="tl-media" aria-label={t('tools.custom.mediaList')}>
          {record.media.map((media, index) => (
            <Media key={media.url} media={media} index={index} />
          ))}
        </ul>
      )}
    </section>
  )
}
