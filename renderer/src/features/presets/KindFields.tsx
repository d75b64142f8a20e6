import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useClient } from '../../app/client-context'
import { FormField } from './FormField'
import type { FormErrors, FormField as FieldName, LoraTraining, PresetForm } from './preset-form'

export interface KindFieldsProps {
  readonly form: PresetForm
  readonly errors: FormErrors
  update<K extends FieldName>(field: K, value: PresetForm[K]): void
  /** Opens a training job's details in the history (a LoRA made by training links back to it). */
  readonly onOpenTrainingJob?: (taskId: string) => void
}

/** Sampler names as A1111 spells them; the field accepts any other name too. */
const commonSamplers = [
  'DPM++ 2M Karras',
  'DPM++ SDE Karras',
  'DPM++ 2M SDE Karras',
  'DPM++ 2M',
  'Euler a',
  'Euler',
  'DDIM',
  'UniPC',
  'Heun',
  'LMS',
] as const

const numberFields = [
  ['steps', '1'],
  ['cfgScale', '0.5'],
  ['clipSkip', '1'],
  ['width', '8'],
  ['height', '8'],
] as const

/** The file names of the VAE presets, offered as suggestions for a checkpoint's default VAE. */
function useVaeNames(): readonly string[] {
  const client = useClient()
  const [names, setNames] = useState<readonly string[]>([])
  useEffect(() => {
    let live = true
    client.call('presets.list', { kind: 'vae', limit: 500 }).then(
      (page) => live && setNames(page.items.map((preset) => preset.fileName)),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [client])
  return names
}

function CheckpointFields({ form, errors, update }: KindFieldsProps) {
  const { t } = useTranslation()
  const vaeNames = useVaeNames()
  return (
    <fieldset className="preset-group">
      <legend>{t('presets.editor.recommended')}</legend>
      <FormField id="preset-sampler" label={t('presets.editor.sampler')} error={errors.sampler}>
        {(control) => (
          <input
            id={control.id}
            list="preset-samplers"
            value={form.sampler}
            aria-invalid={control.invalid}
            aria-describedby={control.describedBy}
            onChange={(event) => update('sampler', event.target.value)}
          />
        )}
      </FormField>
      <datalist id="preset-samplers">
        {commonSamplers.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <div className="preset-numbers">
        {numberFields.map(([field, step]) => (
          <FormField
            key={field}
            id={`preset-${field}`}
            label={t(`presets.editor.${field}`)}
            error={errors[field]}
          >
            {(control) => (
              <input
                id={control.id}
                type="number"
                step={step}
                value={form[field]}
                aria-invalid={control.invalid}
                aria-describedby={control.describedBy}
                onChange={(event) => update(field, event.target.value)}
              />
            )}
          </FormField>
        ))}
      </div>
      <FormField id="preset-vae" label={t('presets.editor.vae')} error={errors.vae}>
        {(control) => (
          <input
            id={control.id}
            list="preset-vae-names"
            value={form.vae}
            aria-invalid={control.invalid}
            aria-describedby={control.describedBy}
            onChange={(event) => update('vae', event.target.value)}
          />
        )}
      </FormField>
      <datalist id="preset-vae-names">
        {vaeNames.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <FormField
        id="preset-negative"
        label={t('presets.editor.negativePrompt')}
        error={errors.negativePrompt}
      >
        {(control) => (
          <textarea
            id={control.id}
            rows={3}
            value={form.negativePrompt}
            aria-invalid={control.invalid}
            aria-describedby={control.describedBy}
            onChange={(event) => update('negativePrompt', event.target.value)}
          />
        )}
      </FormField>
    </fieldset>
  )
}

/** Where a trained LoRA came from: its job, with a way to open it (dataset, settings, LoRA). */
function TrainedHere({ training, onOpen }: { training: LoraTraining; onOpen?: (taskId: string) => void }) {
  const { t } = useTranslation()
  return (
    <p className="preset-trained">
      {t('presets.editor.trainedHere', { id: training.taskId, count: training.imageCount })}{' '}
      {onOpen && (
        <button type="button" onClick={() => onOpen(training.taskId)}>
          {t('presets.editor.openTrainingJob')}
        </button>
      )}
    </p>
  )
}

function LoraFields({ form, errors, update, onOpenTrainingJob }: KindFieldsProps) {
  const { t } = useTranslation()
  return (
    <fieldset className="preset-group">
      <legend>{t('presets.editor.loraDefaults')}</legend>
      {form.training && <TrainedHere training={form.training} onOpen={onOpenTrainingJob} />}
      <FormField id="preset-lora-weight" label={t('presets.editor.loraWeight')} error={errors.loraWeight}>
        {(control) => (
          <input
            id={control.id}
            type="number"
            step="0.05"
            value={form.loraWeight}
            aria-invalid={control.invalid}
            aria-describedby={control.describedBy}
            onChange={(event) => update('loraWeight', event.target.value)}
          />
        )}
      </FormField>
      <FormField
        id="preset-trigger-words"
        label={t('presets.editor.triggerWords')}
        hint={t('presets.editor.commaHint')}
        error={errors.triggerWords}
      >
        {(control) => (
          <input
            id={control.id}
            value={form.triggerWords}
            aria-invalid={control.invalid}
            aria-describedby={control.describedBy}
            onChange={(event) => update('triggerWords', event.target.value)}
          />
        )}
      </FormField>
    </fieldset>
  )
}

function EmbeddingFields({ form, update }: KindFieldsProps) {
  const { t } = useTranslation()
  return (
    <FormField id="preset-intended-for" label={t('presets.editor.intendedFor')}>
      {(control) => (
        <select
          id={control.id}
          value={form.intendedFor}
          onChange={(event) =>
            update('intendedFor', event.target.value === 'negative' ? 'negative' : 'prompt')
          }
        >
          <option value="prompt">{t('presets.editor.forPrompt')}</option>
          <option value="negative">{t('presets.editor.forNegative')}</option>
        </select>
      )}
    </FormField>
  )
}

/** The fields only one kind of preset has. */
export function KindFields(props: KindFieldsProps) {
  if (props.form.kind === 'checkpoint') return <CheckpointFields {...props} />
  if (props.form.kind === 'lora') return <LoraFields {...props} />
  if (props.form.kind === 'embedding') return <EmbeddingFields {...props} />
  return null
}
