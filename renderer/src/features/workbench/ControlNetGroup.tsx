import { useTranslation } from 'react-i18next'
import { ControlNetPanel } from '../controlnet'
import { ImageSourcePicker } from '../sources'
import { SelectField } from './Fields'
import { InputIssue, resizeModeKeys } from './ImageGroup'
import { selectControlImages, selectControlNet, selectSource } from './selectors'
import { useWorkbenchStore } from './workbench-store'

/**
 * ControlNet (§11): an optional base image, which units without their own control image use, the
 * endpoint's resize mode, and the units with their control images and preprocessor previews. The
 * panel says which unit lacks an image; Generate's reason says it too.
 */
export function ControlNetGroup() {
  const { t } = useTranslation()
  const source = useWorkbenchStore(selectSource)
  const controlnet = useWorkbenchStore(selectControlNet)
  const images = useWorkbenchStore(selectControlImages)
  const setSource = useWorkbenchStore((state) => state.setSource)
  const setControlNet = useWorkbenchStore((state) => state.setControlNet)
  const setResizeMode = useWorkbenchStore((state) => state.setControlNetResizeMode)
  return (
    <fieldset className="wb-group wb-controlnet-group">
      <legend>{t('workbench.groups.controlnet')}</legend>
      <ImageSourcePicker
        label={t('workbench.controlnet.baseImage')}
        value={source}
        onChange={setSource}
        emptyHint={t('workbench.controlnet.baseImageHint')}
      />
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
