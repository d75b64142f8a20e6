import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TrainingTaskRecord } from '#contract'
import { useClient } from '../../../app/client-context'
import { Modal } from '../../../shared/ui/Modal'
import { failureOf } from '../../tools'

const apiRoot = '/AIGCImgOpenServ/saas/'

/** The body as typed, when it is a JSON object (what main accepts); null otherwise. */
function parseBody(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text.trim() === '' ? '{}' : text)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null
  } catch {
    return null
  }
}

/**
 * "Status request…": a path under the API's root and a JSON body, as the Tools screen's custom
 * request, sent with each check of the job; its answer shows on the job. For users who know a
 * result query the docs do not show. An empty path removes it.
 */
export function StatusRequestDialog({ job, onClose }: { readonly job: TrainingTaskRecord; onClose(): void }) {
  const { t } = useTranslation()
  const client = useClient()
  const [path, setPath] = useState(job.statusRequest?.path ?? apiRoot)
  const [bodyText, setBodyText] = useState(
    JSON.stringify(job.statusRequest?.body ?? { taskId: job.id }, null, 2),
  )
  const [error, setError] = useState<string | null>(null)
  const body = parseBody(bodyText)
  const save = async (remove: boolean) => {
    try {
      await client.call('training.attachStatusRequest', {
        taskId: job.id,
        path: remove ? '' : path.trim(),
        body: remove ? {} : (body ?? {}),
      })
      onClose()
    } catch (failure) {
      const { code, message } = failureOf(failure)
      setError(message || t(`errors.${code}`))
    }
  }
  return (
    <Modal title={t('training.status.title')} description={t('training.status.explain')} onCancel={onClose}>
      <form
        className="tr-dialog-form"
        onSubmit={(event) => {
          event.preventDefault()
          void save(false)
        }}
      >
        <label>
          {t('training.status.path')}
          <input value={path} onChange={(event) => setPath(event.target.value)} />
        </label>
        <label>
          {t('training.status.body')}
          <textarea
            rows={6}
            value={bodyText}
            aria-invalid={body === null || undefined}
            onChange={(event) => setBodyText(event.target.value)}
          />
        </label>
        {body === null && <small className="tr-error">{t('training.status.notObject')}</small>}
        {error && (
          <p role="alert" className="tr-error">
            {error}
          </p>
        )}
        <div className="tl-actions">
          <button type="submit" className="tr-primary" disabled={body === null || !path.startsWith(apiRoot)}>
            {t('training.status.save')}
          </button>
          {job.statusRequest && (
            <button type="button" onClick={() => void save(true)}>
              {t('training.status.remove')}
            </button>
          )}
          <button type="button" onClick={onClose}>
            {t('training.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  )
}
