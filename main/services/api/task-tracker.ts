import { AppError, isAppError } from '#contract'
import type { Logger } from '../logger'
import { realTimers, type ApiTimers } from './api-call'
import { apiError } from './api-errors'
import { newTaskQueryLagMs, unknownStatusGraceMs } from './api-guesses'
import type { ApiClient, ApiConnection, TaskSnapshot } from './api-types'

/** Live progress of one task; the shape of the contract's `TaskProgress`. */
export interface TrackerProgress {
  readonly id: string
  readonly status: 'queued' | 'running'
  readonly percent: number | null
  readonly previewImage: string | null
  readonly startedAt: number
  readonly etaMs: number | null
}

/**
 * How tracking ended: `snapshot` when the service reported a terminal state (`error` is then set
 * only for a failed task); `snapshot: null` when tracking gave up (auth refused, unknown task,
 * unrecognised status for too long, errors for too long) — the task itself may still exist.
 */
export interface TrackerFinal {
  readonly id: string
  readonly snapshot: TaskSnapshot | null
  readonly error: AppError | null
}

export type TrackerEvent =
  | { readonly type: 'progress'; readonly progress: TrackerProgress }
  | { readonly type: 'final'; readonly final: TrackerFinal }

export interface TrackerLimits {
  /** Interval of the first polls (and of any poll when a task is nearly done). */
  readonly firstIntervalMs: number
  /** After this long, intervals grow linearly… */
  readonly slowAfterMs: number
  /** …up to this cap. */
  readonly maxIntervalMs: number
  /** Cap of the backoff after failed polls. */
  readonly errorBackoffMaxMs: number
  /** Failed polls for this long in a row end tracking with the last error. */
  readonly maxErrorDurationMs: number
  /** An unrecognised status for this long ends tracking with `protocol` (guess 2). */
  readonly unknownStatusGraceMs: number
  /** "Not found" for this long (then also in the archive) ends tracking with `not_found` (guess 3). */
  readonly notFoundGraceMs: number
}

export const defaultTrackerLimits: TrackerLimits = {
  firstIntervalMs: 1_000,
  slowAfterMs: 10_000,
  maxIntervalMs: 5_000,
  errorBackoffMaxMs: 30_000,
  maxErrorDurationMs: 10 * 60_000,
  unknownStatusGraceMs,
  notFoundGraceMs: newTaskQueryLagMs * 5,
}

export interface TaskTrackerDeps {
  readonly api: Pick<ApiClient, 'queryTask' | 'queryArchivedTask'>
  readonly logger: Logger
  readonly timers?: ApiTimers
  /** Uniform in [0, 1), for backoff jitter. */
  readonly random?: () => number
  readonly limits?: Partial<TrackerLimits>
  /** Every task's progress (the tasks service forwards it as `tasks.progress`). */
  readonly onProgress?: (progress: TrackerProgress) => void
  /** Every task's end (the tasks service persists it). */
  readonly onFinal?: (final: TrackerFinal) => void
  /** A poll that failed and will be tried again in `retryInMs` (what a waiting user is told). */
  readonly onPollFailed?: (taskId: string, error: AppError, retryInMs: number) => void
}

export interface TrackOptions {
  /** When the task started (e.g. from history, when resuming after a restart); now by default. */
  readonly startedAt?: number
}

export interface TaskTracker {
  /**
   * Starts polling `taskId` unless it is already tracked (then only its connection is replaced, so
   * the next poll uses fresh keys). Returns true when a new poll loop started.
   */
  track(taskId: string, connection: ApiConnection, options?: TrackOptions): boolean
  /** Events of one task; returns the unsubscribe function. Subscribers never add poll loops. */
  subscribe(taskId: string, listener: (event: TrackerEvent) => void): () => void
  /** Stops polling one task without a final event (e.g. the user removed it). */
  untrack(taskId: string): void
  tracked(): string[]
  /** Stops every loop and waits for them; no event is emitted afterwards. */
  stop(): Promise<void>
}

interface Entry {
  connection: ApiConnection
  readonly startedAt: number
  readonly abort: AbortController
  readonly listeners: Set<(event: TrackerEvent) => void>
  last: string
  done?: Promise<void>
}

const permanentCodes = new Set(['auth', 'invalid_request', 'cancelled'])

/**
 * Polls the realtime query for every task in flight, one loop per task whatever the number of
 * subscribers: every ~1 s at first, slower for long tasks (capped), sooner when the service's ETA
 * says the end is near, with backoff after failures. Emits progress when it changes and one final
 * event at a terminal state; the caller persists.
 */
export function createTaskTracker(deps: TaskTrackerDeps): TaskTracker {
  const limits = { ...defaultTrackerLimits, ...deps.limits }
  const timers = deps.timers ?? realTimers
  const random = deps.random ?? Math.random
  const entries = new Map<string, Entry>()
  let stopped = false

  /** Each listener is isolated: one that throws neither stops the others nor the poll loop. */
  const emit = (id: string, entry: Entry, event: TrackerEvent) => {
    const global = () =>
      event.type === 'progress' ? deps.onProgress?.(event.progress) : deps.onFinal?.(event.final)
    for (const listener of [global, ...[...entry.listeners].map((one) => () => one(event))]) {
      try {
        listener()
      } catch (error) {
        deps.logger.warn('tracker.listener_failed', {
          taskId: id,
          error: isAppError(error) ? error.code : 'thrown',
        })
      }
    }
  }

  const pollInterval = (entry: Entry, snapshot: TaskSnapshot | null): number => {
    const elapsed = timers.now() - entry.startedAt
    const growth = elapsed <= limits.slowAfterMs ? 1 : elapsed / limits.slowAfterMs
    const interval = Math.round(Math.min(limits.maxIntervalMs, limits.firstIntervalMs * growth))
    const eta = snapshot?.etaMs
    return typeof eta === 'number' ? Math.max(limits.firstIntervalMs, Math.min(interval, eta)) : interval
  }

  const estimateEta = (entry: Entry, snapshot: TaskSnapshot): number | null => {
    if (typeof snapshot.etaMs === 'number') return snapshot.etaMs
    const percent = snapshot.percent
    if (percent === null || percent <= 0 || percent >= 100) return null
    return Math.round(((timers.now() - entry.startedAt) * (100 - percent)) / percent)
  }

  const progressOf = (id: string, entry: Entry, snapshot: TaskSnapshot): void => {
    const progress: TrackerProgress = {
      id,
      status: snapshot.state === 'queued' ? 'queued' : 'running',
      percent: snapshot.percent,
      previewImage: snapshot.previewImage,
      startedAt: entry.startedAt,
      etaMs: estimateEta(entry, snapshot),
    }
    const key = `${progress.status}|${progress.percent}|${progress.previewImage}`
    if (key === entry.last) return
    entry.last = key
    emit(id, entry, { type: 'progress', progress })
  }

  const finish = (id: string, entry: Entry, snapshot: TaskSnapshot | null, error: AppError | null) => {
    if (entries.get(id) === entry) entries.delete(id)
    deps.logger.info('tracker.final', {
      taskId: id,
      state: snapshot?.state ?? null,
      code: error?.code ?? null,
    })
    emit(id, entry, { type: 'final', final: { id, snapshot, error } })
    entry.listeners.clear()
  }

  const failedTaskError = (snapshot: TaskSnapshot) =>
    apiError('server', {
      taskId: snapshot.taskId,
      serviceStatus: snapshot.rawStatus,
      serviceMessage: snapshot.description,
    })

  const toAppError = (error: unknown): AppError =>
    isAppError(error) ? error : new AppError('internal', 'Task tracking failed unexpectedly.')

  /** One loop per task; returns when the task ended, tracking gave up, or it was stopped. */
  const loop = async (id: string, entry: Entry): Promise<void> => {
    const signal = entry.abort.signal
    let unknownSince: number | null = null
    let notFoundSince: number | null = null
    let errorSince: number | null = null
    let errors = 0
    while (!signal.aborted) {
      let delay: number
      try {
        const snapshot = await deps.api.queryTask(entry.connection, id, { signal })
        if (signal.aborted) return
        errorSince = null
        errors = 0
        notFoundSince = null
        if (snapshot.state === 'succeeded' || snapshot.state === 'failed')
          return finish(id, entry, snapshot, snapshot.state === 'failed' ? failedTaskError(snapshot) : null)
        unknownSince = snapshot.statusRecognised === false ? (unknownSince ?? timers.now()) : null
        if (unknownSince !== null && timers.now() - unknownSince >= limits.unknownStatusGraceMs)
          return finish(
            id,
            entry,
            null,
            apiError('protocol', { taskId: id, serviceStatus: snapshot.rawStatus }),
          )
        progressOf(id, entry, snapshot)
        delay = pollInterval(entry, snapshot)
      } catch (thrown) {
        if (signal.aborted) return
        const error = toAppError(thrown)
        if (permanentCodes.has(error.code) || error.code === 'internal') return finish(id, entry, null, error)
        if (error.code === 'not_found') {
          notFoundSince ??= timers.now()
          if (timers.now() - notFoundSince >= limits.notFoundGraceMs)
            return archivedOrGiveUp(id, entry, error)
          delay = pollInterval(entry, null)
        } else {
          errorSince ??= timers.now()
          errors += 1
          if (timers.now() - errorSince >= limits.maxErrorDurationMs) return finish(id, entry, null, error)
          const step = Math.min(limits.errorBackoffMaxMs, pollInterval(entry, null) * 2 ** errors)
          delay = Math.round(step / 2 + random() * (step / 2))
          deps.logger.info('tracker.poll_failed', { taskId: id, code: error.code, retryInMs: delay })
          deps.onPollFailed?.(id, error, delay)
        }
      }
      try {
        await timers.sleep(delay, signal)
      } catch {
        return
      }
    }
  }

  /** A task the realtime query no longer knows may be archived (older than this month). */
  const archivedOrGiveUp = async (id: string, entry: Entry, notFound: AppError): Promise<void> => {
    try {
      const snapshot = await deps.api.queryArchivedTask(entry.connection, id, { signal: entry.abort.signal })
      if (entry.abort.signal.aborted) return
      const terminal = snapshot.state === 'succeeded' || snapshot.state === 'failed'
      finish(
        id,
        entry,
        terminal ? snapshot : null,
        terminal ? (snapshot.state === 'failed' ? failedTaskError(snapshot) : null) : notFound,
      )
    } catch {
      if (!entry.abort.signal.aborted) finish(id, entry, null, notFound)
    }
  }

  return {
    track(taskId, connection, options = {}) {
      if (stopped) return false
      const existing = entries.get(taskId)
      if (existing) {
        existing.connection = connection
        return false
      }
      const entry: Entry = {
        connection,
        startedAt: options.startedAt ?? timers.now(),
        abort: new AbortController(),
        listeners: new Set(),
        last: '',
      }
      entries.set(taskId, entry)
      entry.done = loop(taskId, entry).catch((error: unknown) => {
        deps.logger.error('tracker.loop_failed', { taskId, error: isAppError(error) ? error.code : 'thrown' })
      })
      return true
    },
    subscribe(taskId, listener) {
      const entry = entries.get(taskId)
      if (!entry) return () => undefined
      entry.listeners.add(listener)
      return () => entry.listeners.delete(listener)
    },
    untrack(taskId) {
      const entry = entries.get(taskId)
      if (!entry) return
      entries.delete(taskId)
      entry.abort.abort()
    },
    tracked: () => [...entries.keys()],
    async stop() {
      stopped = true
      const running = [...entries.values()]
      entries.clear()
      for (const entry of running) entry.abort.abort()
      await Promise.all(running.map((entry) => entry.done))
    },
  }
}
