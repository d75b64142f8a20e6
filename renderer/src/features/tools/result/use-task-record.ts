import { useEffect, useState } from 'react'
import type { TaskRecord } from '#contract'
import { useClient } from '../../../app/client-context'

/**
 * One task as the history keeps it, kept current by `tasks.changed`; null until it is read (or
 * when there is no task). A push that arrives before the first read wins over that read.
 */
export function useTaskRecord(taskId: string | null): TaskRecord | null {
  const client = useClient()
  // Kept with the id it belongs to, so a new id shows nothing until its own record arrives.
  const [held, setHeld] = useState<{ id: string; record: TaskRecord } | null>(null)
  useEffect(() => {
    if (taskId === null) return
    let pushed = false
    let current = true
    const off = client.on('tasks.changed', (changed) => {
      if (changed.id !== taskId) return
      pushed = true
      setHeld({ id: taskId, record: changed })
    })
    client.call('history.get', { id: taskId }).then(
      (read) => current && !pushed && setHeld({ id: taskId, record: read }),
      () => undefined,
    )
    return () => {
      current = false
      off()
    }
  }, [client, taskId])
  return held !== null && held.id === taskId ? held.record : null
}

/** A cached image as a data: URL for `<img>`, or null while it loads or when it is not cached. */
export function useCachedImage(cacheKey: string | null, size: 'thumb' | 'full' = 'full'): string | null {
  const client = useClient()
  const [held, setHeld] = useState<{ key: string; url: string } | null>(null)
  useEffect(() => {
    if (cacheKey === null) return
    let current = true
    client.call('images.get', { cacheKey, size }).then(
      ({ dataUrl }) => current && setHeld({ key: cacheKey, url: dataUrl }),
      () => undefined,
    )
    return () => {
      current = false
    }
  }, [client, cacheKey, size])
  return held !== null && held.key === cacheKey ? held.url : null
}
