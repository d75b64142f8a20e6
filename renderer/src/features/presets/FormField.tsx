import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { FieldError } from './preset-form'

interface FormFieldProps {
  readonly id: string
  readonly label: string
  readonly error?: FieldError
  readonly hint?: string
  /** Renders the control with the ids it must carry for its label, hint and error. */
  readonly children: (control: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode
}

/** A labelled control with its hint and its localised validation message. */
export function FormField({ id, label, error, hint, children }: FormFieldProps) {
  const { t } = useTranslation()
  const hintId = hint ? `${id}-hint` : null
  const errorId = error ? `${id}-error` : null
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined
  return (
    <div className="preset-field">
      <label htmlFor={id}>{label}</label>
      {children({ id, describedBy, invalid: error !== undefined })}
      {hint && (
        <small id={hintId ?? undefined} className="preset-hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={errorId ?? undefined} className="preset-error">
          {t(`presets.validation.${error.key}`, error.values)}
        </small>
      )}
    </div>
  )
}
