import type {
  ErrorShape,
  ParsedInput,
  PlotCellRef,
  ProcedureOutput,
  QueueCounts,
  TaskRequest,
} from '#contract'
import type { TaskTags } from '../tasks/tasks-service'

/** What `submit` takes beside the request: the task's tags, and the line the queue lists it by. */
export interface QueueTags extends TaskTags {
  /** Instead of the prompt's start: a plot's cell is named by its axis values (plot-service.ts). */
  readonly label?: string
}

/** An item that left the queue unsent or refused for good, and why. */
export interface QueueDrop {
  readonly taskId: string
  readonly plot?: PlotCellRef
  readonly error: ErrorShape
}

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
  submit(request: TaskRequest, tags?: QueueTags): Promise<{ taskId: string }>
  /** Sends a failed task again at once (a user's Retry: not queued), as the tasks service does. */
  retry(taskId: string): Promise<{ taskId: string }>
  /**
   * Whether the task is still the queue's (not yet accepted by the service). A task refused with
   * "too many tasks" is recorded failed but held here for another try: not a final failure.
   */
  holds(taskId: string): boolean
  /** Every task `holds` answers true for whose record exists: refused before, to be sent again. */
  held(): string[]
  /** Items that leave the queue without being accepted (removed, refused for good); unsubscribe returned. */
  onDropped(listener: (drop: QueueDrop) => void): () => void
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
