import { useEffect } from 'react'
import { isTerminalStatus } from '#contract'
import { useClient } from '../../app/client-context'
import { useTasksStore } from './tasks-store'
import { useWorkbenchStore } from './workbench-store'

/**
 * Keeps the task cards current: what is in flight when the window opens (tasks survive a closed
 * window or a restart), then every change and progress push. A finished task's seed becomes the
 * "reuse last" seed.
 */
export function useLiveTasks(): void {
  const client = useClient()
  useEffect(() => {
    const tasks = useTasksStore.getState()
    void client.call('tasks.active', {}).then(
      ({ tasks: records, progress }) => tasks.load(records, progress),
      () => undefined,
    )
    const offChanged = client.on('tasks.changed', (record) => {
      tasks.upsertRecord(record)
      const seed = record.images[0]?.seed
      if (record.status === 'succeeded' && isTerminalStatus(record.status) && typeof seed === 'number') {
        useWorkbenchStore.getState().setLastSeed(seed)
      }
    })
    const offProgress = client.on('tasks.progress', (progress) => tasks.setProgress(progress))
    return () => {
      offChanged()
      offProgress()
    }
  }, [client])
}
