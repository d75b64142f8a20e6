import type { ErrorShape } from '#contract'

/**
 * A problem of a task in flight that someone waiting for it should hear of at once, rather than
 * when tracking gives up minutes later: the submit's answer was lost (`submit`), a status query
 * failed and will be tried again (`tracking`), or its new state could not be saved (`saving`).
 */
export interface TaskTrouble {
  readonly taskId: string
  readonly stage: 'submit' | 'tracking' | 'saving'
  readonly error: ErrorShape
  /** When the service is asked again, if it is. */
  readonly retryInMs: number | null
}

export type TroubleListener = (trouble: TaskTrouble) => void

export interface TroubleFeed {
  emit(trouble: TaskTrouble): void
  subscribe(listener: TroubleListener): () => void
}

/** Fan-out of troubles; a listener that throws stops neither the others nor the task. */
export function createTroubleFeed(): TroubleFeed {
  const listeners = new Set<TroubleListener>()
  return {
    emit(trouble) {
      for (const listener of listeners) {
        try {
          listener(trouble)
        } catch {
          // A listener's own failure is no trouble of the task's.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
