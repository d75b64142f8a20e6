import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TrainingTaskRecord } from '#contract'
import { useClient } from '../../../app/client-context'
import { Modal } from '../../../shared/ui/Modal'
import { failureOf } from '../../tools'

/**
 * "Mark done…": the user names the LoRA the job made (as the LoRA list or the service's console
 * shows it); main ends the job, adds the LoRA to the preset library with the job's trigger words
 * and settings, and links the two.
 */
export function MarkDoneDialog({ job, onClose }: { readonly job: TrainingTaskRecord; onClose(): void }) {
  const { t } = useTranslation()
  const client = useClient()
  const [loraName, setLoraName] = useState(job.loraHint ?? '')
  const [displayName, setDisplayName] = useState('')
  const [error, setError] = useState<string | null>(null)
  const save = async () => {
    try {
      await client.call('training.markDone', {
        taskId: job.id,
        loraName: loraName.trim(),
        ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
      })
      onClose()
    } catch (failure) {
      const { code, message } = failureOf(failure)
      setError(message || t(`errors.${code}`))
    }
  }
  return (
    <Modal
      title={t('training.markDone.title')}
      description={t('training.markDone.explain')}
      onCancel={onClose}
    >
      <form
        className="tr-dialog-form"
        onSubmit={(event) => {
          event.preventDefault()
          void save()
        }}
      >
        <label>
          {t('training.markDone.loraName')}
          <input required value={loraName} onChange={(event) => setLoraName(event.target.value)} />
        </label>
        <label>
          {t('training.markDone.displayName')}
          <input value={displayName} onChange={(event) => setDisplayName(event.target.value)} />
        </label>
        {error && (
          <p role="alert" className="tr-error">
            {error}
          </p>
        )}
        <div className="tl-actions">
          <button type="submit" className="tr-primary" disabled={loraName.trim() === ''}>
            {t('training.markDone.save')}
          </button>
          <button type="button" onClick={onClose}>
            {t('training.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  )
}
