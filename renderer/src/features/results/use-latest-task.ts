import { useEffect, useState } from 'react'
import { isTerminalStatus, type TaskRecord } from '#contract'
import { useClient } from '../../app/client-context'
import { useTasksStore, type LiveTask } from '../workbench/tasks-store'

/**
 * The live task the stage shows: one running (its live progress), else the newest task if it was
 * sent after the last result came (a Generate shows its state at once), else that result: while a
 * batch or the queue still waits to start its later tasks, the stage keeps the latest result in
 * view instead of whichever task was sent last.
 */
export function selectStageTask({ tasks }: { readonly tasks: readonly LiveTask[] }): LiveTask | null {
  const newest = tasks[0]
  if (!newest) return null
  const running = tasks.find((task) => task.record.status === 'running')
  if (running) return running
  const finished = tasks.find((task) => isTerminalStatus(task.record.status))
  if (!finished || finished === newest) return newest
  const finishedAt = finished.record.finishedAt ?? finished.record.updatedAt
  return newest.record.createdAt > finishedAt ? newest : finished
}

/** The task the stage shows: the live one (selectStageTask), else, after a restart, the newest result in the history. */
export function useLatestTask(): LiveTask | null {
  const client = useClient()
  const live = useTasksStore(selectStageTask)
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
