import { useCallback, useEffect, useRef } from 'react'
import type { Client } from '../../bridge'
import { useClient } from '../../app/client-context'
import { useQueueStore } from './queue-store'

/** At most one `queue.list` per this many ms while the queue churns (1,000 items sending). */
const refreshMs = 500
/** Rows read beyond each end of what is on screen, so scrolling a little needs no read. */
const margin = 100

async function readQueue(client: Client, open: boolean): Promise<void> {
  const { range } = useQueueStore.getState()
  // Closed: the counts and the first row are enough (the badge); open: the rows around the view.
  const offset = open ? Math.max(0, range.start - margin) : 0
  const count = open ? Math.min(5000, range.end - range.start + 2 * margin) : 1
  const list = await client.call('queue.list', { offset, count })
  useQueueStore.getState().setList(list, offset)
}

/**
 * Keeps the queue store in step with main. The badge follows `queue.changed`'s counts as they
 * come; the list is read again only while the drawer is open, at most every `refreshMs`, and only
 * the window around the rows on screen, so a busy queue of 1,000 items costs a small read now
 * and then, not a full one per change. Answers `refresh`, for after the panel's own changes.
 */
export function useQueueSync(): () => void {
  const client = useClient()
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const refresh = useCallback(() => {
    void readQueue(client, useQueueStore.getState().open).catch(() => undefined)
  }, [client])
  useEffect(() => {
    refresh()
    const off = client.on('queue.changed', (event) => {
      const state = useQueueStore.getState()
      const mine = event.profiles.find((counts) => counts.profileId === state.profileId)
      // A profile with nothing queued or running is left out of the event: its counts are zero.
      if (mine) state.setCounts(mine)
      else if (state.profileId) state.setCounts({ ...state, waiting: 0, running: 0 })
      if (event.revision === state.revision || timer.current || !state.open) return
      timer.current = setTimeout(() => {
        timer.current = null
        refresh()
      }, refreshMs)
    })
    // Opening the drawer, or scrolling past the window read, reads the rows now in view.
    const unwatch = useQueueStore.subscribe((state, before) => {
      const opened = state.open && !before.open
      const { start, end } = state.range
      const outside = start < state.offset || end > state.offset + state.items.length
      if (
        opened ||
        (state.open && state.range !== before.range && outside && state.items.length < state.total)
      )
        refresh()
    })
    return () => {
      off()
      unwatch()
      if (timer.current) clearTimeout(timer.current)
      timer.current = null
    }
  }, [client, refresh])
  return refresh
}
