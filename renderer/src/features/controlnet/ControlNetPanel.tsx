import { useTranslation } from 'react-i18next'
import { controlNetLimits, type ControlNetUnitSettings } from '#contract'
import type { PickedImage } from '../sources'
import { useLatest } from '../history/use-latest'
import { alignedImages, applyToUnits, replaceAt, type ListOp, type UnitList } from './unit-list'
import { UnitEditor } from './UnitEditor'
import { useUnitKeys } from './use-unit-keys'
import { usePreviews } from './use-previews'
import './controlnet.css'

export interface ControlNetPanelProps {
  readonly units: ControlNetUnitSettings[]
  /** One per unit, index-aligned; null = the unit uses the base image. */
  readonly images: (PickedImage | null)[]
  /** The request's base image (`image_link`), the fallback for units without their own. */
  readonly baseImage: PickedImage | null
  readonly onChange: (next: { units: ControlNetUnitSettings[]; images: (PickedImage | null)[] }) => void
  /** The fewest units the mode needs: 1 for the ControlNet endpoint (the default), 0 for optional units. */
  readonly minUnits?: number
}

/**
 * ControlNet units, controlled: every change hands back the units and their control images
 * together, still index-aligned, so reordering or removing a unit takes its image with it.
 */
export function ControlNetPanel({ units, images, baseImage, onChange, minUnits = 1 }: ControlNetPanelProps) {
  const { t } = useTranslation()
  const { keys, applyToKeys } = useUnitKeys(units.length)
  const preview = usePreviews()
  const aligned = alignedImages(images, units.length)
  const canAdd = units.length < controlNetLimits.maxUnits
  // An image import answers after the user may have edited or moved units: read the latest props
  // and find the unit by its key, never by the index it had when the import started.
  const latest = useLatest({ units, images: aligned, keys, onChange })

  const listOp = (op: ListOp) => {
    const { units: nowUnits, images: nowImages, onChange: report } = latest.current
    applyToKeys(op)
    report(applyToUnits({ units: nowUnits, images: nowImages }, op))
  }
  const update = (key: string | undefined, change: (list: UnitList, index: number) => UnitList) => {
    const now = latest.current
    const index = key === undefined ? -1 : now.keys.indexOf(key)
    if (index >= 0) now.onChange(change({ units: now.units, images: now.images }, index))
  }

  return (
    <div className="cn-panel" role="group" aria-label={t('controlnet.title')}>
      {units.length === 0 && <p className="cn-hint">{t('controlnet.noUnits')}</p>}
      {units.map((unit, index) => (
        <UnitEditor
          key={keys[index]}
          index={index}
          count={units.length}
          canAdd={canAdd}
          canRemove={units.length > minUnits}
          unit={unit}
          image={aligned[index] ?? null}
          baseImage={baseImage}
          preview={preview}
          onUnit={(next) =>
            update(keys[index], (list, at) => ({ ...list, units: replaceAt(list.units, at, next) }))
          }
          onImage={(next) =>
            update(keys[index], (list, at) => ({ ...list, images: replaceAt(list.images, at, next) }))
          }
          onListOp={listOp}
        />
      ))}
      <div className="cn-panel-actions">
        <button type="button" disabled={!canAdd} onClick={() => listOp({ kind: 'add' })}>
          {t('controlnet.add')}
        </button>
        <small className="cn-hint">
          {canAdd
            ? t('controlnet.count', { count: units.length, max: controlNetLimits.maxUnits })
            : t('controlnet.full', { max: controlNetLimits.maxUnits })}
        </small>
      </div>
    </div>
  )
}
