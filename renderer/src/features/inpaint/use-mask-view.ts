import { useEffect, useRef, useState, type RefObject } from 'react'
import { clampPan, fitView, zoomAround, type MaskView, type Size } from './mask-view'

interface ManualView {
  /** The image size the view was set for: a new image starts fitted again. */
  readonly imageKey: string
  readonly view: MaskView
}

export interface MaskViewControls {
  readonly view: MaskView
  readonly viewport: Size
  /** Sets zoom and pan, keeping part of the image in view. */
  readonly setView: (next: MaskView) => void
  /** Zooms by `factor` around a viewport point, by default the viewport's centre. */
  readonly zoomBy: (factor: number, at?: { x: number; y: number }) => void
  readonly fit: () => void
}

/**
 * Zoom and pan of the painting surface. Until the user zooms or pans, the view follows the
 * viewport's size and keeps the whole image fitted. Ctrl+wheel (and a touchpad pinch, which
 * Chromium reports the same way) zooms at the pointer; the plain wheel pans, so no scrollbars
 * are needed.
 */
export function useMaskView(viewportRef: RefObject<HTMLElement | null>, image: Size): MaskViewControls {
  const [viewport, setViewport] = useState<Size>({ width: 0, height: 0 })
  const [manual, setManual] = useState<ManualView | null>(null)
  const imageKey = `${image.width}x${image.height}`
  const view = manual?.imageKey === imageKey ? manual.view : fitView(viewport, image)

  const setView = (next: MaskView) => setManual({ imageKey, view: clampPan(next, viewport, image) })
  const zoomBy = (factor: number, at?: { x: number; y: number }) =>
    setView(zoomAround(view, factor, at?.x ?? viewport.width / 2, at?.y ?? viewport.height / 2))
  const fit = () => setManual(null)

  useEffect(() => {
    const element = viewportRef.current
    if (!element || typeof ResizeObserver === 'undefined') return undefined
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setViewport({ width: entry.contentRect.width, height: entry.contentRect.height })
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [viewportRef])

  const onWheel = useRef<(event: WheelEvent) => void>(() => undefined)
  useEffect(() => {
    onWheel.current = (event: WheelEvent) => {
      event.preventDefault()
      const box = viewportRef.current?.getBoundingClientRect()
      const at = { x: event.clientX - (box?.left ?? 0), y: event.clientY - (box?.top ?? 0) }
      if (event.ctrlKey || event.metaKey) zoomBy(Math.exp(-event.deltaY / 300), at)
      else setView({ zoom: view.zoom, panX: view.panX - event.deltaX, panY: view.panY - event.deltaY })
    }
  })
  useEffect(() => {
    const element = viewportRef.current
    if (!element) return undefined
    // React's wheel listener is passive; this one must be able to stop the page from zooming.
    const listener = (event: WheelEvent) => onWheel.current(event)
    element.addEventListener('wheel', listener, { passive: false })
    return () => element.removeEventListener('wheel', listener)
  }, [viewportRef])

  return { view, viewport, setView, zoomBy, fit }
}
