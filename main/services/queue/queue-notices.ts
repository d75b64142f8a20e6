import type { QueueCounts } from '#contract'
import type { EventBus } from '../event-bus'
import type { QueueEntries } from './queue-entries'
import type { QueueLimits } from './queue-limits'
import type { QueueStatus } from './queue-types'

/** Runs `emit` once the work under way has finished; answers a function that cancels it. */
export type Defer = (emit: () => void) => () => void

export const nextMacrotask: Defer = (emit) => {
  const handle = setImmediate(emit)
  return () => clearImmediate(handle)
}

export interface QueueNoticesDeps {
  readonly entries: QueueEntries
  /** Tasks recorded and not ended (any source), by task id: the profile each belongs to. */
  readonly inFlight: ReadonlyMap<string, string>
  readonly paused: ReadonlySet<string>
  readonly limits: QueueLimits
  readonly events: EventBus
  readonly defer?: Defer
}

/**
 * What the queue tells the rest of the app: each profile's counts, the tasks it holds, a revision
 * that grows with every change, and those who wait for it to drain.
 *
 * `queue.changed` is coalesced: one sending task changes the queue four or five times (sent,
 * recorded, accepted, room for the next), and a running queue of 1,000 items sent ~1,500 events in
 * 5 s, each one counted over every item, checked, serialised and written to every window (issue
 * 15's frame time: main shares the machine's two cores with the renderer). Every change still gets
 * its revision at once; one event with the newest counts goes out once the work under way ends.
 */
export function createQueueNotices(deps: QueueNoticesDeps) {
  const { entries, inFlight, paused, limits } = deps
  const defer = deps.defer ?? nextMacrotask
  const drainWaiters = new Set<{ profileId?: string; resolve: () => void }>()
  let revision = 0
  let cancelEmit: (() => void) | null = null

  const running = (profileId: string) => {
    let count = 0
    for (const owner of inFlight.values()) if (owner === profileId) count += 1
    for (const entry of entries.of(profileId))
      if (entry.state === 'sending' && !inFlight.has(entry.taskId)) count += 1
    return count
  }

  const countsOf = (profileId: string): QueueCounts => ({
    profileId,
    waiting: entries.of(profileId).length,
    running: running(profileId),
    limit: limits.get(profileId),
    paused: paused.has(profileId),
  })

  const counts = () =>
    [...new Set([...entries.profiles(), ...inFlight.values(), ...paused])].sort().map(countsOf)

  // Only an item refused at least once has a (failed) record; the rest have none until sent.
  const held = () =>
    entries
      .profiles()
      .flatMap((profileId) => entries.of(profileId).filter((entry) => entry.attempts > 0))
      .map((entry) => entry.taskId)

  const left = (profileId?: string) =>
    profileId === undefined ? entries.size() : entries.of(profileId).length

  const emit = () => {
    cancelEmit = null
    deps.events.emit('queue.changed', { revision, profiles: counts(), held: held() })
  }

  return {
    running,
    counts,
    held,
    revision: () => revision,
    statusOf: (profileId: string): QueueStatus => ({ ...countsOf(profileId), revision }),
    /** A change: a new revision now, drained waiters resolved now, the event once the work ends. */
    changed() {
      revision += 1
      cancelEmit ??= defer(emit)
      for (const waiter of drainWaiters) {
        if (left(waiter.profileId) > 0) continue
        drainWaiters.delete(waiter)
        waiter.resolve()
      }
    },
    drained(profileId?: string): Promise<void> {
      if (left(profileId) === 0) return Promise.resolve()
      return new Promise((resolve) => drainWaiters.add({ profileId, resolve }))
    },
    /** Nothing is sent after close: a pending event would describe a queue that is gone. */
    close() {
      cancelEmit?.()
      cancelEmit = null
    },
  }
}
