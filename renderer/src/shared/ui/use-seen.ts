import { useEffect, useState, type RefObject } from 'react'

/**
 * Whether the element has come into view at least once (it stays true). A result thumbnail is read
 * and decoded only then: a running queue adds finished cards below the running ones, out of view,
 * and trims the oldest, so most would otherwise be read for nothing (issue 15). Where the page has
 * no IntersectionObserver, everything counts as seen.
 */
export function useSeen(ref: RefObject<Element | null>): boolean {
  const [seen, setSeen] = useState(() => typeof IntersectionObserver === 'undefined')
  useEffect(() => {
    const element = ref.current
    if (seen || !element) return
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) setSeen(true)
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [ref, seen])
  return seen
}
