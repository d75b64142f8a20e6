import { useEffect, useRef, useState, type DragEvent } from 'react'

/** How long a drag rests on a tab before its screen opens (as Finder's spring-loaded folders). */
export const springDelayMs = 600

/**
 * Spring-loaded navigation: while a drag that `accepts` allows rests on the element for
 * `springDelayMs`, `open` runs, so the drag can go on to a screen that was not shown. Leaving or
 * dropping earlier cancels it. `armed` says the countdown runs, for the element to show it.
 */
export function useSpringLoad(open: () => void, accepts: (types: readonly string[]) => boolean) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const latestOpen = useRef(open)
  const [armed, setArmed] = useState(false)
  useEffect(() => {
    latestOpen.current = open
  })
  useEffect(() => () => clearTimeout(timer.current ?? undefined), [])

  const cancel = () => {
    clearTimeout(timer.current ?? undefined)
    timer.current = null
    setArmed(false)
  }
  const handlers = {
    onDragEnter: (event: DragEvent) => {
      if (!accepts(event.dataTransfer.types)) return
      // Cancelled so the spec makes this element the drag's current target and sends it dragleave.
      event.preventDefault()
      if (timer.current !== null) return
      setArmed(true)
      timer.current = setTimeout(() => {
        timer.current = null
        setArmed(false)
        latestOpen.current()
      }, springDelayMs)
    },
    onDragLeave: cancel,
    onDrop: cancel,
  }
  return { armed, handlers }
}
