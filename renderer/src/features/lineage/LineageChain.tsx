import { useTranslation } from 'react-i18next'
import { taskText, type TaskOrigin, type TaskRecord } from '#contract'
import { useClient } from '../../app/client-context'
import { useLineage } from './use-lineage'
import './lineage.css'

const excerpt = (text: string) => (text.length > 60 ? `${text.slice(0, 59)}…` : text)

/** "Re-run of", "Sent to img2img from result 2 of", "From the preset “x”"… */
function OriginText({ origin }: { origin: TaskOrigin }) {
  const { t } = useTranslation()
  const label =
    origin.kind === 'sendTo' && origin.label !== undefined
      ? t(`lineage.targets.${origin.label}`, { defaultValue: origin.label })
      : (origin.label ?? t('lineage.pasted'))
  const image = origin.imageIndex === undefined ? '' : t('lineage.image', { index: origin.imageIndex + 1 })
  return <>{t(`lineage.kinds.${origin.kind}`, { label, image })}</>
}

/**
 * Where a task came from, step by step back to the first: each earlier task opens in the viewer
 * (at the result that was used, when one was), or says it is no longer in the history.
 */
export function LineageChain({
  record,
  onOpen,
}: {
  readonly record: TaskRecord
  /** Opens an earlier task at one of its results (the viewer). */
  onOpen(record: TaskRecord, imageIndex: number): void
}) {
  const { t } = useTranslation()
  const client = useClient()
  const lineage = useLineage(client, record)
  if (!record.origin) return null
  const origins: TaskOrigin[] = [record.origin]
  for (const step of lineage?.steps ?? []) if (step.record?.origin) origins.push(step.record.origin)
  return (
    <section className="lineage" aria-label={t('lineage.title')}>
      <h4>{t('lineage.title')}</h4>
      <ol>
        {origins.map((origin, index) => {
          const step = lineage?.steps[index]
          const source = step?.record ?? null
          return (
            <li key={`${index}-${origin.taskId ?? origin.kind}`}>
              <span className="lineage-kind">
                <OriginText origin={origin} />
              </span>
              {origin.taskId !== undefined &&
                (source ? (
                  <button
                    type="button"
                    className="lineage-open"
                    onClick={() =>
                      onOpen(source, Math.min(origin.imageIndex ?? 0, Math.max(0, source.images.length - 1)))
                    }
                    title={taskText(source).prompt}
                  >
                    {t('lineage.open', {
                      prompt: excerpt(source.paramsUnknown === true ? source.id : taskText(source).prompt),
                    })}
                  </button>
                ) : (
                  <span className="lineage-gone">
                    {lineage ? t('lineage.gone', { id: origin.taskId }) : '…'}
                  </span>
                ))}
            </li>
          )
        })}
        {lineage?.cut && <li className="lineage-gone">{t('lineage.cut')}</li>}
      </ol>
    </section>
  )
}
