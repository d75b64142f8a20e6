import { useTranslation } from 'react-i18next'
import type { FieldSpec } from '#contract'
import { ToolForm, type FieldIssue, type FormValues } from '../../tools'
import { useTrainingStore, type StartingPointId } from '../training-store'
import { startingPointIds, startingPointValues } from './starting-points'

interface SettingsProps {
  /** Every documented field of the training row, in its order. */
  readonly fields: readonly FieldSpec[]
  /** The fields shown outside the collapsed advanced section. */
  readonly basic: ReadonlySet<string>
  readonly issues: Readonly<Record<string, FieldIssue>>
}

function StartingPoints() {
  const { t } = useTranslation()
  const current = useTrainingStore((state) => state.startingPoint)
  const apply = (id: StartingPointId) =>
    useTrainingStore.getState().applyStartingPoint(id, startingPointValues(id))
  return (
    <div className="tr-points" role="group" aria-label={t('training.settings.startingPoints')}>
      {startingPointIds.map((id) => (
        <button key={id} type="button" aria-pressed={current === id} onClick={() => apply(id)}>
          {t(`training.settings.point.${id}.name`)}
          <small>{t(`training.settings.point.${id}.about`)}</small>
        </button>
      ))}
    </div>
  )
}

/**
 * Step 2: a starting point fills the fields; the form is made from the training row (the same
 * field components as the Tools screen), the everyday fields first and the rest folded away.
 */
export function SettingsPanel({ fields, basic, issues }: SettingsProps) {
  const { t } = useTranslation()
  const values: FormValues = useTrainingStore((state) => state.values)
  const advancedOpen = useTrainingStore((state) => state.advancedOpen)
  const setField = useTrainingStore((state) => state.setField)
  const setAdvancedOpen = useTrainingStore((state) => state.setAdvancedOpen)
  const everyday = fields.filter((field) => basic.has(field.name))
  const advanced = fields.filter((field) => !basic.has(field.name))
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
