import { useId, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/** A control's shortcut: as its tooltip shows it, and as aria-keyshortcuts announces it. */
export interface Shortcut {
  readonly shown: string
  readonly aria: string
}

/** A shortcut written the same way in the tooltip and for assistive technology. */
export const sameKey = (key: string): Shortcut => ({ shown: key, aria: key })

interface ShortcutButtonProps {
  readonly label: string
  readonly shortcut: Shortcut
  readonly onClick: () => void
  readonly disabled?: boolean
  readonly pressed?: boolean
  /** Shown instead of the label, which then stays for screen readers only. */
  readonly glyph?: string
}

/** A toolbar button whose tooltip and aria-keyshortcuts name its shortcut. */
export function ShortcutButton({ label, shortcut, onClick, disabled, pressed, glyph }: ShortcutButtonProps) {
  const { t } = useTranslation()
  let content: ReactNode = label
  if (glyph !== undefined)
    content = (
      <>
        <span aria-hidden="true">{glyph}</span>
        <span className="inpaint-sr-only">{label}</span>
      </>
    )
  return (
    <button
      type="button"
      disabled={disabled}
      aria-pressed={pressed}
      aria-keyshortcuts={shortcut.aria}
      title={t('inpaint.withKey', { label, key: shortcut.shown })}
      onClick={onClick}
    >
      {content}
    </button>
  )
}

interface ShortcutSliderProps {
  readonly label: string
  readonly shortcut: Shortcut
  readonly min: number
  readonly max: number
  readonly value: number
  /** The value as the user reads it, shown beside the slider and announced. */
  readonly valueText: string
  readonly onChange: (value: number) => void
}

/** A labelled range slider with its value beside it, whose tooltip names its shortcut. */
export function ShortcutSlider({
  label,
  shortcut,
  min,
  max,
  value,
  valueText,
  onChange,
}: ShortcutSliderProps) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <div className="inpaint-slider">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        value={value}
        aria-keyshortcuts={shortcut.aria}
        title={t('inpaint.withKey', { label, key: shortcut.shown })}
        aria-valuetext={valueText}
        onChange={(event) => onChange(Number(event.target.value))}
      />
      <output htmlFor={id}>{valueText}</output>
    </div>
  )
}
