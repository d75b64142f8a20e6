import { create } from 'zustand'
import { isTerminalStatus, type TaskProgress, type TaskRecord } from '#contract'
import { canRetry } from './tasks/failure-advice'

/** How many finished tasks stay on the panel before the oldest leaves (they remain in History). */
const keepFinished = 12

export interface LiveTask {
  readonly record: TaskRecord
  readonly progress: TaskProgress | null
  /** Later tasks that failed for the same reason, folded into this card (ids; each is in History). */
  readonly alsoFailed?: readonly string[]
}

interface TasksState {
  /** Newest first. */
  readonly tasks: readonly LiveTask[]
  upsertRecord(record: TaskRecord): void
  setProgress(progress: TaskProgress): void
  load(records: readonly TaskRecord[], progress: readonly TaskProgress[]): void
  dismiss(id: string): void
}

const trimFinished = (tasks: LiveTask[]) => {
  let finished = 0
  return tasks.filter((task) => !isTerminalStatus(task.record.status) || ++finished <= keepFinished)
}

/**
 * The card a newly failed task folds into: the newest finished card, if it failed for the very same
 * reason and a retry could not help (a retryable failure keeps a card of its own, with its Retry).
 * A queue sending a plot to a checkpoint the service does not know fails every cell the same way,
 * a few hundred a second: one card with a count says it better than a wall of identical ones, and
 * costs the page one changed line instead of a new card each (issue 15's frame-time goal).
 */
function sameFailureCard(record: TaskRecord, others: readonly LiveTask[]): LiveTask | undefined {
  const { error } = record
  if (record.status !== 'failed' || error === null || canRetry(error)) return undefined
  const newestFinished = others.find((task) => isTerminalStatus(task.record.status))
  const earlier = newestFinished?.record.error
  return newestFinished?.record.status === 'failed' &&
    earlier?.code === error.code &&
    earlier.message === error.message
    ? newestFinished
    : undefined
}

/** The workbench's live task cards: records from `tasks.changed`, progress from `tasks.progress`. */
export const useTasksStore = create<TasksState>()((set) => ({
  tasks: [],
  upsertRecord: (record) =>
    set((state) => {
      if (state.tasks.some((task) => task.alsoFailed?.includes(record.id))) return state
      const existing = state.tasks.find((task) => task.record.id === record.id)
      const others = existing ? state.tasks.filter((task) => task !== existing) : state.tasks
      const foldInto = sameFailureCard(record, others)
      if (foldInto) {
        const folded = { ...foldInto, alsoFailed: [...(foldInto.alsoFailed ?? []), record.id] }
        return { tasks: others.map((task) => (task === foldInto ? folded : task)) }
      }
      if (!existing) return { tasks: trimFinished([{ record, progress: null }, ...state.tasks]) }
      const progress = isTerminalStatus(record.status) ? null : existing.progress
      return { tasks: state.tasks.map((task) => (task === existing ? { record, progress } : task)) }
    }),
  setProgress: (progress) =>
    set((state) => ({
      tasks: state.tasks.map((task) =>
        task.record.id === progress.id && !isTerminalStatus(task.record.status)
          ? { ...task, progress }
          : task,
      ),
    })),
  load: (records, progress) =>
    set((state) => {
      const known = new Set(state.tasks.map((task) => task.record.id))
      const added = records
        .filter((record) => !known.has(record.id))
        .map((record) => ({ record, progress: progress.find((p) => p.id === record.id) ?? null }))
      return { tasks: [...added, ...state.tasks].sort((a, b) => b.record.createdAt - a.record.createdAt) }
    }),
  dismiss: (id) => set((state) => ({ tasks: state.tasks.filter((task) => task.record.id !== id) })),
}))

export const selectLiveTasks = (state: TasksState) => state.tasks
