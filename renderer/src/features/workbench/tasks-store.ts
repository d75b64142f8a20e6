import { create } from 'zustand'
import { isTerminalStatus, type TaskProgress, type TaskRecord } from '#contract'

/** How many finished tasks stay on the panel before the oldest leaves (they remain in History). */
const keepFinished = 12

export interface LiveTask {
  readonly record: TaskRecord
  readonly progress: TaskProgress | null
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

/** The workbench's live task cards: records from `tasks.changed`, progress from `tasks.progress`. */
export const useTasksStore = create<TasksState>()((set) => ({
  tasks: [],
  upsertRecord: (record) =>
    set((state) => {
      const existing = state.tasks.find((task) => task.record.id === record.id)
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
