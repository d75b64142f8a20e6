import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { controlNetLimits, type ControlType } from '#contract'
import { noPreprocessor, preprocessorsFor } from './preprocessors'

interface PreprocessorFieldProps {
  readonly controlType: ControlType
  readonly value: string
  readonly onChange: (module: string) => void
}

/** The select's entry that opens the free-text box. */
const otherValue = '__other__'

/**
 * The preprocessor: the usual ones for the control type, or any name typed in (the service may
 * know more than the table does).
 */
export function PreprocessorField({ controlType, value, onChange }: PreprocessorFieldProps) {
  const { t } = useTranslation()
  const id = useId()
  const offered = preprocessorsFor(controlType)
  const [typing, setTyping] = useState(false)
  const custom = typing || !offered.includes(value)
  return (
    <div className="cn-field">
      <label htmlFor={id}>{t('controlnet.fields.preprocessor')}</label>
      <select
        id={id}
        value={custom ? otherValue : value}
        onChange={(event) => {
          const chosen = event.target.value
          setTyping(chosen === otherValue)
          if (chosen !== otherValue) onChange(chosen)
        }}
      >
        {offered.map((name) => (
          <option key={name} value={name}>
            {name === noPreprocessor ? t('controlnet.preprocessor.none') : name}
          </option>
        ))}
        <option value={otherValue}>{t('controlnet.preprocessor.other')}</option>
      </select>
      {custom && (
        <input
          type="text"
          aria-label={t('controlnet.preprocessor.custom')}
          maxLength={controlNetLimits.preprocessorMaxLength}
          value={value}
          aria-invalid={value.trim() === '' ? true : undefined}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </div>
  )
}
