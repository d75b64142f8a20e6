import type { ParsedInput, ProcedureOutput, QueueCounts, TaskRequest } from '#contract'
import type { TaskTags } from '../tasks/tasks-service'

/** A profile's counts with the revision they were read at (what every queue procedure answers). */
export type QueueStatus = ProcedureOutput<'queue.pause'>

/**
 * The per-profile queue (issue 15 §3). `submit` has the tasks service's shape, so a caller that
 * submitted tasks directly (plots, batches, the CLI) goes through the queue by swapping the one dep.
 */
export interface QueueService {
  /**
   * Records the request in the queue (durably, with the task id it will be sent under) and answers
   * that id at once; the task is sent when its profile has room under its limit.
   */
  submit(request: TaskRequest, tags?: TaskTags): Promise<{ taskId: string }>
  list(input: ParsedInput<'queue.list'>): Promise<ProcedureOutput<'queue.list'>>
  pause(profileId?: string): Promise<QueueStatus>
  resume(profileId?: string): Promise<QueueStatus>
  move(id: string, toIndex: number): Promise<QueueStatus>
  remove(ids: readonly string[]): Promise<{ removed: number; revision: number }>
  setLimit(profileId: string | undefined, limit: number): Promise<QueueStatus>
  /** Every profile with a queue or tasks in flight, as `queue.changed` carries them. */
  counts(): QueueCounts[]
  /** Resolves once nothing is waiting or being sent (every item acknowledged, failed or removed). */
  drained(profileId?: string): Promise<void>
  /** Start-up: items a crash left `sending` are reconciled with the history, then sending resumes. */
  start(): Promise<void>
  close(): Promise<void>
}
