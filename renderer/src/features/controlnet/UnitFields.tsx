import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { controlNetLimits, controlTypes, type ControlNetUnitSettings } from '#contract'
import { NumberInput } from './NumberInput'
import { PreprocessorField } from './PreprocessorField'
import { modelSuggestionsFor } from './preprocessors'
import { ThresholdFields } from './ThresholdFields'
import { withControlType, withPreprocessor } from './unit-list'

interface UnitFieldsProps {
  readonly unit: ControlNetUnitSettings
  readonly onChange: (unit: ControlNetUnitSettings) => void
}

const modes = [0, 1, 2] as const
const { weight, processorRes } = controlNetLimits

/** One unit's settings: what A1111's ControlNet unit offers, in its order. */
export function UnitFields({ unit, onChange }: UnitFieldsProps) {
  const { t } = useTranslation()
  const id = useId()
  const set = <K extends keyof ControlNetUnitSettings>(key: K, value: ControlNetUnitSettings[K]) =>
    onChange({ ...unit, [key]: value })

  return (
    <div className="cn-fields">
      <div className="cn-field">
        <label htmlFor={`${id}-type`}>{t('controlnet.fields.controlType')}</label>
        <select
          id={`${id}-type`}
          value={unit.control_type}
          onChange={(event) => {
            const type = controlTypes.find((known) => known === event.target.value)
            if (type) onChange(withControlType(unit, type))
          }}
        >
          {controlTypes.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      </div>
      <PreprocessorField
        key={unit.control_type}
        controlType={unit.control_type}
        value={unit.module}
        onChange={(module) => onChange(withPreprocessor(unit, module))}
      />
      <ModelField unit={unit} onChange={(model) => set('model', model)} />
      <NumberInput
        label={t('controlnet.fields.weight')}
        value={unit.weight}
        min={weight.min}
        max={weight.max}
        step={0.05}
        onChange={(value) => set('weight', value)}
      />
      <GuidanceFields unit={unit} onChange={onChange} />
      <ModeSelect
        label={t('controlnet.fields.controlMode')}
        value={unit.control_mode}
        optionKey="controlnet.controlMode"
        onChange={(value) => set('control_mode', value)}
      />
      <ModeSelect
        label={t('controlnet.fields.resizeMode')}
        value={unit.resize_mode}
        optionKey="controlnet.resizeMode"
        onChange={(value) => set('resize_mode', value)}
      />
      <label className="cn-check">
        <input
          type="checkbox"
          checked={unit.pixel_perfect}
          onChange={(event) => set('pixel_perfect', event.target.checked)}
        />
        {t('controlnet.fields.pixelPerfect')}
      </label>
      {!unit.pixel_perfect && (
        <NumberInput
          label={t('controlnet.fields.processorRes')}
          value={unit.processor_res}
          min={processorRes.min}
          max={processorRes.max}
          step={8}
          onChange={(value) => set('processor_res', value)}
        />
      )}
      <ThresholdFields unit={unit} onChange={onChange} />
    </div>
  )
}

interface ModeSelectProps {
  readonly label: string
  readonly value: number
  /** Where the three options' names live: `<optionKey>.0` … `.2`. */
  readonly optionKey: string
  readonly onChange: (value: number) => void
}

/** A1111's three-way unit modes (control mode, resize mode), sent as 0, 1 or 2. */
function ModeSelect({ label, value, optionKey, onChange }: ModeSelectProps) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <div className="cn-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(Number(event.target.value))}>
        {modes.map((mode) => (
          <option key={mode} value={mode}>
            {t(`${optionKey}.${mode}`)}
          </option>
        ))}
      </select>
    </div>
  )
}

interface PartProps<T> {
  readonly unit: ControlNetUnitSettings
  readonly onChange: (value: T) => void
}

/** Free text, since model names differ per service; the usual ones for the type are suggested. */
function ModelField({ unit, onChange }: PartProps<string>) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <div className="cn-field">
      <label htmlFor={id}>{t('controlnet.fields.model')}</label>
      <input
        id={id}
        type="text"
        list={`${id}-models`}
        maxLength={300}
        value={unit.model}
        aria-describedby={`${id}-hint`}
        onChange={(event) => onChange(event.target.value)}
      />
      <datalist id={`${id}-models`}>
        {modelSuggestionsFor(unit.control_type).map((model) => (
          <option key={model} value={model} />
        ))}
      </datalist>
      <small id={`${id}-hint`} className="cn-hint">
        {t('controlnet.modelHint')}
      </small>
    </div>
  )
}

/**
 * Guidance start and end. Start after end is kept (the user may be on the way to fixing it) but
 * both boxes are flagged and the message says the unit cannot be sent so.
 */
function GuidanceFields({ unit, onChange }: PartProps<ControlNetUnitSettings>) {
  const { t } = useTranslation()
  const id = useId()
  const issueId = unit.guidance_start > unit.guidance_end ? `${id}-order` : null
  return (
    <>
      <NumberInput
        label={t('controlnet.fields.guidanceStart')}
        value={unit.guidance_start}
        min={0}
        max={1}
        step={0.01}
        issueId={issueId}
        onChange={(value) => onChange({ ...unit, guidance_start: value })}
      />
      <NumberInput
        label={t('controlnet.fields.guidanceEnd')}
        value={unit.guidance_end}
        min={0}
        max={1}
        step={0.01}
        issueId={issueId}
        onChange={(value) => onChange({ ...unit, guidance_end: value })}
      />
      {issueId && (
        <p id={issueId} role="alert" className="cn-issue cn-wide">
          {t('controlnet.guidanceOrder', { start: unit.guidance_start, end: unit.guidance_end })}
        </p>
      )}
    </>
  )
}
