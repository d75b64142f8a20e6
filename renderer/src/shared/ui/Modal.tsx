import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react'
import './modal.css'

const focusableSelector = 'button, input, select, textarea, [tabindex="0"]'

const focusable = (root: HTMLElement) =>
  [...root.querySelectorAll<HTMLElement>(focusableSelector)].filter(
    (element) => !element.hasAttribute('disabled'),
  )

interface ModalProps {
  readonly title: string
  /** Rendered under the title and named by `aria-describedby`. */
  readonly description?: ReactNode
  /** Escape and the caller's own cancel buttons end up here. */
  onCancel(): void
  /** 'first' focuses the first enabled control; 'dialog' the dialog itself (when no control is a safe default). */
  readonly initialFocus?: 'first' | 'dialog'
  /** Feature classes for the box and the backdrop: size and shade differ per screen. */
  readonly className?: string
  readonly backdropClassName?: string
  readonly children: ReactNode
}

/** An accessible modal: focus moves in, Tab stays inside, Escape cancels; labelled by its title. */
export function Modal({
  title,
  description,
  onCancel,
  initialFocus = 'first',
  className,
  backdropClassName,
  children,
}: ModalProps) {
  const id = useId()
  const titleId = `${id}-title`
  const descriptionId = `${id}-description`
  const root = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const element = root.current
    if (!element) return
    if (initialFocus === 'dialog') element.focus()
    else (focusable(element)[0] ?? element).focus()
    // Runs when the modal opens (initialFocus is fixed per use), so later renders never steal focus back.
  }, [initialFocus])
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation()
      onCancel()
    } else if (event.key === 'Tab' && root.current) {
      const items = focusable(root.current)
      const first = items[0]
      const last = items.at(-1)
      if (event.shiftKey && document.activeElement === first) last?.focus()
      else if (!event.shiftKey && document.activeElement === last) first?.focus()
      else return
      event.preventDefault()
    }
  }
  return (
    <div className={classes('modal-backdrop', backdropClassName)}>
      <div
        ref={root}
        className={classes('modal', className)}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={description === undefined ? undefined : descriptionId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h3 id={titleId}>{title}</h3>
        {description !== undefined && <p id={descriptionId}>{description}</p>}
        {children}
      </div>
    </div>
  )
}

const classes = (base: string, extra: string | undefined) => (extra ? `${base} ${extra}` : base)
