import { useEffect, useState, type ReactNode } from 'react'

/**
 * Renders its children once the screen around them has painted: the parts of a screen below the
 * fold, so the first paint (and the prompt box taking keys) does not wait for them (issue 13 §10).
 * They follow within a frame or two, below what is already shown.
 */
export function AfterFirstPaint({ children }: { readonly children: ReactNode }) {
  const [shown, setShown] = useState(false)
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    // A frame, then a task: the browser paints what is there before these render.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setShown(true), 0)
    })
    return () => {
      cancelAnimationFrame(frame)
      clearTimeout(timer)
    }
  }, [])
  return shown ? children : null
}
