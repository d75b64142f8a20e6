import { setMaxListeners } from 'node:events'
import {
  AppError,
  isAppError,
  isSdTask,
  isTerminalStatus,
  type ErrorShape,
  type TaskProgress,
  type TaskRecord,
} from '#contract'
import type { ApiConnection } from '../api/api-types'
import { createTaskTracker, type TrackerFinal } from '../api/task-tracker'
import type { HistoryStore } from '../history/history-store'
import { droppedObjects } from '../history/upload-ledger'
import { createBackgroundWork } from '../background-work'
import { createInputImages, inputRequestsOf, type ResolvedInputs } from './input-images'
import { previewPreprocessor } from './preprocessor-preview'
import { newTaskId as defaultNewTaskId } from './task-ids'
import { createPreviewInliner } from './preview-inliner'
import { payloadOf, relinked, sendPayload } from './task-request'
import { finishTask } from './task-finish'
import { connectionOfTask, sentToOf } from './task-connection'
import { createTroubleFeed } from './task-trouble'
import type { TasksService, TasksServiceDeps } from './tasks-service-types'
import { createUploadCleanup } from './upload-cleanup'
import { withUploadNotes } from './upload-notes'

export type { TaskTags, TasksService, TasksServiceDeps } from './tasks-service-types'

const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }

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
  // Every upload is noted in the history until a record holds it, so a crash cannot lose track of it.
  const imageHost = withUploadNotes(deps.imageHost, history, logger)
  const inputImages = createInputImages({ ...deps, imageHost })
  const retrying = new Set<string>()
  const previewDeps = {
    ...deps,
    imageHost,
    inputImages,
    newTaskId,
    timers: deps.previewTimers,
    limits: deps.previewLimits,
  }

  const troubles = createTroubleFeed()
  const resumeProblems = new Map<string, ErrorShape>()
  const connectionFor = (record: TaskRecord) =>
    connectionOfTask(
      {
        resolveConnection: (id) => deps.profiles.resolveConnection(id),
        ownConnection: deps.ownConnection,
        override: deps.connectionOverride,
      },
      record,
    )
  // Aborted by close(): a submit still waiting for its answer stops, and its task stays "submitting".
  // Every submit in flight listens to it (the queue may send 16 at once): no listener cap warning.
  const closing = new AbortController()
  setMaxListeners(0, closing.signal)

  const save = (id: string, patch: Parameters<HistoryStore['update']>[1]): TaskRecord => {
    let record: TaskRecord
    try {
      record = history.update(id, { ...patch, updatedAt: clock() })
    } catch (error) {
      // The record keeps its last saved state, which the next start picks up again.
      troubles.emit({ taskId: id, stage: 'saving', error: asShape(error), retryInMs: null })
      throw error
    }
    events.emit('tasks.changed', record)
    return record
  }

  const backgroundWork = createBackgroundWork(
    logger,
    'tasks.background_failed',
    (error) => asShape(error).code,
  )
  const background = backgroundWork.run

  const cleanup = createUploadCleanup({
    history,
    imageHost,
    logger,
    save,
    background,
    isRetrying: (taskId) => retrying.has(taskId),
  })

  const finish = async (final: TrackerFinal) => {
    progress.delete(final.id)
    previews.forget(final.id)
    await finishTask({ ...deps, save, release: (record) => cleanup.release(record) }, final)
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
    onPollFailed: (taskId, error, retryInMs) =>
      troubles.emit({ taskId, stage: 'tracking', error: error.toShape(), retryInMs }),
  })

  const send = async (record: TaskRecord, connection: ApiConnection) => {
    try {
      // Tool tasks and custom requests are the tools service's (services/tools).
      if (!isSdTask(record)) throw new AppError('internal', 'Not a workbench task.')
      await sendPayload(deps.api, connection, record.id, record, { signal: closing.signal })
      save(record.id, { status: 'queued' })
      tracker.track(record.id, connection, { startedAt: record.createdAt })
    } catch (error) {
      const shape = asShape(error)
      if (shape.details?.submitOutcome === 'unknown') {
        // The request may have reached the service: keep it "submitting" and let tracking find out.
        logger.warn('tasks.submit_unconfirmed', { taskId: record.id, code: shape.code })
        troubles.emit({ taskId: record.id, stage: 'submit', error: shape, retryInMs: null })
        tracker.track(record.id, connection, { startedAt: record.createdAt })
        return
      }
      cleanup.release(save(record.id, { status: 'failed', error: shape, finishedAt: clock() }))
    }
  }

  const findTask = (taskId: string): TaskRecord => {
    const record = history.get(taskId)
    if (!record) throw new AppError('not_found', 'There is no such task in the history.', { taskId })
    return record
  }

  const profileOf = async (profileId?: string) => {
    const id = profileId ?? (await deps.profiles.list()).activeProfileId
    const profile = await deps.profiles.get(id)
    return { id, name: profile.name }
  }

  /**
   * Links that still answer are kept; the others are uploaded again from the local copies, resized
   * when the submit allowed it. Objects the record no longer holds afterwards are noted for deletion.
   */
  const refreshInputs = async (record: TaskRecord): Promise<ResolvedInputs | null> => {
    await cleanup.settled(record.id)
    const current = history.get(record.id) ?? record
    if (!current.inputs?.length) return null
    const refreshed = await inputImages.refresh(current.profileId, current.inputs, {
      allowResize: current.allowResize === true,
    })
    for (const object of droppedObjects(current.inputs, refreshed.inputs))
      history.noteUpload(current.profileId, object)
    return refreshed
  }

  return {
    async submit(request, tags = {}) {
      const profile = await profileOf(request.profileId)
      const connection = await deps.profiles.resolveConnection(profile.id)
      const withImages = request.kind === 'text2image' ? null : request
      const resolved =
        withImages && (await inputImages.resolve(profile.id, inputRequestsOf(withImages), withImages.options))
      const now = clock()
      let record: TaskRecord
      try {
        record = history.insert({
          id: tags.taskId ?? newTaskId(),
          ...payloadOf(request, resolved?.inputs ?? []),
          profileId: profile.id,
          profileName: profile.name,
          status: 'submitting',
          description: null,
          createdAt: now,
          updatedAt: now,
          finishedAt: null,
          error: null,
          images: [],
          ...optional('sentTo', sentToOf(deps.connectionOverride, connection)),
          ...(tags.plot ? { plot: tags.plot } : {}),
          ...(resolved && withImages
            ? { inputs: resolved.inputs, allowResize: withImages.options.allowResize }
            : {}),
          ...(request.origin ? { origin: request.origin } : {}),
          ...(request.promptTemplate === undefined ? {} : { promptTemplate: request.promptTemplate }),
        })
      } catch (error) {
        await resolved?.discard()
        throw error
      }
      events.emit('tasks.changed', record)
      background(send(record, connection))
      return { taskId: record.id }
    },
    async retry(taskId) {
      const record = history.get(taskId)
      if (!record) throw new AppError('not_found', 'There is no such task in the history.', { taskId })
      if (record.status !== 'failed' || retrying.has(taskId) || !isSdTask(record)) {
        throw new AppError('conflict', 'Only a failed task can be sent again.', {
          taskId,
          status: record.status,
        })
      }
      retrying.add(taskId)
      try {
        const connection = await connectionFor(record)
        const refreshed = await refreshInputs(record)
        let again: TaskRecord
        try {
          const links = refreshed
            ? { params: relinked(record, refreshed.inputs).params, inputs: refreshed.inputs }
            : {}
          again = save(taskId, { ...links, status: 'submitting', error: null, finishedAt: null })
        } catch (error) {
          await refreshed?.discard()
          throw error
        }
        background(send(again, connection))
        return { taskId }
      } finally {
        retrying.delete(taskId)
      }
    },
    async stopTracking(taskId) {
      const record = findTask(taskId)
      if (isTerminalStatus(record.status))
        throw new AppError('conflict', 'The task has already ended.', { taskId, status: record.status })
      tracker.untrack(taskId)
      progress.delete(taskId)
      previews.forget(taskId)
      // Uploads are not released: the service may still fetch them for this task.
      save(taskId, {
        status: 'cancelled',
        trackingStopped: true,
        finishedAt: clock(),
        error: new AppError(
          'cancelled',
          'Tracking stopped: the app no longer asks the service about this task. The service may still finish it; Refresh fetches its result.',
        ).toShape(),
      })
      return { taskId }
    },
    async refresh(taskId) {
      const record = findTask(taskId)
      if (record.trackingStopped !== true)
        throw new AppError('conflict', 'Only a task whose tracking was stopped can be refreshed.', {
          taskId,
          status: record.status,
        })
      const connection = await deps.profiles.resolveConnection(record.profileId)
      save(taskId, { status: 'queued', trackingStopped: undefined, error: null, finishedAt: null })
      tracker.track(taskId, connection, { startedAt: record.createdAt })
      return { taskId }
    },
    previewPreprocessor: (request) => previewPreprocessor(previewDeps, request),
    active() {
      const tasks = history.unfinished()
      return { tasks, progress: tasks.flatMap((task) => progress.get(task.id) ?? []) }
    },
    async resume() {
      background(cleanup.sweep())
      let resumed = 0
      for (const record of history.unfinished().filter(isSdTask)) {
        try {
          const connection = await connectionFor(record)
          tracker.track(record.id, connection, { startedAt: record.createdAt })
          resumeProblems.delete(record.id)
          resumed += 1
        } catch (error) {
          resumeProblems.set(record.id, asShape(error))
          // Keys missing or profile gone: the task stays unfinished and is tried again next start.
          logger.warn('tasks.resume_skipped', { taskId: record.id, code: asShape(error).code })
        }
      }
      return resumed
    },
    resumeProblem: (taskId) => resumeProblems.get(taskId) ?? null,
    onTrouble: (listener) => troubles.subscribe(listener),
    async close() {
      closing.abort()
      cleanup.stop()
      await tracker.stop()
      await backgroundWork.settled()
    },
  }
}
