import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'

interface NumberInputProps {
  readonly label: string
  readonly value: number
  readonly min: number
  readonly max: number
  readonly step: number
  readonly onChange: (value: number) => void
  /** Marks the box invalid and points its description at a message shown elsewhere. */
  readonly issueId?: string | null
}

/**
 * A labelled number box with a slider. Text that is not a number yet ("", "0.") stays in the box
 * only; a number outside min…max is passed on and flagged, so the user sees what is wrong.
 */
export function NumberInput({ label, value, min, max, step, onChange, issueId }: NumberInputProps) {
  const { t } = useTranslation()
  const id = useId()
  const [text, setText] = useState(String(value))
  const [shown, setShown] = useState(value)
  if (value !== shown) {
    setShown(value)
    if (Number(text) !== value) setText(String(value))
  }
  const outOfRange = value < min || value > max
  const change = (next: string) => {
    setText(next)
    const parsed = Number(next)
    if (next.trim() !== '' && Number.isFinite(parsed)) onChange(parsed)
  }
  const described = [outOfRange ? `${id}-range` : '', issueId ?? ''].filter(Boolean).join(' ') || undefined
  return (
    <div className="cn-field" data-invalid={outOfRange || issueId ? true : undefined}>
      <label htmlFor={id} id={`${id}-label`}>
        {label}
      </label>
      <div className="cn-number">
        <input
          id={id}
          type="number"
          min={min}
          max={max}
          step={step}
          value={text}
          aria-invalid={outOfRange || issueId ? true : undefined}
          aria-describedby={described}
          onChange={(event) => change(event.target.value)}
          onBlur={() => setText(String(value))}
        />
        <input
          type="range"
          min={min}
          max={max}
          step={step}
          value={Math.min(max, Math.max(min, value))}
          aria-labelledby={`${id}-label`}
          onChange={(event) => change(event.target.value)}
        />
      </div>
      {outOfRange && (
        <small id={`${id}-range`} className="cn-issue">
          {t('controlnet.range', { min, max })}
        </small>
      )}
    </div>
  )
}
