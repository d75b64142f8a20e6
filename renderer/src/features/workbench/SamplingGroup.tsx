import { useTranslation } from 'react-i18next'
import { CheckboxField, NumberField, SelectField } from './Fields'
import { samplerNames, withCurrent } from './options'
import { selectClipSkip } from './selectors'
import { useWholeNumbers } from './use-endpoint-fields'
import { useWorkbenchStore } from './workbench-store'

/** Sampler, steps, CFG (whole numbers where the endpoint takes only those), CLIP skip and face restoration. */
export function SamplingGroup() {
  const { t } = useTranslation()
  const sampler = useWorkbenchStore((state) => state.draft.sampler_index)
  const steps = useWorkbenchStore((state) => state.draft.steps)
  const cfgScale = useWorkbenchStore((state) => state.draft.cfg_scale)
  const restoreFaces = useWorkbenchStore((state) => state.draft.restore_faces)
  const clipSkip = useWorkbenchStore(selectClipSkip)
  const setParam = useWorkbenchStore((state) => state.setParam)
  const setClipSkip = useWorkbenchStore((state) => state.setClipSkip)
  const cfg = useWholeNumbers('cfg_scale', cfgScale, 0.5)
  return (
    <fieldset className="wb-group">
      <legend>{t('workbench.groups.sampling')}</legend>
      <SelectField
        label={t('workbench.fields.sampler_index')}
        path="sampler_index"
        value={sampler}
        options={withCurrent(samplerNames, sampler)}
        onChange={(value) => setParam('sampler_index', value)}
      />
      <NumberField
        label={t('workbench.fields.steps')}
        path="steps"
        value={steps}
        slider
        onChange={(value) => setParam('steps', value)}
      />
      <NumberField
        label={t('workbench.fields.cfg_scale')}
        path="cfg_scale"
        value={cfgScale}
        step={cfg.step}
        hint={cfg.hint}
        slider
        onChange={(value) => setParam('cfg_scale', value)}
      />
      <NumberField
        label={t('workbench.fields.CLIP_stop_at_last_layers')}
        path="alwayson_scripts.override_settings.CLIP_stop_at_last_layers"
        value={clipSkip}
        onChange={setClipSkip}
      />
      <CheckboxField
        label={t('workbench.fields.restore_faces')}
        checked={restoreFaces}
        onChange={(checked) => setParam('restore_faces', checked)}
      />
    </fieldset>
  )
}
