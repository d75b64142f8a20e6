import { useTranslation } from 'react-i18next'
import { ImageSourcePicker } from '../sources'
import { CheckboxField, NumberField, SelectField } from './Fields'
import { useFieldIssue } from './issue-message'
import { selectImageSettings, selectSource } from './selectors'
import { sizeForSource } from './sizes'
import { useWorkbenchStore } from './workbench-store'

/** A1111's img2img resize modes, in the wire's order (0–3). */
export const resizeModeKeys = ['justResize', 'cropAndResize', 'resizeAndFill', 'latentUpscale'] as const

/** An input slot's missing-image message, announced where the image goes. */
export function InputIssue({ path }: { readonly path: string }) {
  const issue = useFieldIssue(path)
  return issue ? <p className="wb-issue">{issue}</p> : null
}

/** The source image and its size, shared by img2img and inpaint. */
function SourceField() {
  const { t } = useTranslation()
  const source = useWorkbenchStore(selectSource)
  const setSource = useWorkbenchStore((state) => state.setSource)
  const setSize = useWorkbenchStore((state) => state.setSize)
  const { width, height } = source ?? {}
  const fitted = width && height ? sizeForSource({ width, height }) : null
  return (
    <>
      <ImageSourcePicker label={t('workbench.image.source')} value={source} onChange={setSource} />
      <InputIssue path="inputs.source" />
      <button type="button" disabled={fitted === null} onClick={() => fitted && setSize(fitted)}>
        {fitted
          ? t('workbench.image.useSourceSize', { width: fitted.width, height: fitted.height })
          : t('workbench.image.useSourceSizeUnknown')}
      </button>
    </>
  )
}

/** img2img's own settings (inpaint uses them too): source, denoising, resize mode, noise, image CFG. */
export function ImageGroup() {
  const { t } = useTranslation()
  const settings = useWorkbenchStore(selectImageSettings)
  const set = useWorkbenchStore((state) => state.setImageSetting)
  const imageCfg = settings.image_cfg_scale
  return (
    <fieldset className="wb-group wb-image-group">
      <legend>{t('workbench.groups.image')}</legend>
      <SourceField />
      <NumberField
        label={t('workbench.fields.denoising_strength')}
        path="denoising_strength"
        value={settings.denoising_strength}
        step={0.01}
        slider
        hint={t('workbench.image.denoisingHint')}
        onChange={(value) => set('denoising_strength', value)}
      />
      <SelectField
        label={t('workbench.fields.resize_mode')}
        path="resize_mode"
        value={String(settings.resize_mode)}
        options={resizeModeKeys.map((key, index) => ({
          value: String(index),
          label: t(`workbench.image.resizeModes.${key}`),
        }))}
        onChange={(value) => set('resize_mode', Number(value))}
      />
      <NumberField
        label={t('workbench.fields.initial_noise_multiplier')}
        path="initial_noise_multiplier"
        value={settings.initial_noise_multiplier}
        step={0.01}
        slider
        onChange={(value) => set('initial_noise_multiplier', value)}
      />
      <CheckboxField
        label={t('workbench.image.useImageCfg')}
        checked={imageCfg !== undefined}
        onChange={(checked) => set('image_cfg_scale', checked ? 1.5 : undefined)}
      />
      {imageCfg !== undefined && (
        <NumberField
          label={t('workbench.fields.image_cfg_scale')}
          path="image_cfg_scale"
          value={imageCfg}
          step={0.05}
          slider
          onChange={(value) => set('image_cfg_scale', value)}
        />
      )}
    </fieldset>
  )
}
