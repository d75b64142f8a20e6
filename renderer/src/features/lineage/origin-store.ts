import { create } from 'zustand'
import type { TaskOrigin } from '#contract'

interface OriginState {
  /** What the workbench's next tasks come from; null for a prompt of the user's own. */
  readonly next: TaskOrigin | null
  set(origin: TaskOrigin | null): void
}

/**
 * Where the workbench's current parameters came from (a re-run, a "send to", pasted infotext, a
 * preset), sent with each submit as the task's `origin`. The latest load wins; it stays for every
 * generation from those parameters, as they all came from it.
 */
export const useOriginStore = create<OriginState>()((set) => ({
  next: null,
  set: (origin) => set({ next: origin }),
}))

export const setNextOrigin = (origin: TaskOrigin | null) => useOriginStore.getState().set(origin)
/** The origin to send with a submit, if any. */
export const nextOrigin = (): { origin?: TaskOrigin } => {
  const origin = useOriginStore.getState().next
  return origin ? { origin } : {}
}
