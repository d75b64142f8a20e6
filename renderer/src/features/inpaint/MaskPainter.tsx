import { useId, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { selectHardness, selectSize, selectTool, useInpaintStore } from './inpaint-store'
import { addOperation, canRedo, canUndo, isMaskEmpty, redo, undo, type MaskDocument } from './mask-document'
import { zoomStep } from './mask-view'
import { MaskToolbar } from './MaskToolbar'
import { commandForKey, type PainterCommand } from './painter-keys'
import { useMaskOverlay } from './use-mask-overlay'
import { useMaskView } from './use-mask-view'
import { usePainterPointer } from './use-painter-pointer'
import './inpaint.css'

export interface MaskPainterProps {
  /** The source image to paint on. */
  readonly imageUrl: string
  /** The source's size in pixels: the mask's coordinates and the exported PNG use it. */
  readonly width: number
  readonly height: number
  readonly value: MaskDocument
  readonly onChange: (doc: MaskDocument) => void
}

const isTextEntry = (target: EventTarget) =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLInputElement && target.type !== 'range'))

/**
 * Paints an inpaint mask over the source image: brush and eraser with size and hardness, invert,
 * clear, undo/redo, zoom and pan. Controlled: the mask is `value`, every change goes through
 * `onChange`, so the caller keeps it while the painter is unmounted. Shortcuts work while focus is
 * anywhere inside the painter.
 */
export function MaskPainter({ imageUrl, width, height, value, onChange }: MaskPainterProps) {
  const { t } = useTranslation()
  const viewportRef = useRef<HTMLDivElement>(null)
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const cursorRef = useRef<HTMLDivElement>(null)
  const hintId = useId()
  const image = { width, height }
  const tool = useInpaintStore(selectTool)
  const size = useInpaintStore(selectSize)
  const hardness = useInpaintStore(selectHardness)
  const [spaceHeld, setSpaceHeld] = useState(false)
  const { view, setView, zoomBy, fit } = useMaskView(viewportRef, image)
  const { show, resync } = useMaskOverlay(canvasRef, width, height, value)
  const pointer = usePainterPointer({
    ...{ viewportRef, cursorRef, image, view, setView, tool, size, hardness },
    ...{ panning: spaceHeld, value, onChange, show, resync },
  })

  const run = (command: PainterCommand) => {
    const brush = useInpaintStore.getState()
    if (command.kind === 'tool') brush.setTool(command.tool)
    else if (command.kind === 'brushSize') brush.stepSize(command.direction)
    else if (command.kind === 'hardness') brush.stepHardness(command.direction)
    else if (command.kind === 'invert' || command.kind === 'clear') onChange(addOperation(value, command))
    else if (command.kind === 'undo') onChange(undo(value))
    else if (command.kind === 'redo') onChange(redo(value))
    else if (command.kind === 'zoom') zoomBy(zoomStep ** command.direction)
    else if (command.kind === 'fit') fit()
    else setView({ zoom: view.zoom, panX: view.panX + command.dx, panY: view.panY + command.dy })
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.defaultPrevented) return
    const onSurface = event.target === viewportRef.current
    if (event.key === ' ' && onSurface) {
      event.preventDefault()
      setSpaceHeld(true)
      return
    }
    const plain = !event.ctrlKey && !event.metaKey
    if (plain && isTextEntry(event.target)) return
    const command = commandForKey(event, onSurface)
    if (!command) return
    // Claimed here, so the workbench's own Ctrl+Z (its parameter history) leaves it alone.
    event.preventDefault()
    run(command)
  }

  const panMode = tool === 'pan' || spaceHeld
  const diameter = Math.max(2, size * view.zoom)
  return (
    <div className="inpaint-painter" role="group" aria-label={t('inpaint.title')} onKeyDown={onKeyDown}>
      <MaskToolbar
        zoom={view.zoom}
        canUndo={canUndo(value)}
        canRedo={canRedo(value)}
        canClear={!isMaskEmpty(value)}
        onInvert={() => run({ kind: 'invert' })}
        onClear={() => run({ kind: 'clear' })}
        onUndo={() => run({ kind: 'undo' })}
        onRedo={() => run({ kind: 'redo' })}
        onZoomIn={() => run({ kind: 'zoom', direction: 1 })}
        onZoomOut={() => run({ kind: 'zoom', direction: -1 })}
        onFit={fit}
      />
      <div
        ref={viewportRef}
        className="inpaint-viewport"
        data-mode={panMode ? 'pan' : tool}
        role="application"
        tabIndex={0}
        aria-label={t('inpaint.surface')}
        aria-describedby={hintId}
        onKeyUp={(event) => event.key === ' ' && setSpaceHeld(false)}
        onBlur={() => setSpaceHeld(false)}
        {...pointer}
      >
        <div
          className="inpaint-stage"
          style={{
            width,
            height,
            transform: `translate(${view.panX}px, ${view.panY}px) scale(${view.zoom})`,
          }}
          data-pixelated={view.zoom >= 2 ? '' : undefined}
        >
          <img src={imageUrl} alt="" width={width} height={height} draggable={false} />
          <canvas ref={canvasRef} width={width} height={height} role="img" aria-label={t('inpaint.canvas')} />
        </div>
        <div
          ref={cursorRef}
          className="inpaint-cursor"
          aria-hidden="true"
          hidden={panMode}
          style={{ width: diameter, height: diameter }}
        />
      </div>
      <p id={hintId} className="inpaint-hint">
        {t('inpaint.hint')}
      </p>
    </div>
  )
}
