import { useEffect } from 'react'
import { create } from 'zustand'
import { useClient } from '../../app/client-context'

/**
 * Tasks recorded `failed` after a "too many tasks" answer that the queue holds to send again under
 * the same id (`queue.held`, then each `queue.changed`). Their failure is not final: task cards and
 * history rows show them as waiting to retry in the queue instead.
 */
interface HeldState {
  readonly held: ReadonlySet<string>
  setHeld(taskIds: readonly string[]): void
}

export const useHeldTasks = create<HeldState>()((set) => ({
  held: new Set(),
  setHeld: (taskIds) => set({ held: new Set(taskIds) }),
}))

/** Whether the queue still owns this task (its `failed` record is a retry to come). */
export const useQueueHolds = (taskId: string): boolean => useHeldTasks((state) => state.held.has(taskId))

/** Keeps `useHeldTasks` current while a screen that shows task status is open. */
export function useHeldSync(): void {
  const client = useClient()
  useEffect(() => {
    const { setHeld } = useHeldTasks.getState()
    let live = true
    void client.call('queue.held', {}).then(
      ({ taskIds }) => live && setHeld(taskIds),
      () => undefined,
    )
    const off = client.on('queue.changed', (event) => setHeld(event.held))
    return () => {
      live = false
      off()
    }
  }, [client])
}
