import { useTranslation } from 'react-i18next'
import { NumberField } from './Fields'
import { selectPrefs } from './selectors'
import { aspectRatios, aspectSize, matchingRatio, sizeFamilies, type SizeFamily } from './sizes'
import { useWorkbenchStore } from './workbench-store'

/** Width and height, with ratio presets per model family and a swap button. */
export function SizeGroup() {
  const { t } = useTranslation()
  const width = useWorkbenchStore((state) => state.draft.width)
  const height = useWorkbenchStore((state) => state.draft.height)
  const family = useWorkbenchStore(selectPrefs).sizeFamily
  const setParam = useWorkbenchStore((state) => state.setParam)
  const setSize = useWorkbenchStore((state) => state.setSize)
  const swapSize = useWorkbenchStore((state) => state.swapSize)
  const setPref = useWorkbenchStore((state) => state.setPref)
  const current = matchingRatio(family, { width, height })
  return (
    <fieldset className="wb-group">
      <legend>{t('workbench.groups.size')}</legend>
      <label className="wb-field">
        {t('workbench.size.family')}
        <select
          value={family}
          onChange={(event) => setPref('sizeFamily', Number(event.target.value) as SizeFamily)}
        >
          {sizeFamilies.map((base) => (
            <option key={base} value={base}>
              {t(`workbench.size.family${base}`)}
            </option>
          ))}
        </select>
      </label>
      <div role="group" aria-label={t('workbench.size.ratios')} className="wb-segmented">
        {aspectRatios.map((ratio) => (
          <button
            key={ratio}
            type="button"
            aria-pressed={current === ratio}
            onClick={() => setSize(aspectSize(family, ratio))}
          >
            {ratio}
          </button>
        ))}
      </div>
      <div className="wb-row">
        <NumberField
          label={t('workbench.fields.width')}
          path="width"
          value={width}
          step={8}
          onChange={(value) => setParam('width', value)}
        />
        <button
          type="button"
          className="wb-icon"
          aria-label={t('workbench.size.swap')}
          title={t('workbench.size.swap')}
          onClick={swapSize}
        >
          <span aria-hidden="true">⇄</span>
        </button>
        <NumberField
          label={t('workbench.fields.height')}
          path="height"
          value={height}
          step={8}
          onChange={(value) => setParam('height', value)}
        />
      </div>
    </fieldset>
  )
}
