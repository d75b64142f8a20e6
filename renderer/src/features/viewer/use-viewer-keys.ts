import { useEffect } from 'react'
import type { CompareItem } from './param-diff'
import type { SaveControls } from './use-save-actions'
import type { useZoomPan } from './use-zoom-pan'
import { useViewerStore } from './viewer-store'

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))

/**
 * The viewer's keys, on the window while it is open (whatever inside it has focus): arrows walk,
 * Esc closes, +/-/0/1 zoom, C compares, Ctrl+S / Ctrl+Shift+S / Ctrl+C save and copy. Captured, so
 * the screen underneath does not also act on them.
 */
export function useViewerKeys(
  current: CompareItem | null,
  zoom: Pick<ReturnType<typeof useZoomPan>, 'zoomIn' | 'zoomOut' | 'fit' | 'actualSize'>,
  save: SaveControls,
) {
  useEffect(() => {
    if (!current) return undefined
    const store = useViewerStore.getState
    const onKey = (event: KeyboardEvent) => {
      if (useViewerStore.getState().compare !== null || isTyping(event.target)) return
      const mod = event.ctrlKey || event.metaKey
      const key = event.key
      const plain: Record<string, () => void> = {
        Escape: () => store().close(),
        ArrowLeft: () => store().step(-1),
        ArrowRight: () => store().step(1),
        ArrowUp: () => store().stepTask(-1),
        ArrowDown: () => store().stepTask(1),
        PageUp: () => store().stepTask(-1),
        PageDown: () => store().stepTask(1),
        '+': zoom.zoomIn,
        '=': zoom.zoomIn,
        '-': zoom.zoomOut,
        '0': zoom.fit,
        '1': zoom.actualSize,
        c: () => store().markForCompare(),
        C: () => store().markForCompare(),
      }
      let action: (() => void) | undefined
      if (mod && key.toLowerCase() === 's')
        action = event.shiftKey
          ? () => save.saveAll(current.record)
          : () => save.saveImage(current.record, current.imageIndex)
      else if (mod && key.toLowerCase() === 'c') {
        if (window.getSelection()?.toString()) return
        action = () => save.copyImage(current.record, current.imageIndex)
      } else if (!mod && !event.altKey) action = plain[key]
      if (!action) return
      event.preventDefault()
      event.stopPropagation()
      action()
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [current, zoom, save])
}
