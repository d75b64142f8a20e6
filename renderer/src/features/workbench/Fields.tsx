import { useId, useState, type ReactNode } from 'react'
import { useFieldIssue } from './issue-message'
import { useRequestEndpoint } from './use-endpoint-fields'
import { numberBounds } from './validation'

/*
 * The form's controls. Each is labelled, shows an optional hint, and shows the schema issue of its
 * path next to it (also announced as the control's description).
 */

interface FrameProps {
  readonly id: string
  readonly label: string
  readonly hint?: string
  readonly issue: string | null
  readonly children: ReactNode
}

const describedBy = (id: string, hint: string | undefined, issue: string | null) =>
  [hint ? `${id}-hint` : '', issue ? `${id}-issue` : ''].filter(Boolean).join(' ') || undefined

function FieldFrame({ id, label, hint, issue, children }: FrameProps) {
  return (
    <div className="wb-field" data-invalid={issue ? true : undefined}>
      <label htmlFor={id} id={`${id}-label`}>
        {label}
      </label>
      {children}
      {hint && (
        <small id={`${id}-hint`} className="wb-hint">
          {hint}
        </small>
      )}
      {issue && (
        <small id={`${id}-issue`} className="wb-issue">
          {issue}
        </small>
      )}
    </div>
  )
}

interface NumberFieldProps {
  readonly label: string
  /** Schema path: where the bounds and the issue come from. */
  readonly path: string
  readonly value: number
  readonly onChange: (value: number) => void
  readonly step?: number
  readonly slider?: boolean
  readonly hint?: string
  /** Buttons shown beside the box (the seed's dice and recycle). */
  readonly addon?: ReactNode
}

/**
 * A number box (and optionally a slider). Out-of-range values are stored so the form can say what
 * is wrong; text that is not a number yet (empty, "-") is kept in the box only.
 */
export function NumberField({
  label,
  path,
  value,
  onChange,
  step = 1,
  slider,
  hint,
  addon,
}: NumberFieldProps) {
  const id = useId()
  const issue = useFieldIssue(path)
  const bounds = numberBounds(path, useRequestEndpoint())
  const [text, setText] = useState(String(value))
  const [shown, setShown] = useState(value)
  if (value !== shown) {
    setShown(value)
    if (Number(text) !== value) setText(String(value))
  }
  const change = (next: string) => {
    setText(next)
    const parsed = Number(next)
    if (next.trim() !== '' && Number.isFinite(parsed)) onChange(parsed)
  }
  const common = { min: bounds?.min ?? undefined, max: bounds?.max ?? undefined, step }
  return (
    <FieldFrame id={id} label={label} hint={hint} issue={issue}>
      <div className="wb-number">
        <input
          id={id}
          type="number"
          {...common}
          value={text}
          aria-invalid={issue ? true : undefined}
          aria-describedby={describedBy(id, hint, issue)}
          onChange={(event) => change(event.target.value)}
          onBlur={() => setText(String(value))}
        />
        {slider && (
          <input
            type="range"
            {...common}
            value={Number.isFinite(value) ? value : 0}
            aria-labelledby={`${id}-label`}
            onChange={(event) => change(event.target.value)}
          />
        )}
        {addon}
      </div>
    </FieldFrame>
  )
}

interface CheckboxFieldProps {
  readonly label: string
  readonly checked: boolean
  readonly onChange: (checked: boolean) => void
}

export function CheckboxField({ label, checked, onChange }: CheckboxFieldProps) {
  return (
    <label className="wb-check">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      {label}
    </label>
  )
}

export interface ChoiceOption {
  readonly value: string
  readonly label: string
}

interface SelectFieldProps {
  readonly label: string
  readonly path: string
  readonly value: string
  readonly options: readonly (string | ChoiceOption)[]
  readonly onChange: (value: string) => void
  readonly hint?: string
  /** Off, keeping its value on show (the hint says why). */
  readonly disabled?: boolean
}

const asOption = (option: string | ChoiceOption): ChoiceOption =>
  typeof option === 'string' ? { value: option, label: option } : option

export function SelectField({ label, path, value, options, onChange, hint, disabled }: SelectFieldProps) {
  const id = useId()
  const issue = useFieldIssue(path)
  return (
    <FieldFrame id={id} label={label} hint={hint} issue={issue}>
      <select
        id={id}
        value={value}
        disabled={disabled}
        aria-invalid={issue ? true : undefined}
        aria-describedby={describedBy(id, hint, issue)}
        onChange={(event) => onChange(event.target.value)}
      >
        {options.map(asOption).map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  )
}

interface TextFieldProps {
  readonly label: string
  readonly path: string
  readonly value: string
  readonly onChange: (value: string) => void
  readonly placeholder?: string
  readonly hint?: string
  /** Names to suggest; the field stays free text (a server list may be missing a name). */
  readonly suggestions?: readonly string[]
  readonly multiline?: boolean
  readonly type?: 'text' | 'url'
  /** Off, keeping its value on show (the hint says why). */
  readonly disabled?: boolean
}

export function TextField(props: TextFieldProps) {
  const { label, path, value, onChange, placeholder, hint, suggestions, multiline, type = 'text' } = props
  const id = useId()
  const issue = useFieldIssue(path)
  const common = {
    id,
    value,
    placeholder,
    disabled: props.disabled,
    'aria-invalid': issue ? true : undefined,
    'aria-describedby': describedBy(id, hint, issue),
  }
  return (
    <FieldFrame id={id} label={label} hint={hint} issue={issue}>
      {multiline ? (
        <textarea {...common} rows={2} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input
          {...common}
          type={type}
          list={suggestions ? `${id}-list` : undefined}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
      {suggestions && (
        <datalist id={`${id}-list`}>
          {suggestions.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      )}
    </FieldFrame>
  )
}
