import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { modelFamilies, presetKinds, type PresetKind } from '#contract'
import { makeThumbnail } from './thumbnail'
import { FormField } from './FormField'
import { KindFields } from './KindFields'
import {
  emptyForm,
  formFromPreset,
  validateForm,
  type FormErrors,
  type FormField as FieldName,
  type PresetForm,
} from './preset-form'
import { selectBusy, usePresetsStore, type EditorState } from './presets-store'
import { usePresetActions } from './use-preset-actions'
import { EditorFooter } from './EditorFooter'

type TextFieldName = 'displayName' | 'fileName' | 'tags'

function ThumbnailField({ form, update }: { form: PresetForm; update: (value: string | null) => void }) {
  const { t } = useTranslation()
  const [tooLarge, setTooLarge] = useState(false)
  const pick = async (file: File | undefined) => {
    if (!file) return
    const thumbnail = await makeThumbnail(file)
    setTooLarge(thumbnail === null)
    if (thumbnail !== null) update(thumbnail)
  }
  return (
    <FormField
      id="preset-thumbnail"
      label={t('presets.editor.thumbnail')}
      error={tooLarge ? { key: 'thumbnailTooLarge' } : undefined}
    >
      {(control) => (
        <div className="preset-thumbnail-field">
          {form.thumbnail && (
            <img className="preset-thumb" src={form.thumbnail} alt={t('presets.editor.thumbnailAlt')} />
          )}
          <input
            id={control.id}
            type="file"
            accept="image/png,image/jpeg,image/webp,image/gif"
            aria-describedby={control.describedBy}
            onChange={(event) => void pick(event.target.files?.[0])}
          />
          {form.thumbnail && (
            <button type="button" onClick={() => update(null)}>
              {t('presets.editor.removeThumbnail')}
            </button>
          )}
        </div>
      )}
    </FormField>
  )
}

/** Creates or edits one preset; checks every rule of the contract before anything is sent. */
export function PresetEditor({
  editor,
  onOpenTrainingJob,
}: {
  editor: EditorState
  onOpenTrainingJob?: (taskId: string) => void
}) {
  const { t } = useTranslation()
  const actions = usePresetActions()
  const busy = usePresetsStore(selectBusy)
  const closeEditor = usePresetsStore((state) => state.openEditor)
  const [form, setForm] = useState<PresetForm>(() =>
    editor.mode === 'edit' ? formFromPreset(editor.preset) : emptyForm(editor.kind),
  )
  const [errors, setErrors] = useState<FormErrors>({})
  const update = <K extends FieldName>(field: K, value: PresetForm[K]) =>
    setForm((current) => ({ ...current, [field]: value }))

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const result = validateForm(form)
    if ('errors' in result) {
      setErrors(result.errors)
      return
    }
    setErrors({})
    await actions.save(editor, result.draft)
  }

  const textField = (field: TextFieldName, hint?: string) => (
    <FormField id={`preset-${field}`} label={t(`presets.editor.${field}`)} error={errors[field]} hint={hint}>
      {(control) => (
        <input
          id={control.id}
          value={form[field]}
          aria-invalid={control.invalid}
          aria-describedby={control.describedBy}
          onChange={(event) => update(field, event.target.value)}
        />
      )}
    </FormField>
  )

  const title = editor.mode === 'create' ? t('presets.editor.createTitle') : t('presets.editor.editTitle')
  return (
    <form className="preset-editor" aria-label={title} onSubmit={(event) => void submit(event)} noValidate>
      <h3>{title}</h3>
      <FormField id="preset-kind" label={t('presets.editor.kind')}>
        {(control) => (
          <select
            id={control.id}
            value={form.kind}
            onChange={(event) => update('kind', event.target.value as PresetKind)}
          >
            {presetKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`presets.kinds.${kind}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      {textField('displayName')}
      {textField('fileName', t('presets.editor.fileNameHint'))}
      <FormField id="preset-family" label={t('presets.editor.family')}>
        {(control) => (
          <select
            id={control.id}
            value={form.family}
            onChange={(event) => update('family', event.target.value as PresetForm['family'])}
          >
            {modelFamilies.map((family) => (
              <option key={family} value={family}>
                {t(`presets.families.${family}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      {textField('tags', t('presets.editor.commaHint'))}
      <FormField id="preset-notes" label={t('presets.editor.notes')} error={errors.notes}>
        {(control) => (
          <textarea
            id={control.id}
            rows={3}
            value={form.notes}
            aria-invalid={control.invalid}
            aria-describedby={control.describedBy}
            onChange={(event) => update('notes', event.target.value)}
          />
        )}
      </FormField>
      <label className="preset-check">
        <input
          type="checkbox"
          checked={form.favourite}
          onChange={(event) => update('favourite', event.target.checked)}
        />
        {t('presets.editor.favourite')}
      </label>
      <ThumbnailField form={form} update={(value) => update('thumbnail', value)} />
      <KindFields form={form} errors={errors} update={update} onOpenTrainingJob={onOpenTrainingJob} />
      <EditorFooter
        hasErrors={Object.keys(errors).length > 0}
        busy={busy}
        saveLabel={t('presets.editor.save')}
        onCancel={() => closeEditor(null)}
      />
    </form>
  )
}
