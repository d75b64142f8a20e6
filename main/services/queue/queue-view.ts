import type { QueueItem } from '#contract'
import type { QueueEntry } from './queue-entries'

/** The queue's clock and timer; tests drive them by hand so backoff needs no sleeping. */
export interface QueueTimers {
  now(): number
  setTimeout(run: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const realTimers: QueueTimers = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

const labelMax = 120

/** The line an item is listed by: its label (a plot cell's axis values) or its prompt, on one line. */
export const queueLabel = (text: string): string => text.replace(/\s+/g, ' ').trim().slice(0, labelMax)

/** An entry as `queue.list` shows it; a queued item of a paused profile shows `paused`. */
export const toItem = (entry: QueueEntry, position: number, paused: boolean): QueueItem => ({
  id: entry.id,
  taskId: entry.taskId,
  profileId: entry.profileId,
  kind: entry.request.kind,
  label: entry.label,
  position,
  state: entry.state === 'queued' && paused ? 'paused' : entry.state,
  ...(entry.retryAt === null ? {} : { retryAt: entry.retryAt }),
  ...(entry.reason === null ? {} : { reason: entry.reason }),
  attempts: entry.attempts,
  ...(entry.tags.plot ? { plotId: entry.tags.plot.plotId } : {}),
  ...(entry.tags.plot?.values ? { plotValues: entry.tags.plot.values } : {}),
  createdAt: entry.createdAt,
})
