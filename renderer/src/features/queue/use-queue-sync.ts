import { useCallback, useEffect, useRef } from 'react'
import type { Client } from '../../bridge'
import { useClient } from '../../app/client-context'
import { useQueueStore } from './queue-store'

/** At most one `queue.list` per this many ms while the queue churns (1,000 items sending). */
const refreshMs = 250

async function readQueue(client: Client): Promise<void> {
  const list = await client.call('queue.list', {})
  useQueueStore.getState().setList(list)
}

/**
 * Keeps the queue store in step with main: read once, then again whenever `queue.changed` carries
 * a revision other than the one held, coalesced so a queue changing many times a second costs a
 * few reads, not one per change. Answers `refresh`, for after the panel's own changes.
 */
export function useQueueSync(): () => void {
  const client = useClient()
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const refresh = useCallback(() => {
    void readQueue(client).catch(() => undefined)
  }, [client])
  useEffect(() => {
    refresh()
    const off = client.on('queue.changed', (event) => {
      if (event.revision === useQueueStore.getState().revision || timer.current) return
      timer.current = setTimeout(() => {
        timer.current = null
        refresh()
      }, refreshMs)
    })
    return () => {
      off()
      if (timer.current) clearTimeout(timer.current)
      timer.current = null
    }
  }, [client, refresh])
  return refresh
}
