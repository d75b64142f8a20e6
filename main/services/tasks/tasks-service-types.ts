import type { ErrorShape, PlotCellRef, TaskProgress, TaskRecord, TaskRequest } from '#contract'
import type { ToolCalls } from '../api/tool-client'
import type { ApiClient, ApiConnection } from '../api/api-types'
import type { TrackerLimits } from '../api/task-tracker'
import type { EventBus } from '../event-bus'
import type { HistoryStore } from '../history/history-store'
import type { ImageCache } from '../images/image-cache'
import type { Logger } from '../logger'
import type { ProfilesService } from '../profiles/profiles-service'
import type { ConnectionOverride } from '../profiles/connection-override'
import type { InputImageHost } from '../storage/image-host'
import type {
  preprocessorPreviewLimits,
  PreprocessorPreviewRequest,
  PreviewTimers,
} from './preprocessor-preview'
import type { TroubleListener } from './task-trouble'

/** What a caller inside main may note on the record it submits (never from the renderer). */
export interface TaskTags {
  /** The plot cell the task is (plot-service.ts groups a plot's tasks by it). */
  readonly plot?: PlotCellRef
  /** The id the queue chose and recorded before sending (services/queue); new otherwise. */
  readonly taskId?: string
}

export interface TasksServiceDeps {
  readonly history: HistoryStore
  /** SD calls, and the tool calls the CNT preview goes through (its registry row, like every tool). */
  readonly api: ApiClient & ToolCalls
  readonly profiles: Pick<ProfilesService, 'list' | 'get' | 'resolveConnection'>
  readonly imageCache: Pick<ImageCache, 'put' | 'read' | 'download'>
  /** Where local input images go so the service can fetch them (the profile's own storage). */
  readonly imageHost: InputImageHost
  readonly events: EventBus
  readonly clock: () => number
  readonly logger: Logger
  readonly newTaskId?: () => string
  readonly trackerLimits?: Partial<TrackerLimits>
  /** The CNT preview's clock and sleep, and its deadline; tests shorten them. */
  readonly previewTimers?: PreviewTimers
  readonly previewLimits?: Partial<typeof preprocessorPreviewLimits>
  /** This run's connection override and the profiles' own connections (task-connection.ts). */
  readonly connectionOverride?: ConnectionOverride
  readonly ownConnection?: (profileId: string) => Promise<ApiConnection>
}

export interface TasksService {
  /**
   * Resolves the request's input images (links checked, local images uploaded), records the task
   * (durably) and answers its id; the request goes out right after. A failure before the record
   * is written leaves nothing uploaded.
   */
  submit(request: TaskRequest, tags?: TaskTags): Promise<{ taskId: string }>
  /**
   * Sends a failed task again with the same id (so the service can never run it twice), after
   * replacing input links that stopped answering with fresh uploads of the local copies.
   */
  retry(taskId: string): Promise<{ taskId: string }>
  /**
   * "Stop tracking": no more queries about a task in flight; it is recorded `cancelled` with
   * `trackingStopped`, and its uploads are released. The service is not told (no cancel endpoint).
   */
  stopTracking(taskId: string): Promise<{ taskId: string }>
  /** Tracks a task whose tracking was stopped again, to its end (result fetched if it finished). */
  refresh(taskId: string): Promise<{ taskId: string }>
  /** The CNT preview tool (§13): what a preprocessor extracts from an image, kept in the cache. */
  previewPreprocessor(
    request: PreprocessorPreviewRequest,
  ): Promise<{ cacheKey: string; width: number; height: number }>
  /** Tasks still in flight, with their latest progress: what a reopened window shows. */
  active(): { tasks: TaskRecord[]; progress: TaskProgress[] }
  /**
   * Start-up: tracks unfinished tasks again and reconciles those a crash left "submitting"; in the
   * background, deletes uploads that earlier runs left in the users' storage (upload-cleanup.ts).
   */
  resume(): Promise<number>
  /** Why `resume()` left this task untracked (e.g. the keys it was sent with are not set), if it did. */
  resumeProblem(taskId: string): ErrorShape | null
  /** Problems of tasks in flight as they happen (task-trouble.ts); returns the unsubscribe function. */
  onTrouble(listener: TroubleListener): () => void
  /** Stops tracking and cuts a submit still in flight short: its task stays "submitting". */
  close(): Promise<void>
}
