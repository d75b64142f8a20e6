import { useTranslation } from 'react-i18next'
import { useClient } from '../../../app/client-context'
import { StorageNeededNotice, UploadConfirmDialog } from '../../sources'
import { CurlButton, readForm } from '../../tools'
import type { DatasetCheck } from '../dataset/dataset-types'
import { settingsFields } from '../settings/training-form'
import { useTrainingStore } from '../training-store'
import { trainingSteps } from './preflight'
import type { SubmitState } from './use-submit-training'

interface SubmitPanelProps {
  readonly check: DatasetCheck
  readonly state: SubmitState
  submit(consented?: boolean): void
  dismiss(): void
  onOpenSettings?(): void
}

/** The LoRA's trigger words and the name it is expected to carry (how the app spots it later). */
function LoraNaming() {
  const { t } = useTranslation()
  const triggerWords = useTrainingStore((state) => state.triggerWords)
  const loraHint = useTrainingStore((state) => state.loraHint)
  const { setTriggerWords, setLoraHint } = useTrainingStore.getState()
  return (
    <div className="tl-form">
      <div className="tl-field">
        <label htmlFor="tr-trigger">{t('training.submit.triggerWords')}</label>
        <input
          id="tr-trigger"
          value={triggerWords}
          onChange={(event) => setTriggerWords(event.target.value)}
        />
        <small className="tl-hint">{t('training.submit.triggerHelp')}</small>
      </div>
      <div className="tl-field">
        <label htmlFor="tr-hint">{t('training.submit.loraHint')}</label>
        <input id="tr-hint" value={loraHint} onChange={(event) => setLoraHint(event.target.value)} />
        <small className="tl-hint">{t('training.submit.loraHintHelp')}</small>
      </div>
    </div>
  )
}

/** Why Submit is off, in the words of the first thing to fix. */
function blockedReason(check: DatasetCheck): string | null {
  if (check.problems.length > 0) return `training.dataset.set.${check.problems[0]?.kind ?? 'tooFew'}`
  if (!check.ok) return 'training.submit.fixPictures'
  return null
}

/**
 * Step 4: the job in numbers (pictures, steps, link lifetime), Copy as curl, and Submit, which
 * says why it is off; then the upload consent or the storage notice when the gate asks.
 */
export function SubmitPanel({ check, state, submit, dismiss, onOpenSettings }: SubmitPanelProps) {
  const { t } = useTranslation()
  const client = useClient()
  const values = useTrainingStore((store) => store.values)
  const days = useTrainingStore((store) => store.linkLifetimeDays)
  const keepUploads = useTrainingStore((store) => store.keepUploads)
  const size = trainingSteps(check.usable.length, values)
  const blocked = blockedReason(check)
  const firstProblem = check.problems[0]
  const preview = () => {
    const read = readForm(settingsFields, values)
    if (!read.ok) return null
    return client.call('training.previewRequest', {
      params: { ...read.input.body },
      imageCount: Math.min(100, check.usable.length),
    })
  }
  return (
    <section className="tr-step" aria-labelledby="tr-submit-title">
      <h3 id="tr-submit-title">{t('training.submit.title')}</h3>
      <LoraNaming />
      <p className="tr-preflight" data-testid="training-preflight">
        {t('training.submit.preflight', { ...size, days })}
      </p>
      <p className="tr-hint">{t('training.submit.cost')}</p>
      <div className="tl-actions">
        <button
          type="button"
          className="tr-primary"
          disabled={blocked !== null || state.status === 'sending'}
          aria-describedby={blocked ? 'tr-blocked' : undefined}
          onClick={() => submit()}
        >
          {state.status === 'sending' ? t('training.submit.sending') : t('training.submit.button')}
        </button>
        <CurlButton preview={preview} />
      </div>
      {blocked && (
        <p id="tr-blocked" className="tr-hint">
          {t(blocked, firstProblem ?? {})}
        </p>
      )}
      {state.status === 'failed' && (
        <p role="alert" className="tr-error">
          {state.message || t(`errors.${state.code}`)}
        </p>
      )}
      {state.status === 'sent' && (
        <p role="status" className="tr-hint">
          {t('training.submit.sent', { id: state.taskId })}
        </p>
      )}
      {state.status === 'needsStorage' && (
        <StorageNeededNotice profile={state.profile} onOpenSettings={onOpenSettings} onClose={dismiss} />
      )}
      {state.status === 'confirmUpload' && (
        <UploadConfirmDialog
          profile={state.profile}
          storage={state.storage}
          purpose="training"
          keepUploads={keepUploads}
          urlExpirySeconds={days * 86_400}
          onConfirm={() => submit(true)}
          onCancel={dismiss}
        />
      )}
    </section>
  )
}
