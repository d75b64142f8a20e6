import { useTranslation } from 'react-i18next'
import { checkDataset } from './dataset/dataset-check'
import { DatasetPanel } from './dataset/DatasetPanel'
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
 * The Training screen (Ctrl/Cmd+6): pictures, settings, upload consent and submit on the left;
 * the jobs and how each is being followed on the right.
 */
export function TrainingScreen(_props: TrainingScreenProps) {
  const { t } = useTranslation()
  const images = useTrainingStore((state) => state.images)
  const resolution = useTrainingStore((state) => resolutionOf(state.values.resolution))
  const check = checkDataset(images, resolution)
  return (
    <div className="tr-screen">
      <div className="tr-main">
        <header>
          <h2>{t('training.title')}</h2>
          <p className="tr-hint">{t('training.intro')}</p>
        </header>
        <DatasetPanel check={check} />
      </div>
    </div>
  )
}
