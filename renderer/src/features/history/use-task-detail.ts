import { useEffect, useState } from 'react'
import type { TaskRecord } from '#contract'
import type { Client } from '../../bridge'

/**
 * The task the detail panel shows, read fresh from main whenever it is opened or `revision`
 * changes (a pushed change, a refresh); null while loading or when the task is gone.
 */
export function useTaskDetail(client: Client, id: string | null, revision: number): TaskRecord | null {
  const [loaded, setLoaded] = useState<TaskRecord | null>(null)
  useEffect(() => {
    if (id === null) return undefined
    let current = true
    client.call('history.get', { id }).then(
      (record) => current && setLoaded(record),
      () => current && setLoaded(null),
    )
    return () => {
      current = false
    }
  }, [client, id, revision])
  return loaded !== null && loaded.id === id ? loaded : null
}
