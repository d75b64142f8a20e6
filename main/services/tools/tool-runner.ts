import {
  AppError,
  isAppError,
  toolPath,
  toolQueryPath,
  type ErrorShape,
  type TaskProgress,
  type TaskRecord,
} from '#contract'
import type { ApiConnection, TaskSnapshot } from '../api/api-types'
import { apiError } from '../api/api-errors'
import { apiPaths } from '../api/api-paths'
import { createTaskTracker, type TrackerFinal } from '../api/task-tracker'
import type { TaskPatch } from '../history/history-store'
import type { UploadCleanup } from '../tasks/upload-cleanup'
import { isInternalHost } from './address-guard'
import { isToolish, readRecordAnswer, type ToolishRecord } from './tool-answers'
import { keepAnswerMedia, keepToolOutput } from './tool-results'
import type { ToolsServiceDeps } from './tools-service'
import { cleanText, cleanValue, secretsOf } from './untrusted-text'

export const asShape = (error: unknown): ErrorShape =>
  isAppError(error) ? error.toShape() : { code: 'internal', message: 'Something went wrong inside the app.' }

/** Where a record is sent and where it is asked about. */
export function routeOf(record: ToolishRecord): { path: string; queryPath: string | null } {
  if (record.kind === 'tool')
    return { path: toolPath(record.toolCode), queryPath: toolQueryPath(record.toolCode) }
  return { path: record.path, queryPath: record.toolCode ? toolQueryPath(record.toolCode) : null }
}

const bodyOf = (record: ToolishRecord) => (record.kind === 'tool' ? record.params : record.body)

export interface ToolRunnerDeps extends ToolsServiceDeps {
  readonly maxWaitMs: number
  readonly save: (id: string, patch: TaskPatch) => TaskRecord
  readonly cleanup: Pick<UploadCleanup, 'release'>
  readonly background: (work: Promise<unknown>) => void
}

export interface ToolRunner {
  /** Submits a recorded tool task or custom request, then tracks it until its answer is kept. */
  send(record: ToolishRecord, connection: ApiConnection): Promise<void>
  /** Tracks an already-sent record (start-up, or a submit whose outcome is unknown). */
  track(record: ToolishRecord, connection: ApiConnection): void
  stop(): Promise<void>
}

/**
 * The life of a sent tool task or custom request: submit (at most one task, submit.ts) → the
 * answer read by the completion rule (tool-output.ts), at once or through `tool/{toolCode}/queryTask`,
 * polled with a bound → outputs cleaned of secrets, files downloaded under SECURITY.md #26, the
 * record finished.
 */
export function createToolRunner(deps: ToolRunnerDeps): ToolRunner {
  const { history, events, clock, logger, maxWaitMs, save, cleanup, background } = deps
  const connections = new Map<string, ApiConnection>()
  const answers = new Map<string, unknown>()
  const gaveUp = new Set<string>()
  const toolish = (id: string): ToolishRecord | null => {
    const record = history.get(id)
    return record && isToolish(record) ? record : null
  }

  const keepContext = (id: string, connection: ApiConnection) => ({
    taskId: id,
    secrets: secretsOf(connection),
    allowInternal: isInternalHost(new URL(connection.baseUrl).hostname),
  })

  const succeed = async (record: ToolishRecord, data: unknown, connection: ApiConnection) => {
    const ctx = keepContext(record.id, connection)
    const read = readRecordAnswer(record, data)
    const description = read.message === '' ? null : cleanText(read.message, ctx.secrets)
    const done = { status: 'succeeded', description, finishedAt: clock(), error: null } as const
    if (record.kind === 'tool') {
      const kept = await keepToolOutput(deps, read.state === 'done' ? read.output : {}, ctx)
      cleanup.release(save(record.id, { ...done, toolOutput: kept.output, images: kept.images }))
      return
    }
    const kept = await keepAnswerMedia(deps, data, ctx)
    const answer = cleanValue(data, ctx.secrets)
    cleanup.release(save(record.id, { ...done, answer, media: kept.media, images: kept.images }))
  }

  const fail = (record: ToolishRecord, error: AppError, connection: ApiConnection | undefined) => {
    const secrets = connection ? secretsOf(connection) : []
    const shape = error.toShape()
    const serviceMessage = shape.details?.serviceMessage
    const details =
      typeof serviceMessage === 'string'
        ? { ...shape.details, serviceMessage: cleanText(serviceMessage, secrets).slice(0, 300) }
        : shape.details
    const message = cleanText(shape.message, secrets)
    cleanup.release(
      save(record.id, {
        status: 'failed',
        finishedAt: clock(),
        error: { ...shape, message, ...(details ? { details } : {}) },
      }),
    )
  }

  const serviceFailure = (message: string, secrets: readonly string[]) =>
    new AppError(
      'server',
      message === '' ? 'The service reported the tool task as failed.' : cleanText(message, secrets),
      {
        ...(message === '' ? {} : { serviceMessage: cleanText(message, secrets) }),
      },
    )

  const finish = async (final: TrackerFinal) => {
    const record = toolish(final.id)
    const connection = connections.get(final.id)
    connections.delete(final.id)
    const data = answers.get(final.id)
    answers.delete(final.id)
    if (!record) return
    if (final.snapshot?.state === 'succeeded' && connection) return succeed(record, data, connection)
    const minutes = Math.round(maxWaitMs / 60_000)
    const error = gaveUp.delete(final.id)
      ? new AppError(
          'timeout',
          `No result after ${minutes} minutes, so the app stopped asking; the service may still finish it. Retry asks again with the same task id.`,
          { taskId: final.id, waitedMs: maxWaitMs },
        )
      : final.snapshot?.state === 'failed'
        ? serviceFailure(final.snapshot.description, connection ? secretsOf(connection) : [])
        : (final.error ?? new AppError('server', 'The service reported the tool task as failed.'))
    fail(record, error, connection)
  }

  /** The tracker's query: the tool's own queryTask, read by the completion rule, bounded in time. */
  const queryTool = async (connection: ApiConnection, id: string, options?: { signal?: AbortSignal }) => {
    const record = toolish(id)
    const queryPath = record && routeOf(record).queryPath
    if (!record || !queryPath) throw apiError('not_found', { taskId: id })
    const data = await deps.api.queryToolData(connection, queryPath, id, options)
    answers.set(id, data)
    const read = readRecordAnswer(record, data)
    const overdue = read.state === 'pending' && clock() - record.createdAt >= maxWaitMs
    if (overdue) gaveUp.add(id)
    const snapshot: TaskSnapshot = {
      taskId: id,
      state: read.state === 'done' ? 'succeeded' : read.state === 'failed' || overdue ? 'failed' : 'running',
      rawStatus: read.status,
      statusRecognised: true,
      description: read.message,
      percent: null,
      previewImage: null,
      etaMs: null,
      images: [],
    }
    return snapshot
  }

  const tracker = createTaskTracker({
    api: {
      queryTask: queryTool,
      // Tool tasks have no archive query: a task the tool's query never knows ends as not_found.
      queryArchivedTask: async (_connection, id) => {
        throw apiError('not_found', { taskId: id })
      },
    },
    logger,
    limits: deps.trackerLimits,
    onProgress: (update) => {
      if (history.get(update.id)?.status === 'queued' && update.status === 'running')
        save(update.id, { status: 'running' })
      const shown: TaskProgress = { ...update }
      events.emit('tasks.progress', shown)
    },
    onFinal: (final) => background(finish(final)),
  })

  const track = (record: ToolishRecord, connection: ApiConnection) => {
    connections.set(record.id, connection)
    tracker.track(record.id, connection, { startedAt: record.createdAt })
  }

  const send = async (record: ToolishRecord, connection: ApiConnection) => {
    const { path, queryPath } = routeOf(record)
    try {
      const outcome = await deps.api.submitTool(connection, {
        path,
        taskId: record.id,
        body: { ...bodyOf(record), businessTaskId: record.id },
        // Without a tool code there is no tool query: a lost answer is looked up where SD tasks are.
        queryPath: queryPath ?? apiPaths.queryTask,
      })
      if (outcome.kind === 'answered') {
        const read = readRecordAnswer(record, outcome.data)
        if (read.state === 'done' || (read.state === 'pending' && queryPath === null))
          return await succeed(record, outcome.data, connection)
        if (read.state === 'failed')
          return fail(record, serviceFailure(read.message, secretsOf(connection)), connection)
      }
      save(record.id, { status: 'queued' })
      track(record, connection)
    } catch (error) {
      const shape = asShape(error)
      if (shape.details?.submitOutcome === 'unknown' && queryPath !== null) {
        logger.warn('tools.submit_unconfirmed', { taskId: record.id, code: shape.code })
        track(record, connection)
        return
      }
      fail(record, isAppError(error) ? error : new AppError('internal', shape.message), connection)
    }
  }

  return { send, track, stop: () => tracker.stop() }
}
