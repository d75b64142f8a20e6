import { useTranslation } from 'react-i18next'
import { controlNetEndpoints, type ControlNetEndpoint } from '#contract'
import { ControlNetPanel } from '../controlnet'
import { ImageSourcePicker } from '../sources'
import { SelectField } from './Fields'
import { InputIssue, resizeModeKeys } from './ImageGroup'
import { selectControlImages, selectControlNet, selectSource } from './selectors'
import { useWorkbenchStore } from './workbench-store'

const isEndpoint = (value: string): value is ControlNetEndpoint =>
  controlNetEndpoints.some((endpoint) => endpoint === value)

/**
 * ControlNet (§11): the endpoint (v2, or text2image v3, which the vendor flags "under
 * development"), an optional base image, which units without their own control image use, v2's
 * resize mode (v3 has none: the field is hidden and the endpoint's hint says why), and the units
 * with their control images and preprocessor previews. The panel says which unit lacks an image;
 * Generate's reason says it too.
 */
export function ControlNetGroup() {
  const { t } = useTranslation()
  const source = useWorkbenchStore(selectSource)
  const controlnet = useWorkbenchStore(selectControlNet)
  const images = useWorkbenchStore(selectControlImages)
  const setSource = useWorkbenchStore((state) => state.setSource)
  const setControlNet = useWorkbenchStore((state) => state.setControlNet)
  const setResizeMode = useWorkbenchStore((state) => state.setControlNetResizeMode)
  const setEndpoint = useWorkbenchStore((state) => state.setControlNetEndpoint)
  const v3 = controlnet.endpoint === 'text2image-v3'
  return (
    <fieldset className="wb-group wb-controlnet-group">
      <legend>{t('workbench.groups.controlnet')}</legend>
      <SelectField
        label={t('workbench.controlnet.endpoint')}
        path="endpoint"
        value={controlnet.endpoint}
        options={controlNetEndpoints.map((endpoint) => ({
          value: endpoint,
          label: t(`workbench.controlnet.endpoints.${endpoint}`),
        }))}
        onChange={(value) => isEndpoint(value) && setEndpoint(value)}
        hint={v3 ? t('workbench.controlnet.v3Hint') : undefined}
      />
      <ImageSourcePicker
        label={t('workbench.controlnet.baseImage')}
        value={source}
        onChange={setSource}
        emptyHint={t('workbench.controlnet.baseImageHint')}
      />
      {!v3 && (
        <SelectField
          label={t('workbench.fields.resize_mode')}
          path="resize_mode"
          value={String(controlnet.resize_mode)}
          options={resizeModeKeys.map((key, index) => ({
            value: String(index),
            label: t(`workbench.image.resizeModes.${key}`),
          }))}
          onChange={(value) => setResizeMode(Number(value))}
        />
      )}
      <ControlNetPanel
        units={[...controlnet.units]}
        images={[...images]}
        baseImage={source}
        onChange={setControlNet}
      />
      <InputIssue path="alwayson_scripts.controlnet.args" />
    </fieldset>
  )
}
