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
import { sameKey, ShortcutButton, ShortcutSlider, type Shortcut } from './ShortcutControls'

/** The shortcut of each control, shown in its tooltip and announced through aria-keyshortcuts. */
const toolKeys: Record<PainterTool, Shortcut> = {
  paint: sameKey('B'),
  erase: sameKey('E'),
  pan: sameKey('H'),
}
const shortcuts = {
  size: sameKey('[ ]'),
  hardness: sameKey('Shift+[ Shift+]'),
  invert: sameKey('I'),
  clear: { shown: 'Shift+Delete', aria: 'Shift+Delete Shift+Backspace' },
  undo: { shown: 'Ctrl+Z', aria: 'Control+Z Meta+Z' },
  redo: { shown: 'Ctrl+Shift+Z', aria: 'Control+Shift+Z Control+Y Meta+Shift+Z' },
  zoomOut: { shown: '−', aria: '-' },
  zoomIn: sameKey('+'),
  fit: sameKey('0'),
} as const satisfies Record<string, Shortcut>

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
  const hardnessPercent = Math.round(hardness * 100)
  const maskActions = [
    { action: 'invert', enabled: true, run: props.onInvert },
    { action: 'clear', enabled: props.canClear, run: props.onClear },
    { action: 'undo', enabled: props.canUndo, run: props.onUndo },
    { action: 'redo', enabled: props.canRedo, run: props.onRedo },
  ] as const

  return (
    <div className="inpaint-toolbar" role="group" aria-label={t('inpaint.toolbar')}>
      <div className="inpaint-segmented" role="group" aria-label={t('inpaint.tools.label')}>
        {painterTools.map((each) => (
          <ShortcutButton
            key={each}
            label={t(`inpaint.tools.${each}`)}
            shortcut={toolKeys[each]}
            pressed={tool === each}
            onClick={() => setTool(each)}
          />
        ))}
      </div>
      <ShortcutSlider
        label={t('inpaint.brush.size')}
        shortcut={shortcuts.size}
        min={brushSizeRange.min}
        max={brushSizeRange.max}
        value={size}
        valueText={t('inpaint.brush.sizeValue', { size })}
        onChange={setSize}
      />
      <ShortcutSlider
        label={t('inpaint.brush.hardness')}
        shortcut={shortcuts.hardness}
        min={0}
        max={100}
        value={hardnessPercent}
        valueText={t('inpaint.percent', { percent: hardnessPercent })}
        onChange={(percent) => setHardness(percent / 100)}
      />
      <div className="inpaint-segmented" role="group" aria-label={t('inpaint.actions.label')}>
        {maskActions.map(({ action, enabled, run }) => (
          <ShortcutButton
            key={action}
            label={t(`inpaint.actions.${action}`)}
            shortcut={shortcuts[action]}
            disabled={!enabled}
            onClick={run}
          />
        ))}
      </div>
      <div className="inpaint-segmented" role="group" aria-label={t('inpaint.zoom.label')}>
        <ShortcutButton
          label={t('inpaint.zoom.out')}
          shortcut={shortcuts.zoomOut}
          glyph="−"
          onClick={props.onZoomOut}
        />
        <output aria-label={t('inpaint.zoom.level')} className="inpaint-zoom-level">
          {t('inpaint.percent', { percent: Math.round(props.zoom * 100) })}
        </output>
        <ShortcutButton
          label={t('inpaint.zoom.in')}
          shortcut={shortcuts.zoomIn}
          glyph="+"
          onClick={props.onZoomIn}
        />
        <ShortcutButton label={t('inpaint.zoom.fit')} shortcut={shortcuts.fit} onClick={props.onFit} />
      </div>
    </div>
  )
}
