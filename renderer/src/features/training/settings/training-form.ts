import { trainingBasicFields, trainingFields, trainingStarts, type TrainingStartId } from '#contract'
import { initialValues, type FormValues } from '../../tools'

/** The fields the settings form shows: every §14 field but the image links, which the dataset fills. */
export const settingsFields = trainingFields.filter((field) => field.name !== 'fileUrlList')

/** Shown first; the rest are under "Advanced". */
export const basicFieldNames: ReadonlySet<string> = new Set(trainingBasicFields)

/** A starting point's fields as the form holds them (numbers as text, flags as booleans). */
export function startValues(id: TrainingStartId): FormValues {
  return Object.fromEntries(
    Object.entries(trainingStarts[id].params).map(([name, value]) => [
      name,
      typeof value === 'boolean' ? value : String(value),
    ]),
  )
}

/** The first start a new form shows. */
export const firstStart: TrainingStartId = 'balanced'

/** A fresh form: the documented defaults, then the first starting point. */
export const firstValues: FormValues = { ...initialValues(settingsFields), ...startValues(firstStart) }

/** Comma- or newline-separated trigger words as the API wants them: trimmed, no empties, no repeats. */
export const splitTriggerWords = (text: string): string[] => [
  ...new Set(
    text
      .split(/[,，\n]/)
      .map((word) => word.trim())
      .filter((word) => word !== ''),
  ),
]
