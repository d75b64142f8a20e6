import { useRef, type PointerEvent as ReactPointerEvent, type RefObject } from 'react'
import type { PainterTool } from './inpaint-store'
import {
  addOperation,
  appendStrokePoints,
  makeStroke,
  type MaskDocument,
  type MaskPoint,
  type StrokeOperation,
} from './mask-document'
import { clampToImage, panBy, toSource, type MaskView, type Size } from './mask-view'

type Gesture =
  | { readonly kind: 'stroke'; readonly pointerId: number; stroke: StrokeOperation }
  | {
      readonly kind: 'pan'
      readonly pointerId: number
      readonly startX: number
      readonly startY: number
      readonly startView: MaskView
    }

export interface PainterPointerOptions {
  readonly viewportRef: RefObject<HTMLElement | null>
  readonly cursorRef: RefObject<HTMLElement | null>
  readonly image: Size
  readonly view: MaskView
  readonly setView: (next: MaskView) => void
  readonly tool: PainterTool
  readonly size: number
  readonly hardness: number
  /** Space is held: any drag pans. */
  readonly panning: boolean
  readonly value: MaskDocument
  readonly onChange: (doc: MaskDocument) => void
  readonly show: (doc: MaskDocument) => void
  readonly resync: () => void
}

/** The pen's eraser end reports this button (Pointer Events). */
const penEraserButton = 5
const middleButton = 1

/**
 * Pointer input on the painting surface, for mouse, pen and touch alike. A drag paints in source
 * pixels whatever the zoom; the stroke is drawn live and becomes one undo step when the pointer
 * is released. Middle-button drags, Space+drag and the hand tool pan.
 */
export function usePainterPointer(options: PainterPointerOptions) {
  const gesture = useRef<Gesture | null>(null)
  const { viewportRef, cursorRef, image, view } = options

  const viewportPoint = (event: { clientX: number; clientY: number }) => {
    const box = viewportRef.current?.getBoundingClientRect()
    return { x: event.clientX - (box?.left ?? 0), y: event.clientY - (box?.top ?? 0) }
  }
  const sourcePoint = (event: { clientX: number; clientY: number }): MaskPoint => {
    const at = viewportPoint(event)
    return clampToImage(toSource(view, at.x, at.y), image)
  }
  const moveCursor = (event: { clientX: number; clientY: number }) => {
    const at = viewportPoint(event)
    cursorRef.current?.style.setProperty('translate', `${at.x}px ${at.y}px`)
  }

  /** Adds the pointer's positions since the last event, at most about eight per brush width. */
  const extendStroke = (current: Gesture & { kind: 'stroke' }, events: readonly PointerEvent[]) => {
    const spacing = Math.max(1, current.stroke.size / 8)
    const stroke = appendStrokePoints(current.stroke, events.map(sourcePoint), spacing)
    if (stroke === current.stroke) return
    current.stroke = stroke
    options.show(addOperation(options.value, stroke))
  }

  const panTo = (current: Gesture & { kind: 'pan' }, event: { clientX: number; clientY: number }) =>
    options.setView(panBy(current.startView, event.clientX - current.startX, event.clientY - current.startY))

  const onPointerDown = (event: ReactPointerEvent<HTMLElement>) => {
    if (gesture.current) return
    const pans = event.button === middleButton || options.panning || options.tool === 'pan'
    if (!pans && event.button !== 0 && event.button !== penEraserButton) return
    event.preventDefault()
    viewportRef.current?.focus({ preventScroll: true })
    try {
      // Strokes continue when the pointer leaves the surface and end where it is released.
      event.currentTarget.setPointerCapture(event.pointerId)
    } catch {
      // Synthetic events (automation) may name a pointer the browser does not know; paint anyway.
    }
    if (pans) {
      const { pointerId, clientX: startX, clientY: startY } = event
      gesture.current = { kind: 'pan', pointerId, startX, startY, startView: view }
      return
    }
    const mode = options.tool === 'erase' || event.button === penEraserButton ? 'erase' : 'paint'
    const stroke = makeStroke(mode, options.size, options.hardness, [sourcePoint(event)])
    gesture.current = { kind: 'stroke', pointerId: event.pointerId, stroke }
    options.show(addOperation(options.value, stroke))
  }

  const onPointerMove = (event: ReactPointerEvent<HTMLElement>) => {
    moveCursor(event)
    const current = gesture.current
    if (current?.pointerId !== event.pointerId) return
    if (current.kind === 'pan') {
      panTo(current, event)
      return
    }
    // Pens report many positions per frame; the coalesced ones keep fast curves smooth.
    const coalesced = event.nativeEvent.getCoalescedEvents?.() ?? []
    extendStroke(current, coalesced.length > 0 ? coalesced : [event.nativeEvent])
  }

  /** Ends the gesture; a stroke becomes one operation, ending where the pointer was released. */
  const finish = (event: ReactPointerEvent<HTMLElement>) => {
    const current = gesture.current
    if (current?.pointerId !== event.pointerId) return
    gesture.current = null
    if (current.kind === 'pan') {
      if (event.type === 'pointerup') panTo(current, event)
      return
    }
    // The release point ends the stroke unless it repeats the last one; a cancelled pointer (the
    // system took it over) reports no meaningful position.
    const ending = event.type === 'pointerup' ? [sourcePoint(event)] : []
    const stroke = appendStrokePoints(current.stroke, ending, Number.MIN_VALUE)
    options.onChange(addOperation(options.value, stroke))
    options.resync()
  }

  return { onPointerDown, onPointerMove, onPointerUp: finish, onPointerCancel: finish }
}
