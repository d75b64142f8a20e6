import { presetDraftSchema, type TrainingTaskRecord } from '#contract'
import type { Logger } from '../logger'
import type { PresetsService } from '../presets/presets-service'

export interface TrainedLoraDeps {
  readonly presets: Pick<PresetsService, 'create'>
  readonly logger: Logger
}

const settingValue = (value: unknown): string | number | boolean | null =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? typeof value === 'string'
      ? value.slice(0, 4096)
      : value
    : null

/** The settings a job was trained with, as a LoRA preset keeps them (no image links). */
export function trainingSettings(job: TrainingTaskRecord): Record<string, string | number | boolean> {
  const settings: Record<string, string | number | boolean> = {}
  for (const [name, value] of Object.entries(job.params)) {
    const kept = name === 'fileUrlList' || name === 'callbackUrl' ? null : settingValue(value)
    if (kept !== null) settings[name] = kept
  }
  return settings
}

/**
 * Adds the job's LoRA to the preset library (issue 16 §4): its trigger words, the settings it was
 * trained with and the job's id, so the preset and the history entry (with the dataset's
 * thumbnails) point at each other. Answers the preset's id, or null if the library refused it
 * (logged; the job still ends done, naming the LoRA).
 */
export async function addTrainedLora(
  deps: TrainedLoraDeps,
  job: TrainingTaskRecord,
  lora: { readonly fileName: string; readonly displayName: string },
): Promise<string | null> {
  const draft = presetDraftSchema.safeParse({
    kind: 'lora',
    displayName: lora.displayName,
    fileName: lora.fileName,
    tags: ['trained'],
    // No notes: the editor words the job link (`training`) in the UI's language; notes stay the user's.
    lora: {
      triggerWords: job.triggerWords,
      training: { taskId: job.id, settings: trainingSettings(job), imageCount: job.dataset.length },
    },
  })
  if (!draft.success) {
    deps.logger.warn('training.preset_refused', { taskId: job.id })
    return null
  }
  try {
    return (await deps.presets.create(draft.data)).id
  } catch (error) {
    deps.logger.warn('training.preset_failed', {
      taskId: job.id,
      code: (error as { code?: unknown }).code ?? 'unknown',
    })
    return null
  }
}
