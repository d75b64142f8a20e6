import {
  AppError,
  isAppError,
  type ErrorShape,
  type TaskProgress,
  type TaskRecord,
  type Text2ImageParams,
} from '../../contract'
import type { ApiClient, ApiConnection } from '../api/api-types'
import { createTaskTracker, type TrackerFinal, type TrackerLimits } from '../api/task-tracker'
import type { EventBus } from '../event-bus'
import type { HistoryStore } from '../history/history-store'
import type { ImageCache } from '../images/image-cache'
import type { Logger } from '../logger'
import type { ProfilesService } from '../profiles/profiles-service'
import { newTaskId as defaultNewTaskId } from './task-ids'
import { createPreviewInliner } from './preview-inliner'
import { keepResultImages } from './task-results'

export interface TasksServiceDeps {
  readonly history: HistoryStore
  readonly api: ApiClient
  readonly profiles: Pick<ProfilesService, 'list' | 'get' | 'resolveConnection'>
  readonly imageCache: Pick<ImageCache, 'put'>
  readonly events: EventBus
  readonly clock: () => number
  readonly logger: Logger
  readonly newTaskId?: () => string
  readonly trackerLimits?: Partial<TrackerLimits>
}

export interface TasksService {
  /** Records the task (durably) and answers its id; the request goes out right after. */
  submit(params: Text2ImageParams, profileId?: string): Promise<{ taskId: string }>
  /** Sends a failed task again with the same id (so the service can never run it twice). */
  retry(taskId: string): Promise<{ taskId: string }>
  /** Tasks still in flight, with their latest progress: what a reopened window shows. */
  active(): { tasks: TaskRecord[]; progress: TaskProgress[] }
  /** Start-up: tracks unfinished tasks again and reconciles those a crash left "submitting". */
  resume(): Promise<number>
  close(): Promise<void>
}

const asShape = (error: unknown): ErrorShape =>
  isAppError(error) ? error.toShape() : { code: 'internal', message: 'Something went wrong inside the app.' }

/**
 * The life of a task: intent record → submit → tracking → results kept locally → final record.
 * Every state change is written to the history before it is announced (`tasks.changed`), so what a
 * window shows is always what survives a crash.
 */
export function createTasksService(deps: TasksServiceDeps): TasksService {
  const { history, events, clock, logger } = deps
  const newTaskId = deps.newTaskId ?? (() => defaultNewTaskId(clock()))
  const progress = new Map<string, TaskProgress>()
  const previews = createPreviewInliner(deps.api, logger)
  const pending = new Set<Promise<unknown>>()

  const save = (id: string, patch: Parameters<HistoryStore['update']>[1]): TaskRecord => {
    const record = history.update(id, { ...patch, updatedAt: clock() })
    events.emit('tasks.changed', record)
    return record
  }

  const background = (work: Promise<unknown>) => {
    const guarded = work.catch((error: unknown) =>
      logger.error('tasks.background_failed', { code: asShape(error).code }),
    )
    pending.add(guarded)
    void guarded.finally(() => pending.delete(guarded))
  }

  const finish = async (final: TrackerFinal) => {
    progress.delete(final.id)
    previews.forget(final.id)
    const record = history.get(final.id)
    if (!record) return
    const snapshot = final.snapshot
    if (snapshot?.state === 'succeeded') {
      const images = await keepResultImages(deps, final.id, record.params, snapshot.images)
      save(final.id, {
        status: 'succeeded',
        description: snapshot.description,
        images,
        finishedAt: clock(),
        error: null,
      })
      return
    }
    const error = final.error ?? new AppError('server', 'The service reported the task as failed.')
    save(final.id, {
      status: 'failed',
      description: snapshot?.description ?? record.description,
      finishedAt: clock(),
      error: error.toShape(),
    })
  }

  const tracker = createTaskTracker({
    api: deps.api,
    logger,
    limits: deps.trackerLimits,
    onProgress: (update) => {
      if (update.status === 'running' && history.get(update.id)?.status === 'queued') {
        save(update.id, { status: 'running' })
      }
      background(
        previews.inline(update.id, update.previewImage).then((previewImage) => {
          const shown: TaskProgress = { ...update, previewImage }
          progress.set(update.id, shown)
          events.emit('tasks.progress', shown)
        }),
      )
    },
    onFinal: (final) => background(finish(final)),
  })

  const send = async (record: TaskRecord, connection: ApiConnection) => {
    try {
      await deps.api.submitText2Image(connection, record.id, record.params)
      save(record.id, { status: 'queued' })
      tracker.track(record.id, connection, { startedAt: record.createdAt })
    } catch (error) {
      const shape = asShape(error)
      if (shape.details?.submitOutcome === 'unknown') {
        // The request may have reached the service: keep it "submitting" and let tracking find out.
        logger.warn('tasks.submit_unconfirmed', { taskId: record.id, code: shape.code })
        tracker.track(record.id, connection, { startedAt: record.createdAt })
        return
      }
      save(record.id, { status: 'failed', error: shape, finishedAt: clock() })
    }
  }

  const profileOf = async (profileId?: string) => {
    const id = profileId ?? (await deps.profiles.list()).activeProfileId
    const profile = await deps.profiles.get(id)
    return { id, name: profile.name }
  }

  return {
    async submit(params, profileId) {
      const profile = await profileOf(profileId)
      const connection = await deps.profiles.resolveConnection(profile.id)
      const now = clock()
      const record = history.insert({
        id: newTaskId(),
        kind: 'text2image',
        profileId: profile.id,
        profileName: profile.name,
        params,
        status: 'submitting',
        description: null,
        createdAt: now,
        updatedAt: now,
        finishedAt: null,
        error: null,
        images: [],
      })
      events.emit('tasks.changed', record)
      background(send(record, connection))
      return { taskId: record.id }
    },
    async retry(taskId) {
      const record = history.get(taskId)
      if (!record) throw new AppError('not_found', 'There is no such task in the history.', { taskId })
      if (record.status !== 'failed') {
        throw new AppError('conflict', 'Only a failed task can be sent again.', {
          taskId,
          status: record.status,
        })
      }
      const connection = await deps.profiles.resolveConnection(record.profileId)
      const again = save(taskId, { status: 'submitting', error: null, finishedAt: null })
      background(send(again, connection))
      return { taskId }
    },
    active() {
      const tasks = history.unfinished()
      return { tasks, progress: tasks.flatMap((task) => progress.get(task.id) ?? []) }
    },
    async resume() {
      let resumed = 0
      for (const record of history.unfinished()) {
        try {
          const connection = await deps.profiles.resolveConnection(record.profileId)
          tracker.track(record.id, connection, { startedAt: record.createdAt })
          resumed += 1
        } catch (error) {
          // Keys missing or profile gone: the task stays unfinished and is tried again next start.
          logger.warn('tasks.resume_skipped', { taskId: record.id, code: asShape(error).code })
        }
      }
      return resumed
    },
    async close() {
      await tracker.stop()
      await Promise.all([...pending])
    },
  }
}
