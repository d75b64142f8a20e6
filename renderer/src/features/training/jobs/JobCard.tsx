import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TrainingTaskRecord } from '#contract'
import { useClient } from '../../../app/client-context'
import { formatTime } from '../../history/format'
import { MarkDoneDialog } from './MarkDoneDialog'
import { StatusRequestDialog } from './StatusRequestDialog'
import { isTracked, trackingLines } from './tracking'
import type { UploadProgress } from './use-training-jobs'

export interface JobLinks {
  onOpenHistory?(taskId: string): void
  onOpenLora?(name: string): void
}

interface JobCardProps extends JobLinks {
  readonly job: TrainingTaskRecord
  readonly upload: UploadProgress | undefined
}

/** Where the job is, in words: uploading n of m, sending, being watched, or how it ended. */
function JobStage({ job, upload }: { readonly job: TrainingTaskRecord; readonly upload?: UploadProgress }) {
  const { t } = useTranslation()
  // An ended job says how it ended, whatever stage it stopped in; in the UI's language first, as
  // task cards say it, main's own words (or the service's) after.
  if (job.status === 'cancelled') return <p className="tr-error">{t('training.job.status.cancelled')}</p>
  if (job.status === 'failed')
    return (
      <div className="tr-error">
        <p>{t(`errors.${job.error?.code ?? 'internal'}`)}</p>
        {job.error?.message && <small>{job.error.message}</small>}
      </div>
    )
  if (job.stage === 'uploading') {
    const { uploaded, total } = upload ?? { uploaded: 0, total: job.dataset.length }
    return <p>{t('training.job.uploading', { uploaded, total })}</p>
  }
  if (job.stage === 'sending') return <p>{t('training.job.sending')}</p>
  return null
}

/** One job: its status, how it is followed, and what the user can do about it. */
export function JobCard({ job, upload, onOpenHistory, onOpenLora }: JobCardProps) {
  const { t, i18n } = useTranslation()
  const client = useClient()
  const [dialog, setDialog] = useState<'markDone' | 'status' | null>(null)
  const tracked = isTracked(job) && job.stage === 'training'
  const title = job.lora?.displayName ?? job.loraHint ?? job.triggerWords[0] ?? job.id
  return (
    <li className="tr-job" aria-label={t('training.job.label', { name: title })}>
      <header>
        <strong>{title}</strong>
        <span className="tr-status" data-status={job.status}>
          {t(`training.job.status.${job.status}`)}
        </span>
      </header>
      <small className="tr-hint">
        {t('training.job.facts', {
          count: job.dataset.length,
          when: formatTime(job.createdAt, i18n.language),
        })}
      </small>
      <JobStage job={job} upload={upload} />
      {tracked && (
        <ul className="tr-track" aria-label={t('training.track.title')}>
          {trackingLines(job, i18n.language).map((line) => (
            <li key={line.key}>{t(line.key, line.values)}</li>
          ))}
        </ul>
      )}
      {job.lora && (
        <p>
          {t(`training.job.foundBy.${job.lora.foundBy}`)}{' '}
          <button type="button" className="tr-link" onClick={() => onOpenLora?.(job.lora?.fileName ?? '')}>
            {t('training.job.added', { name: job.lora.displayName })}
          </button>
        </p>
      )}
      <div className="tr-job-actions">
        {tracked && (
          <>
            <button type="button" onClick={() => void client.call('training.refresh', { taskId: job.id })}>
              {t('training.job.checkNow')}
            </button>
            <button type="button" onClick={() => setDialog('status')}>
              {t('training.job.statusRequest')}
            </button>
            <button type="button" onClick={() => setDialog('markDone')}>
              {t('training.job.markDone')}
            </button>
          </>
        )}
        {onOpenHistory && (
          <button type="button" onClick={() => onOpenHistory(job.id)}>
            {t('training.job.details')}
          </button>
        )}
      </div>
      {dialog === 'markDone' && <MarkDoneDialog job={job} onClose={() => setDialog(null)} />}
      {dialog === 'status' && <StatusRequestDialog job={job} onClose={() => setDialog(null)} />}
    </li>
  )
}
