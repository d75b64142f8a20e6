import type { TaskProgress, TaskRecord } from '#contract'
import type { Services } from '../services/create-services'

export interface WatchOptions {
  /** Called with each live progress push of the task. */
  readonly onProgress?: (progress: TaskProgress) => void
  /** Called with each saved change of the task. */
  readonly onChange?: (record: TaskRecord) => void
  /** Stops waiting (Ctrl+C); the promise then answers null. */
  readonly signal?: AbortSignal
  /** Stops waiting after this long; the promise then answers null. */
  readonly timeoutMs?: number
  /** Also stop at the first progress push, answering the record as saved then. */
  readonly untilProgress?: boolean
}

/**
 * Waits until the task's record (as saved in the history, then as announced by `tasks.changed`)
 * satisfies `done`, or the caller's signal or timeout ends the wait (null). Reads the events the
 * tasks service sends every window, so the CLI sees exactly what the app would show.
 */
export function waitForTask(
  services: Services,
  taskId: string,
  done: (record: TaskRecord) => boolean,
  options: WatchOptions = {},
): Promise<TaskRecord | null> {
  return new Promise((resolve) => {
    let settled = false
    let timer: NodeJS.Timeout | undefined
    const settle = (record: TaskRecord | null) => {
      if (settled) return
      settled = true
      unsubscribe()
      if (timer) clearTimeout(timer)
      options.signal?.removeEventListener('abort', onAbort)
      resolve(record)
    }
    const onAbort = () => settle(null)
    const unsubscribe = services.events.subscribe((name, payload) => {
      if (name === 'tasks.progress') {
        const progress = payload as TaskProgress
        if (progress.id !== taskId) return
        options.onProgress?.(progress)
        if (options.untilProgress) settle(services.history.get(taskId))
      } else if (name === 'tasks.changed') {
        const record = payload as TaskRecord
        if (record.id !== taskId) return
        options.onChange?.(record)
        if (done(record)) settle(record)
      }
    })
    if (options.signal?.aborted) return settle(null)
    options.signal?.addEventListener('abort', onAbort)
    if (options.timeoutMs !== undefined) timer = setTimeout(() => settle(null), options.timeoutMs)
    const current = services.history.get(taskId)
    if (current && done(current)) settle(current)
  })
}
