import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { AdetailerUnitFields } from './AdetailerUnitFields'
import { defaultAdetailerUnit, maxAdetailerUnits } from './draft'
import { CheckboxField } from './Fields'
import { selectAdetailerUnits, selectPrefs } from './selectors'
import { useNotSentReason } from './use-endpoint-fields'
import { useWorkbenchStore } from './workbench-store'

/** A new unit detects faces: what most people turn ADetailer on for. */
const newUnit = { ...defaultAdetailerUnit, ad_model: 'face_yolov8n.pt' }

/**
 * ADetailer, collapsed by default (its many fields would bury the common ones), with one tab per
 * unit. Where the endpoint sends no ADetailer its units stay in the draft, out of reach, and the
 * group says why.
 */
export function AdetailerGroup() {
  const { t } = useTranslation()
  const id = useId()
  const open = useWorkbenchStore(selectPrefs).adetailerOpen
  const units = useWorkbenchStore(selectAdetailerUnits)
  const setPref = useWorkbenchStore((state) => state.setPref)
  const setUnits = useWorkbenchStore((state) => state.setAdetailerUnits)
  const notSent = useNotSentReason('alwayson_scripts.ADetailer', 'adetailer')
  const [selected, setSelected] = useState(0)
  const active = Math.max(0, Math.min(selected, units.length - 1))
  const unit = units[active]

  const addUnit = () => {
    setUnits([...units, newUnit])
    setSelected(units.length)
  }
  const removeUnit = () => setUnits(units.filter((_, index) => index !== active))

  return (
    <section className="wb-group wb-collapsible">
      <h3>
        <button
          type="button"
          aria-expanded={open}
          aria-controls={`${id}-body`}
          onClick={() => setPref('adetailerOpen', !open)}
        >
          {t('workbench.groups.adetailer')}
          <span className="wb-hint">
            {notSent !== null
              ? t('workbench.adetailer.summaryNotSent')
              : units.length === 0
                ? t('workbench.adetailer.summaryOff')
                : t('workbench.adetailer.summaryOn', { count: units.length })}
          </span>
        </button>
      </h3>
      {open && notSent !== null && (
        <p id={`${id}-body`} className="wb-hint">
          {notSent}
        </p>
      )}
      {open && notSent === null && (
        <div id={`${id}-body`}>
          <CheckboxField
            label={t('workbench.adetailer.enable')}
            checked={units.length > 0}
            onChange={(checked) => setUnits(checked ? [newUnit] : [])}
          />
          {unit && (
            <>
              <div className="wb-row">
                <div role="tablist" aria-label={t('workbench.adetailer.units')}>
                  {units.map((_, index) => (
                    <button
                      key={index}
                      type="button"
                      role="tab"
                      id={`${id}-tab-${index}`}
                      aria-selected={index === active}
                      aria-controls={`${id}-panel`}
                      tabIndex={index === active ? 0 : -1}
                      onClick={() => setSelected(index)}
                    >
                      {t('workbench.adetailer.unit', { number: index + 1 })}
                    </button>
                  ))}
                </div>
                <button type="button" disabled={units.length >= maxAdetailerUnits} onClick={addUnit}>
                  {t('workbench.adetailer.addUnit')}
                </button>
              </div>
              <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${active}`}>
                <AdetailerUnitFields index={active} unit={unit} />
                <button type="button" onClick={removeUnit}>
                  {t('workbench.adetailer.removeUnit')}
                </button>
              </div>
            </>
          )}
        </div>
      )}
    </section>
  )
}
