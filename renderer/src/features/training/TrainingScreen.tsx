import { useTranslation } from 'react-i18next'
import { useActiveProfile } from '../sources'
import { checkDataset } from './dataset/dataset-check'
import { DatasetPanel } from './dataset/DatasetPanel'
import { JobsPanel } from './jobs/JobsPanel'
import { SettingsPanel } from './settings/SettingsPanel'
import { SubmitPanel } from './submit/SubmitPanel'
import { UploadStep } from './submit/UploadStep'
import { useSubmitTraining } from './submit/use-submit-training'
import { useTrainingStore } from './training-store'
import './training.css'

export interface TrainingScreenProps {
  onOpenSettings?(): void
  /** The history with a job's details open. */
  onOpenHistory?(taskId: string): void
  /** The preset library at a finished job's LoRA. */
  onOpenLora?(name: string): void
}

const resolutionOf = (value: unknown): number | null => {
  const number = typeof value === 'string' ? Number(value) : NaN
  return Number.isFinite(number) && number > 0 ? number : null
}

/**
 * The Training screen (Ctrl/Cmd+6): pictures, settings, upload and submit on the left; the jobs
 * and how each is followed on the right.
 */
export function TrainingScreen({ onOpenSettings, onOpenHistory, onOpenLora }: TrainingScreenProps) {
  const { t } = useTranslation()
  const images = useTrainingStore((state) => state.images)
  const resolution = useTrainingStore((state) => resolutionOf(state.values.resolution))
  const check = checkDataset(images, resolution)
  const profile = useActiveProfile(true)
  const { state, issues, submit, dismiss } = useSubmitTraining(check)
  return (
    <div className="tr-screen">
      <div className="tr-main">
        <header>
          <h2>{t('training.title')}</h2>
          <p className="tr-hint">{t('training.intro')}</p>
        </header>
        <DatasetPanel check={check} />
        <SettingsPanel issues={issues} />
        <UploadStep profile={profile} onOpenSettings={onOpenSettings} />
        <SubmitPanel
          check={check}
          state={state}
          submit={(consented) => void submit(consented)}
          dismiss={dismiss}
          onOpenSettings={onOpenSettings}
        />
      </div>
      <aside className="tr-side">
        <JobsPanel onOpenHistory={onOpenHistory} onOpenLora={onOpenLora} />
      </aside>
    </div>
  )
}
