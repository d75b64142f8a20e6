import { useTranslation } from 'react-i18next'
import { trainingStartIds, trainingStarts, type TrainingStartId } from '#contract'
import { bilingual, ToolForm, type FieldIssue, type FormValues } from '../../tools'
import { useTrainingStore } from '../training-store'
import { basicFieldNames, settingsFields, startValues } from './training-form'

interface SettingsProps {
  readonly issues: Readonly<Record<string, FieldIssue>>
}

function StartingPoints() {
  const { t, i18n } = useTranslation()
  const current = useTrainingStore((state) => state.startingPoint)
  const apply = (id: TrainingStartId) => useTrainingStore.getState().applyStartingPoint(id, startValues(id))
  return (
    <div className="tr-points" role="group" aria-label={t('training.settings.startingPoints')}>
      {trainingStartIds.map((id) => (
        <button key={id} type="button" aria-pressed={current === id} onClick={() => apply(id)}>
          {bilingual(trainingStarts[id].name, i18n.language)}
          <small>{bilingual(trainingStarts[id].summary, i18n.language)}</small>
        </button>
      ))}
    </div>
  )
}

/**
 * Step 2: a starting point fills the fields; the form is made from the training row (the same
 * field components as the Tools screen), the everyday fields first and the rest folded away.
 */
export function SettingsPanel({ issues }: SettingsProps) {
  const { t } = useTranslation()
  const values: FormValues = useTrainingStore((state) => state.values)
  const advancedOpen = useTrainingStore((state) => state.advancedOpen)
  const setField = useTrainingStore((state) => state.setField)
  const setAdvancedOpen = useTrainingStore((state) => state.setAdvancedOpen)
  const everyday = settingsFields.filter((field) => basicFieldNames.has(field.name))
  const advanced = settingsFields.filter((field) => !basicFieldNames.has(field.name))
  // An issue in a folded field opens the section, so the user sees what stops the submit.
  const advancedIssue = advanced.some((field) => issues[field.name] !== undefined)
  return (
    <section className="tr-step" aria-labelledby="tr-settings-title">
      <h3 id="tr-settings-title">{t('training.settings.title')}</h3>
      <StartingPoints />
      <ToolForm fields={everyday} values={values} issues={issues} onChange={setField} />
      <details
        className="tr-advanced"
        open={advancedOpen || advancedIssue}
        onToggle={(event) => setAdvancedOpen(event.currentTarget.open)}
      >
        <summary>{t('training.settings.advanced', { count: advanced.length })}</summary>
        <ToolForm fields={advanced} values={values} issues={issues} onChange={setField} />
      </details>
    </section>
  )
}
