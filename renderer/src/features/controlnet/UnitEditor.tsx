import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { ControlNetUnitSettings } from '#contract'
import { ImageSourcePicker, type PickedImage } from '../sources'
import { PreviewPane } from './PreviewPane'
import type { ListOp } from './unit-list'
import { UnitFields } from './UnitFields'
import type { PreviewControls } from './use-previews'

interface UnitEditorProps {
  readonly index: number
  readonly count: number
  readonly canAdd: boolean
  readonly canRemove: boolean
  readonly unit: ControlNetUnitSettings
  readonly image: PickedImage | null
  readonly baseImage: PickedImage | null
  readonly preview: PreviewControls
  readonly onUnit: (unit: ControlNetUnitSettings) => void
  readonly onImage: (image: PickedImage | null) => void
  readonly onListOp: (op: ListOp) => void
}

/** One ControlNet unit: its place in the list, its settings, its control image and the preview. */
export function UnitEditor(props: UnitEditorProps) {
  const { index, unit, image, baseImage } = props
  const { t } = useTranslation()
  const id = useId()
  const number = index + 1
  const source = image?.source ?? baseImage?.source ?? null
  const emptyHint = baseImage
    ? t('controlnet.image.usesBase', { label: baseImage.label })
    : t('controlnet.image.needsOne')

  return (
    <section className="cn-unit" aria-labelledby={`${id}-title`} data-enabled={unit.enabled}>
      <UnitHeader titleId={`${id}-title`} {...props} />
      <UnitFields unit={unit} onChange={props.onUnit} />
      <div className="cn-images">
        <ImageSourcePicker
          label={t('controlnet.image.label', { number })}
          value={image}
          onChange={props.onImage}
          emptyHint={emptyHint}
        />
        <PreviewPane source={source} preprocessor={unit.module} controls={props.preview} />
      </div>
    </section>
  )
}

type UnitHeaderProps = Pick<
  UnitEditorProps,
  'index' | 'count' | 'canAdd' | 'canRemove' | 'unit' | 'onUnit' | 'onListOp'
> & {
  readonly titleId: string
}

/** The unit's title, its on/off switch and its place in the list. */
function UnitHeader({ titleId, index, count, canAdd, canRemove, unit, onUnit, onListOp }: UnitHeaderProps) {
  const { t } = useTranslation()
  return (
    <header className="cn-unit-header">
      <h4 id={titleId}>{t('controlnet.unit', { number: index + 1 })}</h4>
      <label className="cn-check">
        <input
          type="checkbox"
          checked={unit.enabled}
          onChange={(event) => onUnit({ ...unit, enabled: event.target.checked })}
        />
        {t('controlnet.enabled')}
      </label>
      <div className="cn-unit-actions">
        <button
          type="button"
          disabled={index === 0}
          onClick={() => onListOp({ kind: 'move', index, by: -1 })}
        >
          {t('controlnet.moveUp')}
        </button>
        <button
          type="button"
          disabled={index === count - 1}
          onClick={() => onListOp({ kind: 'move', index, by: 1 })}
        >
          {t('controlnet.moveDown')}
        </button>
        <button type="button" disabled={!canAdd} onClick={() => onListOp({ kind: 'duplicate', index })}>
          {t('controlnet.duplicate')}
        </button>
        <button type="button" disabled={!canRemove} onClick={() => onListOp({ kind: 'remove', index })}>
          {t('controlnet.remove')}
        </button>
      </div>
    </header>
  )
}
