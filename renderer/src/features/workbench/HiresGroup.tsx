import { useTranslation } from 'react-i18next'
import { useShallow } from 'zustand/react/shallow'
import { CheckboxField, NumberField, SelectField } from './Fields'
import { isImageMode } from './modes'
import { upscalerNames, withCurrent } from './options'
import type { WorkbenchState } from './store-types'
import { useNotSentReason, useWholeNumbers } from './use-endpoint-fields'
import { useWorkbenchStore } from './workbench-store'

/** Only what this group shows, so typing a prompt does not re-render it. */
const selectHires = ({ draft }: WorkbenchState) => ({
  width: draft.width,
  height: draft.height,
  enable_hr: draft.enable_hr,
  hr_scale: draft.hr_scale,
  hr_resize_x: draft.hr_resize_x,
  hr_resize_y: draft.hr_resize_y,
  hr_upscaler: draft.hr_upscaler,
  hr_second_pass_steps: draft.hr_second_pass_steps,
  denoising_strength: draft.denoising_strength,
})

type HiresDraft = ReturnType<typeof selectHires>

/** A target size of 0 × 0 means "upscale by hr_scale", as in A1111. */
const isResizeMode = (draft: HiresDraft) => draft.hr_resize_x > 0 || draft.hr_resize_y > 0

/**
 * The size after the second pass, as A1111 computes it (a missing side keeps the aspect ratio),
 * from the scale the endpoint is sent (`sentScale`: whole on some endpoints).
 */
function finalSize(draft: HiresDraft, sentScale: number) {
  if (!isResizeMode(draft)) {
    return {
      width: Math.round(draft.width * sentScale),
      height: Math.round(draft.height * sentScale),
    }
  }
  const aspect = draft.width / draft.height
  return {
    width: draft.hr_resize_x || Math.round(draft.hr_resize_y * aspect),
    height: draft.hr_resize_y || Math.round(draft.hr_resize_x / aspect),
  }
}

export function HiresGroup() {
  const { t } = useTranslation()
  const draft = useWorkbenchStore(useShallow(selectHires))
  const setParam = useWorkbenchStore((state) => state.setParam)
  const applyParams = useWorkbenchStore((state) => state.applyParams)
  // img2img sends one denoising strength: its own, set in the image group.
  const ownDenoising = useWorkbenchStore((state) => !isImageMode(state.mode))
  const scale = useWholeNumbers('hr_scale', draft.hr_scale, 0.05)
  const upscalerNotSent = useNotSentReason('hr_upscaler')
  const resize = isResizeMode(draft)
  const final = finalSize(draft, scale.sent)
  const chooseMode = (toResize: boolean) =>
    applyParams(
      toResize
        ? {
            hr_resize_x: Math.round(draft.width * scale.sent),
            hr_resize_y: Math.round(draft.height * scale.sent),
          }
        : { hr_resize_x: 0, hr_resize_y: 0 },
    )
  return (
    <fieldset className="wb-group">
      <legend>{t('workbench.groups.hires')}</legend>
      <CheckboxField
        label={t('workbench.fields.enable_hr')}
        checked={draft.enable_hr}
        onChange={(checked) => setParam('enable_hr', checked)}
      />
      {draft.enable_hr && (
        <>
          <div role="radiogroup" aria-label={t('workbench.hires.mode')} className="wb-segmented">
            <label>
              <input type="radio" name="wb-hires-mode" checked={!resize} onChange={() => chooseMode(false)} />
              {t('workbench.hires.modeScale')}
            </label>
            <label>
              <input type="radio" name="wb-hires-mode" checked={resize} onChange={() => chooseMode(true)} />
              {t('workbench.hires.modeResize')}
            </label>
          </div>
          {resize ? (
            <div className="wb-row">
              <NumberField
                label={t('workbench.fields.hr_resize_x')}
                path="hr_resize_x"
                value={draft.hr_resize_x}
                step={8}
                onChange={(value) => setParam('hr_resize_x', value)}
              />
              <NumberField
                label={t('workbench.fields.hr_resize_y')}
                path="hr_resize_y"
                value={draft.hr_resize_y}
                step={8}
                onChange={(value) => setParam('hr_resize_y', value)}
              />
            </div>
          ) : (
            <NumberField
              label={t('workbench.fields.hr_scale')}
              path="hr_scale"
              value={draft.hr_scale}
              step={scale.step}
              hint={scale.hint}
              slider
              onChange={(value) => setParam('hr_scale', value)}
            />
          )}
          <output className="wb-hint">{t('workbench.hires.result', final)}</output>
          <SelectField
            label={t('workbench.fields.hr_upscaler')}
            path="hr_upscaler"
            value={draft.hr_upscaler ?? ''}
            disabled={upscalerNotSent !== null}
            hint={upscalerNotSent ?? undefined}
            options={[
              { value: '', label: t('workbench.hires.upscalerDefault') },
              ...withCurrent(upscalerNames, draft.hr_upscaler),
            ]}
            onChange={(value) => setParam('hr_upscaler', value === '' ? undefined : value)}
          />
          <NumberField
            label={t('workbench.fields.hr_second_pass_steps')}
            path="hr_second_pass_steps"
            value={draft.hr_second_pass_steps}
            hint={t('workbench.hires.secondPassHint')}
            onChange={(value) => setParam('hr_second_pass_steps', value)}
          />
          {ownDenoising && (
            <NumberField
              label={t('workbench.fields.denoising_strength')}
              path="denoising_strength"
              value={draft.denoising_strength}
              step={0.01}
              slider
              onChange={(value) => setParam('denoising_strength', value)}
            />
          )}
        </>
      )}
    </fieldset>
  )
}
