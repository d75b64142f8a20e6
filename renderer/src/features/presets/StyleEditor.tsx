import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { PromptStyle } from '#contract'
import { FormField } from './FormField'
import { selectBusy, usePresetsStore } from './presets-store'
import {
  emptyStyleForm,
  nameTakenError,
  styleFormOf,
  validateStyleForm,
  type StyleForm,
  type StyleFormErrors,
  type StyleFormField,
} from './style-form'
import type { StyleActions, StyleTarget } from './use-style-actions'
import { EditorFooter } from './EditorFooter'

interface StyleEditorProps {
  readonly target: StyleTarget
  readonly actions: StyleActions
  /** The editor is done: with the saved style, or null when the user cancelled. */
  readonly onClose: (saved: PromptStyle | null) => void
}

const inputIds: Record<StyleFormField, string> = {
  name: 'style-name',
  prompt: 'style-prompt',
  negativePrompt: 'style-negative',
}

/**
 * Creates a style or edits (and renames) one. Enter saves from any field, Shift+Enter starts a
 * new line in the prompts, Escape cancels; Enter that confirms an input method's text is left alone.
 */
export function StyleEditor({ target, actions, onClose }: StyleEditorProps) {
  const { t } = useTranslation()
  const busy = usePresetsStore(selectBusy)
  const [form, setForm] = useState<StyleForm>(() =>
    target.mode === 'edit' ? styleFormOf(target.style) : (target.initial ?? emptyStyleForm),
  )
  const [errors, setErrors] = useState<StyleFormErrors>({})
  const formRef = useRef<HTMLFormElement>(null)

  const focusField = (field: StyleFormField) =>
    formRef.current?.querySelector<HTMLElement>(`#${inputIds[field]}`)?.focus()
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>(`#${inputIds.name}`)?.focus()
  }, [])

  const showErrors = (next: StyleFormErrors) => {
    setErrors(next)
    const first = (['name', 'prompt', 'negativePrompt'] as const).find((field) => next[field])
    if (first) focusField(first)
  }

  const submit = async () => {
    if (busy) return
    const result = validateStyleForm(form)
    if ('errors' in result) return showErrors(result.errors)
    setErrors({})
    const outcome = await actions.save(target, result.draft)
    if (outcome === 'name_taken') showErrors({ name: nameTakenError(result.draft.name) })
    else if (outcome) onClose(outcome)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault()
      onClose(null)
      return
    }
    const inTextArea = event.target instanceof HTMLTextAreaElement
    if (event.key === 'Enter' && inTextArea && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault()
      void submit()
    }
  }

  const field = (name: StyleFormField, multiline: boolean) => (
    <FormField id={inputIds[name]} label={t(`presets.styles.${name}`)} error={errors[name]}>
      {(control) => {
        const shared = {
          id: control.id,
          value: form[name],
          'aria-invalid': control.invalid,
          'aria-describedby': control.describedBy,
        }
        const update = (value: string) => setForm((current) => ({ ...current, [name]: value }))
        return multiline ? (
          <textarea {...shared} rows={3} onChange={(event) => update(event.target.value)} />
        ) : (
          <input {...shared} onChange={(event) => update(event.target.value)} />
        )
      }}
    </FormField>
  )

  const title = target.mode === 'create' ? t('presets.styles.createTitle') : t('presets.styles.editTitle')
  return (
    <form
      ref={formRef}
      className="preset-editor"
      aria-label={title}
      noValidate
      onKeyDown={onKeyDown}
      onSubmit={(event: FormEvent) => {
        event.preventDefault()
        void submit()
      }}
    >
      <h3>{title}</h3>
      {field('name', false)}
      {field('prompt', true)}
      {field('negativePrompt', true)}
      <p className="preset-hint">{t('presets.styles.keysHint')}</p>
      <EditorFooter
        hasErrors={Object.keys(errors).length > 0}
        busy={busy}
        saveLabel={t('presets.styles.save')}
        onCancel={() => onClose(null)}
      />
    </form>
  )
}
