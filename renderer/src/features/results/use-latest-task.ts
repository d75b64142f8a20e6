import { useEffect, useState } from 'react'
import type { TaskRecord } from '#contract'
import { useClient } from '../../app/client-context'
import { selectLiveTasks, useTasksStore, type LiveTask } from '../workbench/tasks-store'

/**
 * The task the stage shows: the newest live one (running or done), else, after a restart, the
 * newest result in the history.
 */
export function useLatestTask(): LiveTask | null {
  const client = useClient()
  const live = useTasksStore(selectLiveTasks)[0] ?? null
  const [stored, setStored] = useState<TaskRecord | null>(null)
  useEffect(() => {
    if (live) return
    let current = true
    client.call('history.list', { status: ['succeeded'], limit: 1 }).then(
      (page) => current && setStored(page.items[0] ?? null),
      () => undefined,
    )
    return () => {
      current = false
    }
  }, [client, live])
  return live ?? (stored ? { record: stored, progress: null } : null)
}

/** A thumbnail as a data URL, null until it arrives (or when the image was not kept). */
export function useThumb(cacheKey: string | null): string | null {
  const client = useClient()
  const [thumb, setThumb] = useState<{ key: string; url: string } | null>(null)
  useEffect(() => {
    if (!cacheKey) return
    let current = true
    client.call('images.get', { cacheKey, size: 'thumb' }).then(
      ({ dataUrl }) => current && setThumb({ key: cacheKey, url: dataUrl }),
      () => undefined,
    )
    return () => {
      current = false
    }
  }, [client, cacheKey])
  return thumb?.key === cacheKey ? thumb.url : null
}
