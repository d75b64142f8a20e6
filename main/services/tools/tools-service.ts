import {
  AppError,
  apiRoot,
  isAppError,
  toolPath,
  toolQueryPath,
  toolRegistry,
  type CustomRequest,
  type ErrorShape,
  type TaskProgress,
  type TaskImageRecord,
  type TaskRecord,
  type ToolRequest,
} from '#contract'
import type { ApiClient, ApiConnection, TaskSnapshot } from '../api/api-types'
import { apiError } from '../api/api-errors'
import { apiPaths } from '../api/api-paths'
import { createTaskTracker, type TrackerFinal, type TrackerLimits } from '../api/task-tracker'
import type { ToolCalls } from '../api/tool-client'
import type { EventBus } from '../event-bus'
import type { HistoryStore, TaskPatch } from '../history/history-store'
import type { ImageCache } from '../images/image-cache'
import { createBackgroundWork } from '../background-work'
import type { Logger } from '../logger'
import type { ProfilesService } from '../profiles/profiles-service'
import type { InputImageHost } from '../storage/image-host'
import { createInputImages } from '../tasks/input-images'
import { newTaskId as defaultNewTaskId } from '../tasks/task-ids'
import { placeholderInputs } from '../tasks/task-request'
import { createUploadCleanup } from '../tasks/upload-cleanup'
import { withUploadNotes } from '../tasks/upload-notes'
import { isInternalHost } from './address-guard'
import { normaliseCustomPath, toolCodeOfPath } from './custom-path'
import type { MediaDownloader } from './media-download'
import type { MediaStore } from './media-store'
import { isToolish, readRecordAnswer, type ToolishRecord } from './tool-answers'
import { bodyWithLinks, checkToolBody, imageSlotsOf, relinkBody, toolCurl } from './tool-request'
import { keepAnswerMedia, keepToolOutput } from './tool-results'
import { cleanText, cleanValue, secretsOf } from './untrusted-text'

export interface ToolsServiceDeps {
  readonly history: HistoryStore
  readonly api: Pick<ApiClient, 'checkImageUrl'> & ToolCalls
  readonly profiles: Pick<ProfilesService, 'list' | 'get' | 'resolveConnection'>
  readonly imageCache: Pick<ImageCache, 'put' | 'read' | 'download'>
  readonly imageHost: InputImageHost
  readonly media: Pick<MediaDownloader, 'download'>
  readonly mediaStore: Pick<MediaStore, 'put'>
  readonly events: EventBus
  readonly clock: () => number
  readonly logger: Logger
  readonly newTaskId?: () => string
  readonly trackerLimits?: Partial<TrackerLimits>
  /** How long a tool task may stay without output before the app stops asking (default 15 min). */
  readonly maxWaitMs?: number
}

export interface ToolsService {
  submit(request: ToolRequest): Promise<{ taskId: string }>
  previewRequest(request: ToolRequest): Promise<{ curl: string; body: unknown }>
  customRequest(request: CustomRequest): Promise<{ taskId: string }>
  previewCustomRequest(request: CustomRequest): Promise<{ curl: string; body: unknown }>
  /** Whether a history task is one of this service's (a tool task or a custom request). */
  owns(taskId: string): boolean
  /** Sends a failed tool task or custom request again, with the same id. */
  retry(taskId: string): Promise<{ taskId: string }>
  /** Start-up: tracks unfinished tool tasks and custom requests again. */
  resume(): Promise<number>
  close(): Promise<void>
}

const asShape = (error: unknown): ErrorShape =>
  isAppError(error) ? error.toShape() : { code: 'internal', message: 'Something went wrong inside the app.' }

const defaultMaxWaitMs = 15 * 60_000

/** Where a record is sent and where it is asked about. */
function routeOf(record: ToolishRecord): { path: string; queryPath: string | null } {
  if (record.kind === 'tool')
    return { path: toolPath(record.toolCode), queryPath: toolQueryPath(record.toolCode) }
  return { path: record.path, queryPath: record.toolCode ? toolQueryPath(record.toolCode) : null }
}

const bodyOf = (record: ToolishRecord) => (record.kind === 'tool' ? record.params : record.body)

/**
 * The documented tools (one row each, tool-rows.ts) and custom requests: intent record → submit
 * (at most one task, submit.ts) → the answer read by the completion rule (tool-output.ts), either
 * at once or through `tool/{toolCode}/queryTask`, polled with a bound → outputs cleaned of
 * secrets, files downloaded under SECURITY.md #26, the record finished.
 */
export function createToolsService(deps: ToolsServiceDeps): ToolsService {
  const { history, events, clock, logger } = deps
  const newTaskId = deps.newTaskId ?? (() => defaultNewTaskId(clock()))
  const maxWaitMs = deps.maxWaitMs ?? defaultMaxWaitMs
  const imageHost = withUploadNotes(deps.imageHost, history, logger)
  const inputImages = createInputImages({ ...deps, imageHost })
  const connections = new Map<string, ApiConnection>()
  const answers = new Map<string, unknown>()
  const gaveUp = new Set<string>()

  const save = (id: string, patch: TaskPatch): TaskRecord => {
    const record = history.update(id, { ...patch, updatedAt: clock() } as TaskPatch)
    events.emit('tasks.changed', record)
    return record
  }
  const backgroundWork = createBackgroundWork(
    logger,
    'tools.background_failed',
    (error) => asShape(error).code,
  )
  const background = backgroundWork.run
  const cleanup = createUploadCleanup({
    history,
    imageHost,
    logger,
    save,
    background,
    isRetrying: () => false,
  })
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

  const profileOf = async (profileId?: string) => {
    const id = profileId ?? (await deps.profiles.list()).activeProfileId
    return { id, name: (await deps.profiles.get(id)).name }
  }

  const baseRecord = (id: string, profile: { id: string; name: string }) => {
    const now = clock()
    return {
      id,
      profileId: profile.id,
      profileName: profile.name,
      status: 'submitting' as const,
      description: null,
      createdAt: now,
      updatedAt: now,
      finishedAt: null,
      error: null,
      images: [] as TaskImageRecord[],
    }
  }

  /** A custom request's path and body as sent; the body must not carry the profile's keys (SECURITY.md #27). */
  const customWire = (request: CustomRequest, id: string, connection: ApiConnection | null) => {
    const path = normaliseCustomPath(request.path)
    const json = JSON.stringify(request.body)
    if (connection && secretsOf(connection).some((secret) => json.includes(secret)))
      throw new AppError(
        'invalid_request',
        'The body holds the profile’s access key; keys go only in the headers.',
        {
          field: 'body',
        },
      )
    const toolCode = request.toolCode ? request.toolCode : toolCodeOfPath(path)
    return { path, toolCode, body: { ...request.body, businessTaskId: id } }
  }

  const baseUrlOf = async (profileId?: string) => {
    const id = profileId ?? (await deps.profiles.list()).activeProfileId
    return (await deps.profiles.get(id)).baseUrl ?? (await deps.profiles.resolveConnection(id)).baseUrl
  }

  return {
    async submit(request) {
      const row = toolRegistry[request.toolId]
      const profile = await profileOf(request.profileId)
      const connection = await deps.profiles.resolveConnection(profile.id)
      const slots = imageSlotsOf(row, request.images)
      // The non-image fields are checked before anything is uploaded.
      checkToolBody(
        row,
        bodyWithLinks(
          request.body,
          slots,
          slots.map(() => ({ url: 'https://check.invalid/x' })),
        ),
      )
      const resolved = await inputImages.resolve(
        profile.id,
        slots.map((slot, unit) => ({ role: 'source', unit, source: slot.source })),
        request.options,
      )
      let record: TaskRecord
      try {
        const params = bodyWithLinks(request.body, slots, resolved.inputs)
        checkToolBody(row, params)
        record = history.insert({
          ...baseRecord(newTaskId(), profile),
          kind: 'tool',
          toolId: request.toolId,
          toolCode: row.toolCode,
          params,
          toolOutput: null,
          ...(slots.length > 0 ? { inputs: resolved.inputs, allowResize: request.options.allowResize } : {}),
        })
      } catch (error) {
        await resolved.discard()
        throw error
      }
      events.emit('tasks.changed', record)
      if (isToolish(record)) background(send(record, connection))
      return { taskId: record.id }
    },
    async previewRequest(request) {
      const row = toolRegistry[request.toolId]
      const slots = imageSlotsOf(row, request.images)
      const inputs = placeholderInputs(
        history,
        slots.map((slot, unit) => ({ role: 'source', unit, source: slot.source })),
      )
      const body = bodyWithLinks(request.body, slots, inputs)
      checkToolBody(row, body)
      const wire = { businessTaskId: newTaskId(), ...body }
      return { curl: toolCurl(await baseUrlOf(request.profileId), toolPath(row.toolCode), wire), body: wire }
    },
    async customRequest(request) {
      const profile = await profileOf(request.profileId)
      const connection = await deps.profiles.resolveConnection(profile.id)
      const id = newTaskId()
      const wire = customWire(request, id, connection)
      const { businessTaskId: _sent, ...body } = wire.body
      const record = history.insert({
        ...baseRecord(id, profile),
        kind: 'custom',
        path: wire.path,
        toolCode: wire.toolCode,
        body,
        answer: null,
        media: [],
      })
      events.emit('tasks.changed', record)
      if (isToolish(record)) background(send(record, connection))
      return { taskId: record.id }
    },
    async previewCustomRequest(request) {
      const wire = customWire(request, newTaskId(), null)
      return { curl: toolCurl(await baseUrlOf(request.profileId), wire.path, wire.body), body: wire.body }
    },
    owns: (taskId) => toolish(taskId) !== null,
    async retry(taskId) {
      const record = toolish(taskId)
      if (!record) throw new AppError('not_found', 'There is no such tool task in the history.', { taskId })
      if (record.status !== 'failed')
        throw new AppError('conflict', 'Only a failed task can be sent again.', {
          taskId,
          status: record.status,
        })
      const connection = await deps.profiles.resolveConnection(record.profileId)
      await cleanup.settled(record.id)
      const current = toolish(taskId) ?? record
      const refreshed =
        current.kind === 'tool' && current.inputs?.length
          ? await inputImages.refresh(current.profileId, current.inputs, {
              allowResize: current.allowResize === true,
            })
          : null
      const links =
        refreshed && current.kind === 'tool'
          ? {
              params: relinkBody(toolRegistry[current.toolId], current.params, refreshed.inputs),
              inputs: refreshed.inputs,
            }
          : {}
      const again = save(taskId, { ...links, status: 'submitting', error: null, finishedAt: null })
      if (isToolish(again)) background(send(again, connection))
      return { taskId }
    },
    async resume() {
      let resumed = 0
      for (const record of history.unfinished().filter(isToolish)) {
        try {
          const connection = await deps.profiles.resolveConnection(record.profileId)
          if (routeOf(record).queryPath === null) continue
          track(record, connection)
          resumed += 1
        } catch (error) {
          logger.warn('tools.resume_skipped', { taskId: record.id, code: asShape(error).code })
        }
      }
      return resumed
    },
    async close() {
      cleanup.stop()
      await tracker.stop()
      await backgroundWork.settled()
    },
  }
}

export { apiRoot }
