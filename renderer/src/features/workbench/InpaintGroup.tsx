import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { isMaskEmpty, MaskPainter } from '../inpaint'
import {
  lacksImageStorage,
  noPreviewText,
  originText,
  SlotStorageNotice,
  useActiveProfile,
  type PickedImage,
} from '../sources'
import { NumberField, SelectField } from './Fields'
import { InputIssue } from './ImageGroup'
import { selectImageSettings, selectSource } from './selectors'
import type { WorkbenchState } from './store-types'
import { useWorkbenchStore } from './workbench-store'

/** A1111's "masked content" choices, in the wire's order (`inpainting_fill` 0–3). */
export const fillModeKeys = ['fill', 'original', 'latentNoise', 'latentNothing'] as const

const selectRestoredMask = (state: WorkbenchState) =>
  state.maskImage !== null && isMaskEmpty(state.mask) ? state.maskImage : null

/**
 * Why the painter cannot paint on `source`, in the source slot's own words: it has no local copy to
 * show (a link, a result that was never cached, a copy that cannot be read), or the copy's pixel
 * size, which the mask is painted at, is unknown.
 */
function cannotPaintText(t: TFunction, source: PickedImage): string {
  if (source.previewUrl !== null) return t('workbench.inpaint.sizeUnknown')
  // Without a preview, only a link has no reason of its own: its origin text is the reason.
  const reason = noPreviewText(t, source) ?? originText(t, source)
  return t('workbench.inpaint.cannotPaint', { reason })
}

/**
 * The mask is made on this computer, so it always goes to the profile's storage, even when the
 * source is a link or a result: said before anyone paints on a profile that has none.
 */
function MaskStorageNotice() {
  const { t } = useTranslation()
  const profile = useActiveProfile(true)
  if (profile === null || !lacksImageStorage(profile)) return null
  const text = {
    title: t('workbench.inpaint.maskStorage.title'),
    explain: t('workbench.inpaint.maskStorage.explain', { profile: profile.name }),
  }
  return <SlotStorageNotice profile={profile} text={text} />
}

/** The mask, painted over the source at the source's own pixel size (the PNG sent is that size). */
function MaskArea() {
  const { t } = useTranslation()
  const source = useWorkbenchStore(selectSource)
  const mask = useWorkbenchStore((state) => state.mask)
  const restored = useWorkbenchStore(selectRestoredMask)
  const setMask = useWorkbenchStore((state) => state.setMask)
  const { previewUrl, width, height } = source ?? {}
  return (
    <div className="wb-mask-area">
      {source === null && <p className="wb-hint">{t('workbench.inpaint.pickSourceFirst')}</p>}
      {source !== null && (!previewUrl || !width || !height) && (
        <p className="wb-hint">{cannotPaintText(t, source)}</p>
      )}
      {previewUrl && width && height && (
        <MaskPainter imageUrl={previewUrl} width={width} height={height} value={mask} onChange={setMask} />
      )}
      {restored && (
        <figure className="wb-restored-mask">
          {restored.previewUrl && <img src={restored.previewUrl} alt={t('workbench.inpaint.restoredAlt')} />}
          <figcaption>{t('workbench.inpaint.restored')}</figcaption>
        </figure>
      )}
      <InputIssue path="inputs.mask" />
    </div>
  )
}

/** Inpainting: the mask and how the masked area is redrawn (img2img v2 with `mask_link`). */
export function InpaintGroup() {
  const { t } = useTranslation()
  const settings = useWorkbenchStore(selectImageSettings)
  const set = useWorkbenchStore((state) => state.setImageSetting)
  return (
    <fieldset className="wb-group wb-inpaint-group">
      <legend>{t('workbench.groups.inpaint')}</legend>
      <MaskStorageNotice />
      <MaskArea />
      <div className="wb-row">
        <NumberField
          label={t('workbench.fields.mask_blur_x')}
          path="mask_blur_x"
          value={settings.mask_blur_x}
          onChange={(value) => set('mask_blur_x', value)}
        />
        <NumberField
          label={t('workbench.fields.mask_blur_y')}
          path="mask_blur_y"
          value={settings.mask_blur_y}
          onChange={(value) => set('mask_blur_y', value)}
        />
      </div>
      <SelectField
        label={t('workbench.fields.inpainting_mask_invert')}
        path="inpainting_mask_invert"
        value={String(settings.inpainting_mask_invert)}
        options={[
          { value: '0', label: t('workbench.inpaint.maskedArea') },
          { value: '1', label: t('workbench.inpaint.unmaskedArea') },
        ]}
        onChange={(value) => set('inpainting_mask_invert', Number(value))}
      />
      <SelectField
        label={t('workbench.fields.inpainting_fill')}
        path="inpainting_fill"
        value={String(settings.inpainting_fill)}
        options={fillModeKeys.map((key, index) => ({
          value: String(index),
          label: t(`workbench.inpaint.fill.${key}`),
        }))}
        onChange={(value) => set('inpainting_fill', Number(value))}
      />
      <SelectField
        label={t('workbench.fields.inpaint_full_res')}
        path="inpaint_full_res"
        value={settings.inpaint_full_res ? 'masked' : 'whole'}
        options={[
          { value: 'whole', label: t('workbench.inpaint.wholePicture') },
          { value: 'masked', label: t('workbench.inpaint.onlyMasked') },
        ]}
        onChange={(value) => set('inpaint_full_res', value === 'masked')}
      />
      <NumberField
        label={t('workbench.fields.inpaint_full_res_padding')}
        path="inpaint_full_res_padding"
        value={settings.inpaint_full_res_padding}
        step={4}
        slider
        hint={t('workbench.inpaint.paddingHint')}
        onChange={(value) => set('inpaint_full_res_padding', value)}
      />
    </fieldset>
  )
}
