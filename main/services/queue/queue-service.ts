import { randomUUID } from 'node:crypto'
import {
  AppError,
  isAppError,
  isTerminalStatus,
  queueMaxAttempts,
  type ErrorShape,
  type TaskRecord,
} from '#contract'
import type { EventBus } from '../event-bus'
import type { HistoryStore } from '../history/history-store'
import type { Logger } from '../logger'
import type { ProfilesService } from '../profiles/profiles-service'
import { newTaskId as defaultNewTaskId } from '../tasks/task-ids'
import type { TasksService } from '../tasks/tasks-service'
import {
  defaultBackoff,
  isTooManyTasks,
  neverArrived,
  retryDelayMs,
  type BackoffLimits,
} from './queue-backoff'
import { createQueueEntries, type QueueEntry } from './queue-entries'
import type { QueueLimits } from './queue-limits'
import { createQueueNotices, type Defer } from './queue-notices'
import { reconcile } from './queue-reconcile'
import { queueLabel, realTimers, toItem, type QueueTimers } from './queue-view'
import type { QueueDrop, QueueService } from './queue-types'

export type { QueueTimers } from './queue-view'

export interface QueueServiceDeps {
  readonly history: Pick<HistoryStore, 'queue' | 'get' | 'unfinished'>
  readonly tasks: Pick<TasksService, 'submit' | 'retry'>
  readonly profiles: Pick<ProfilesService, 'list' | 'get'>
  readonly limits: QueueLimits
  readonly events: EventBus
  readonly logger: Logger
  readonly timers?: QueueTimers
  readonly backoff?: Partial<BackoffLimits>
  readonly random?: () => number
  /** When a coalesced `queue.changed` goes out (queue-notices.ts); the next macrotask by default. */
  readonly defer?: Defer
}

const asShape = (error: unknown): ErrorShape =>
  isAppError(error) ? error.toShape() : { code: 'internal', message: 'Something went wrong inside the app.' }

/**
 * The per-profile queue (issue 15 §3). An item is written to the history's database, under the
 * task id it will be sent with, before `submit` answers; it is handed to the tasks service (which
 * writes the task's intent record, then sends) only while the profile has fewer tasks in flight
 * than its limit. It leaves the queue once the service accepted the task. A "too many tasks"
 * answer puts it back, and holds the whole profile, until a backoff has passed; after
 * `queueMaxAttempts` refusals the task stays failed with the service's reason.
 *
 * Crash safety: an item `sending` at start-up whose task the history does not hold was never
 * recorded, so never sent: it is queued again. One whose task is recorded is left to the tasks
 * service's start-up reconciliation (a status query by that id), so nothing is sent twice.
 */
export function createQueueService(deps: QueueServiceDeps): QueueService {
  const { logger, limits } = deps
  const timers = deps.timers ?? realTimers
  const backoff = { ...defaultBackoff, ...deps.backoff }
  const random = deps.random ?? Math.random
  const entries = createQueueEntries(deps.history.queue, logger)
  const paused = new Set<string>()
  /** Tasks recorded and not ended (any source: the queue, Generate, tools), by task id. */
  const inFlight = new Map<string, string>()
  /** Until when a profile backs off after a "too many tasks" answer. */
  const holdUntil = new Map<string, number>()
  const wakeups = new Map<string, { at: number; handle: unknown }>()
  const dropListeners = new Set<(drop: QueueDrop) => void>()
  const sends = new Set<Promise<unknown>>()
  const { events, defer } = deps
  const notices = createQueueNotices({ entries, inFlight, paused, limits, events, defer })
  const { running, counts, held, statusOf, changed } = notices
  let started = false
  let closed = false

  const profileOf = async (profileId?: string) => profileId ?? (await deps.profiles.list()).activeProfileId

  const drop = (gone: readonly QueueEntry[], error: ErrorShape) => {
    entries.remove(gone)
    for (const entry of gone) {
      logger.info('queue.item_dropped', { taskId: entry.taskId, code: error.code })
      for (const listener of dropListeners)
        listener({ taskId: entry.taskId, ...(entry.tags.plot ? { plot: entry.tags.plot } : {}), error })
    }
  }

  const wakeAt = (profileId: string, at: number) => {
    const current = wakeups.get(profileId)
    if (current && current.at <= at) return
    if (current) timers.clearTimeout(current.handle)
    const handle = timers.setTimeout(
      () => {
        wakeups.delete(profileId)
        pump(profileId)
      },
      Math.max(0, at - timers.now()),
    )
    wakeups.set(profileId, { at, handle })
  }

  /** A send that failed before the task was recorded (profile, keys, upload): nothing left the machine. */
  const refused = (entry: QueueEntry, error: unknown) => {
    if (closed || entries.get(entry.id) !== entry) return
    const record = deps.history.get(entry.taskId)
    if (record && !isTerminalStatus(record.status)) return
    drop([entry], record?.error ?? asShape(error))
    changed()
    pump(entry.profileId)
  }

  function dispatch(entry: QueueEntry) {
    // A task the history already holds (refused before, now failed) is sent again under its id.
    const resend = deps.history.get(entry.taskId) !== null
    entries.mark(entry, 'sending')
    const work = resend
      ? deps.tasks.retry(entry.taskId)
      : deps.tasks.submit(entry.request, { ...entry.tags, taskId: entry.taskId })
    const settled = work.then(
      () => undefined,
      (error: unknown) => refused(entry, error),
    )
    sends.add(settled)
    void settled.finally(() => sends.delete(settled))
  }

  function pump(profileId: string) {
    if (!started || closed || paused.has(profileId)) return
    const now = timers.now()
    const hold = holdUntil.get(profileId) ?? 0
    if (hold > now) return wakeAt(profileId, hold)
    let room = limits.get(profileId) - running(profileId)
    let sent = false
    for (const entry of entries.of(profileId)) {
      if (room <= 0) break
      if (entry.state === 'sending') continue
      if (entry.state === 'waiting_retry' && (entry.retryAt ?? 0) > now) {
        wakeAt(profileId, entry.retryAt ?? now)
        continue
      }
      dispatch(entry)
      room -= 1
      sent = true
    }
    if (sent) changed()
  }

  /** The service answered (accepted, refused) or the task ended: the item leaves or waits again. */
  function settle(entry: QueueEntry, record: TaskRecord) {
    if (record.status !== 'failed') return entries.remove([entry])
    const error = record.error ?? undefined
    const tooMany = isTooManyTasks(error)
    if (!(tooMany || neverArrived(error)) || entry.attempts + 1 >= queueMaxAttempts)
      return drop([entry], error ?? { code: 'server', message: 'The task failed.' })
    const attempts = entry.attempts + 1
    const retryAt = timers.now() + (tooMany ? retryDelayMs(backoff, attempts, error, random) : 0)
    entries.update(entry, { state: 'waiting_retry', retryAt, attempts, reason: error ?? null })
    if (tooMany) holdUntil.set(entry.profileId, retryAt)
    logger.info('queue.retry_later', { taskId: entry.taskId, attempts, inMs: retryAt - timers.now() })
  }

  function taskChanged(record: TaskRecord) {
    const wasInFlight = inFlight.has(record.id)
    if (isTerminalStatus(record.status)) inFlight.delete(record.id)
    else inFlight.set(record.id, record.profileId)
    const entry = entries.ofTask(record.id)
    const settles = entry?.state === 'sending' && record.status !== 'submitting'
    if (entry && settles) settle(entry, record)
    if (settles || wasInFlight !== inFlight.has(record.id)) {
      changed()
      pump(record.profileId)
    }
  }

  const unsubscribe = events.subscribe((name, payload) => {
    if (name !== 'tasks.changed' || closed || !started) return
    try {
      taskChanged(payload as TaskRecord)
    } catch (error) {
      logger.error('queue.task_update_failed', { code: asShape(error).code })
    }
  })

  const startOnce = () => {
    if (started || closed) return
    entries.load()
    for (const profileId of deps.history.queue.pausedProfiles()) paused.add(profileId)
    for (const record of deps.history.unfinished()) inFlight.set(record.id, record.profileId)
    for (const profileId of entries.profiles())
      for (const entry of [...entries.of(profileId)])
        reconcile(entry, deps.history.get(entry.taskId), entries, settle)
    started = true
    changed()
    for (const profileId of entries.profiles()) pump(profileId)
  }

  const setPaused = async (profileId: string | undefined, value: boolean) => {
    startOnce()
    const id = await profileOf(profileId)
    deps.history.queue.setPaused(id, value)
    if (value) paused.add(id)
    else paused.delete(id)
    changed()
    pump(id)
    return statusOf(id)
  }

  return {
    async submit(request, tags = {}) {
      startOnce()
      const profileId = await profileOf(request.profileId)
      await deps.profiles.get(profileId)
      const taskId = defaultNewTaskId(timers.now())
      entries.add({
        id: randomUUID(),
        taskId,
        profileId,
        request: { ...request, profileId },
        tags: tags.plot ? { plot: tags.plot } : {},
        label: queueLabel(tags.label ?? request.params.prompt),
        createdAt: timers.now(),
      })
      changed()
      pump(profileId)
      return { taskId }
    },
    retry: (taskId) => deps.tasks.retry(taskId),
    holds: (taskId) => entries.ofTask(taskId) !== undefined,
    held: () => {
      startOnce()
      return held()
    },
    onDropped(listener) {
      dropListeners.add(listener)
      return () => dropListeners.delete(listener)
    },
    async list({ profileId, offset, count }) {
      startOnce()
      const id = await profileOf(profileId)
      const all = entries.of(id)
      const items = all
        .slice(offset, offset + count)
        .map((entry, index) => toItem(entry, offset + index, paused.has(entry.profileId)))
      return { ...statusOf(id), items, total: all.length }
    },
    pause: (profileId) => setPaused(profileId, true),
    resume: (profileId) => setPaused(profileId, false),
    async move(id, toIndex) {
      startOnce()
      const entry = entries.find(id)
      if (entry.state === 'sending')
        throw new AppError('conflict', 'This item is being sent and can no longer move.', { id })
      entries.move(entry, toIndex)
      changed()
      pump(entry.profileId)
      return statusOf(entry.profileId)
    },
    async remove(ids) {
      startOnce()
      const gone = ids.flatMap((id) => {
        const entry = entries.get(id)
        return entry && entry.state !== 'sending' ? [entry] : []
      })
      const error = new AppError('cancelled', 'Removed from the queue before it was sent.').toShape()
      drop([...new Set(gone)], error)
      if (gone.length > 0) changed()
      return { removed: new Set(gone).size, revision: notices.revision() }
    },
    async setLimit(profileId, limit) {
      const id = await profileOf(profileId)
      await limits.set(id, limit)
      changed()
      pump(id)
      return statusOf(id)
    },
    counts,
    drained: (profileId) => notices.drained(profileId),
    async start() {
      startOnce()
    },
    async close() {
      closed = true
      unsubscribe()
      notices.close()
      for (const { handle } of wakeups.values()) timers.clearTimeout(handle)
      wakeups.clear()
      await Promise.all(sends)
    },
  }
}
