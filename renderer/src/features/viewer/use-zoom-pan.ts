import { useEffect, useRef, useState, type PointerEvent, type RefObject, type WheelEvent } from 'react'

export interface View {
  /** 'fit' follows the stage's size; 'free' keeps the user's zoom and pan. */
  readonly mode: 'fit' | 'free'
  readonly scale: number
  readonly x: number
  readonly y: number
}

const minScale = 0.05
const maxScale = 32
const wheelStep = 1.2
const clamp = (scale: number) => Math.min(maxScale, Math.max(minScale, scale))

/** The scale and offset that fit an image in the stage, centred (small images are enlarged). */
export function fitView(
  stage: { width: number; height: number },
  image: { width: number; height: number },
): View {
  if (image.width === 0 || image.height === 0 || stage.width === 0)
    return { mode: 'fit', scale: 1, x: 0, y: 0 }
  const scale = Math.min(stage.width / image.width, stage.height / image.height)
  return {
    mode: 'fit',
    scale,
    x: (stage.width - image.width * scale) / 2,
    y: (stage.height - image.height * scale) / 2,
  }
}

/** Zooms by `factor` keeping the stage point (px, py) where it is. */
export function zoomAt(view: View, factor: number, px: number, py: number): View {
  const scale = clamp(view.scale * factor)
  const ratio = scale / view.scale
  return { mode: 'free', scale, x: px - (px - view.x) * ratio, y: py - (py - view.y) * ratio }
}

/**
 * Zoom (wheel, +/-), fit (0), 1:1 (1) and pan (drag) of one image in a stage element. A new image
 * starts fitted, and a fitted view follows the stage's size; zooming or dragging frees it.
 */
export function useZoomPan(imageKey: string | null, stageRef: RefObject<HTMLDivElement | null>) {
  const [stage, setStage] = useState({ width: 0, height: 0 })
  const [natural, setNatural] = useState({ width: 0, height: 0 })
  const [free, setFree] = useState<{ key: string | null; view: View } | null>(null)
  const drag = useRef<{ x: number; y: number } | null>(null)
  const fitted = fitView(stage, natural)
  const view = free !== null && free.key === imageKey ? free.view : fitted

  useEffect(() => {
    const element = stageRef.current
    if (!element || typeof ResizeObserver === 'undefined') return undefined
    const observer = new ResizeObserver(() =>
      setStage({ width: element.clientWidth, height: element.clientHeight }),
    )
    observer.observe(element)
    return () => observer.disconnect()
  }, [stageRef])

  const change = (next: (current: View) => View) =>
    setFree((previous) => ({
      key: imageKey,
      view: next(previous !== null && previous.key === imageKey ? previous.view : fitted),
    }))
  const zoomBy = (factor: number) =>
    change((current) => zoomAt(current, factor, stage.width / 2, stage.height / 2))

  const handlers = {
    onWheel: (event: WheelEvent<HTMLDivElement>) => {
      const rect = event.currentTarget.getBoundingClientRect()
      const factor = event.deltaY < 0 ? wheelStep : 1 / wheelStep
      const x = event.clientX - rect.left
      const y = event.clientY - rect.top
      change((current) => zoomAt(current, factor, x, y))
    },
    onPointerDown: (event: PointerEvent<HTMLDivElement>) => {
      if (event.button !== 0) return
      drag.current = { x: event.clientX, y: event.clientY }
      event.currentTarget.setPointerCapture?.(event.pointerId)
    },
    onPointerMove: (event: PointerEvent<HTMLDivElement>) => {
      const from = drag.current
      if (!from) return
      drag.current = { x: event.clientX, y: event.clientY }
      const dx = event.clientX - from.x
      const dy = event.clientY - from.y
      change((current) => ({ ...current, mode: 'free', x: current.x + dx, y: current.y + dy }))
    },
    onPointerUp: () => {
      drag.current = null
    },
  }

  return {
    view,
    handlers,
    onImageLoad: (width: number, height: number) => setNatural({ width, height }),
    zoomIn: () => zoomBy(wheelStep),
    zoomOut: () => zoomBy(1 / wheelStep),
    fit: () => setFree(null),
    actualSize: () =>
      setFree({
        key: imageKey,
        view: {
          mode: 'free',
          scale: 1,
          x: (stage.width - natural.width) / 2,
          y: (stage.height - natural.height) / 2,
        },
      }),
  }
}
