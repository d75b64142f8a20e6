import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import {
  painterTools,
  selectHardness,
  selectSize,
  selectTool,
  useInpaintStore,
  type PainterTool,
} from './inpaint-store'
import { brushSizeRange } from './mask-document'

/** The shortcut of each control, shown in its tooltip and announced through aria-keyshortcuts. */
const toolKeys: Record<PainterTool, string> = { paint: 'B', erase: 'E', pan: 'H' }
const shortcuts = {
  size: { shown: '[ ]', aria: '[ ]' },
  hardness: { shown: 'Shift+[ Shift+]', aria: 'Shift+[ Shift+]' },
  invert: { shown: 'I', aria: 'I' },
  clear: { shown: 'Shift+Delete', aria: 'Shift+Delete Shift+Backspace' },
} as const

export interface MaskToolbarProps {
  readonly zoom: number
  readonly canUndo: boolean
  readonly canRedo: boolean
  readonly canClear: boolean
  readonly onInvert: () => void
  readonly onClear: () => void
  readonly onUndo: () => void
  readonly onRedo: () => void
  readonly onZoomIn: () => void
  readonly onZoomOut: () => void
  readonly onFit: () => void
}

/** Tools, brush settings, mask actions and zoom; every control is labelled and keyboard-reachable. */
export function MaskToolbar(props: MaskToolbarProps) {
  const { t } = useTranslation()
  const tool = useInpaintStore(selectTool)
  const size = useInpaintStore(selectSize)
  const hardness = useInpaintStore(selectHardness)
  const { setTool, setSize, setHardness } = useInpaintStore.getState()
  const sizeId = useId()
  const hardnessId = useId()
  const withKey = (label: string, key: string) => t('inpaint.withKey', { label, key })
  const hardnessPercent = Math.round(hardness * 100)

  return (
    <div className="inpaint-toolbar" role="group" aria-label={t('inpaint.toolbar')}>
      <div className="inpaint-segmented" role="group" aria-label={t('inpaint.tools.label')}>
        {painterTools.map((each) => (
          <button
            key={each}
            type="button"
            aria-pressed={tool === each}
            aria-keyshortcuts={toolKeys[each]}
            title={withKey(t(`inpaint.tools.${each}`), toolKeys[each])}
            onClick={() => setTool(each)}
          >
            {t(`inpaint.tools.${each}`)}
          </button>
        ))}
      </div>
      <div className="inpaint-slider">
        <label htmlFor={sizeId}>{t('inpaint.brush.size')}</label>
        <input
          id={sizeId}
          type="range"
          min={brushSizeRange.min}
          max={brushSizeRange.max}
          value={size}
          aria-keyshortcuts={shortcuts.size.aria}
          title={withKey(t('inpaint.brush.size'), shortcuts.size.shown)}
          aria-valuetext={t('inpaint.brush.sizeValue', { size })}
          onChange={(event) => setSize(Number(event.target.value))}
        />
        <output htmlFor={sizeId}>{t('inpaint.brush.sizeValue', { size })}</output>
      </div>
      <div className="inpaint-slider">
        <label htmlFor={hardnessId}>{t('inpaint.brush.hardness')}</label>
        <input
          id={hardnessId}
          type="range"
          min={0}
          max={100}
          value={hardnessPercent}
          aria-keyshortcuts={shortcuts.hardness.aria}
          title={withKey(t('inpaint.brush.hardness'), shortcuts.hardness.shown)}
          aria-valuetext={t('inpaint.percent', { percent: hardnessPercent })}
          onChange={(event) => setHardness(Number(event.target.value) / 100)}
        />
        <output htmlFor={hardnessId}>{t('inpaint.percent', { percent: hardnessPercent })}</output>
      </div>
      <div className="inpaint-segmented" role="group" aria-label={t('inpaint.actions.label')}>
        <button
          type="button"
          aria-keyshortcuts={shortcuts.invert.aria}
          title={withKey(t('inpaint.actions.invert'), shortcuts.invert.shown)}
          onClick={props.onInvert}
        >
          {t('inpaint.actions.invert')}
        </button>
        <button
          type="button"
          disabled={!props.canClear}
          aria-keyshortcuts={shortcuts.clear.aria}
          title={withKey(t('inpaint.actions.clear'), shortcuts.clear.shown)}
          onClick={props.onClear}
        >
          {t('inpaint.actions.clear')}
        </button>
        <button
          type="button"
          disabled={!props.canUndo}
          aria-keyshortcuts="Control+Z Meta+Z"
          title={withKey(t('inpaint.actions.undo'), 'Ctrl+Z')}
          onClick={props.onUndo}
        >
          {t('inpaint.actions.undo')}
        </button>
        <button
          type="button"
          disabled={!props.canRedo}
          aria-keyshortcuts="Control+Shift+Z Control+Y Meta+Shift+Z"
          title={withKey(t('inpaint.actions.redo'), 'Ctrl+Shift+Z')}
          onClick={props.onRedo}
        >
          {t('inpaint.actions.redo')}
        </button>
      </div>
      <div className="inpaint-segmented" role="group" aria-label={t('inpaint.zoom.label')}>
        <button
          type="button"
          aria-keyshortcuts="-"
          title={withKey(t('inpaint.zoom.out'), '−')}
          onClick={props.onZoomOut}
        >
          <span aria-hidden="true">−</span>
          <span className="inpaint-sr-only">{t('inpaint.zoom.out')}</span>
        </button>
        <output aria-label={t('inpaint.zoom.level')} className="inpaint-zoom-level">
          {t('inpaint.percent', { percent: Math.round(props.zoom * 100) })}
        </output>
        <button
          type="button"
          aria-keyshortcuts="+"
          title={withKey(t('inpaint.zoom.in'), '+')}
          onClick={props.onZoomIn}
        >
          <span aria-hidden="true">+</span>
          <span className="inpaint-sr-only">{t('inpaint.zoom.in')}</span>
        </button>
        <button
          type="button"
          aria-keyshortcuts="0"
          title={withKey(t('inpaint.zoom.fit'), '0')}
          onClick={props.onFit}
        >
          {t('inpaint.zoom.fit')}
        </button>
      </div>
    </div>
  )
}
