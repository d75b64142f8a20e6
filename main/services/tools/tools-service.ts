import {
  AppError,
  apiRoot,
  toolPath,
  toolRegistry,
  type CustomRequest,
  type TaskImageRecord,
  type TaskRecord,
  type ToolRequest,
} from '#contract'
import type { ApiClient, ApiConnection } from '../api/api-types'
import type { TrackerLimits } from '../api/task-tracker'
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
import { normaliseCustomPath, toolCodeOfPath } from './custom-path'
import type { MediaDownloader } from './media-download'
import type { MediaStore } from './media-store'
import { isToolish, type ToolishRecord } from './tool-answers'
import { bodyWithLinks, checkToolBody, imageSlotsOf, relinkBody, toolCurl } from './tool-request'
import { asShape, createToolRunner, routeOf } from './tool-runner'
import { secretsOf } from './untrusted-text'

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

const defaultMaxWaitMs = 15 * 60_000

/**
 * The documented tools (one row each, tool-rows.ts) and custom requests: the request checked
 * against its row, its images resolved, the intent recorded before anything is sent; retry and
 * resume. Sending, tracking and keeping the answer are the runner's (tool-runner.ts).
 */
export function createToolsService(deps: ToolsServiceDeps): ToolsService {
  const { history, events, clock, logger } = deps
  const newTaskId = deps.newTaskId ?? (() => defaultNewTaskId(clock()))
  const maxWaitMs = deps.maxWaitMs ?? defaultMaxWaitMs
  const imageHost = withUploadNotes(deps.imageHost, history, logger)
  const inputImages = createInputImages({ ...deps, imageHost })

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

  const runner = createToolRunner({ ...deps, maxWaitMs, save, cleanup, background })
  const { send, track } = runner

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
      await runner.stop()
      await backgroundWork.settled()
    },
  }
}

export { apiRoot }
