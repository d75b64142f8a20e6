import {
  AppError,
  isAppError,
  linkLifetimeIsShort,
  trainingRow,
  type ErrorShape,
  type ParsedInput,
  type ProcedureOutput,
  type TaskRecord,
  type TrainingImage,
  type TrainingTaskRecord,
} from '#contract'
import type { ApiClient, ApiConnection } from '../api/api-types'
import type { ToolCalls } from '../api/tool-client'
import { createBackgroundWork } from '../background-work'
import type { EventBus } from '../event-bus'
import type { HistoryStore, TaskPatch } from '../history/history-store'
import type { ImageCache } from '../images/image-cache'
import type { Logger } from '../logger'
import type { ProfilesService } from '../profiles/profiles-service'
import type { InputImageHost } from '../storage/image-host'
import { newTaskId as defaultNewTaskId } from '../tasks/task-ids'
import { withUploadNotes } from '../tasks/upload-notes'
import { toolCurl } from '../tools/tool-request'
import { inspectDataset } from './dataset'
import { listLoras } from './lora-match'
import { addTrainedLora, type TrainedLoraDeps } from './training-lora'
import { sendJob, uploadDataset, type TrainingRunDeps } from './training-run'
import { createTrainingWatch } from './training-watch'

export interface TrainingServiceDeps {
  readonly history: HistoryStore
  readonly api: Pick<ApiClient, 'listAssets'> & ToolCalls
  readonly profiles: Pick<ProfilesService, 'list' | 'get' | 'resolveConnection'>
  readonly imageCache: Pick<ImageCache, 'put' | 'read'>
  readonly imageHost: InputImageHost
  readonly presets: TrainedLoraDeps['presets']
  readonly events: EventBus
  readonly clock: () => number
  readonly logger: Logger
  readonly newTaskId?: () => string
  /** How often the LoRA lists are read for unfinished jobs (default 2 minutes); tests shorten it. */
  readonly watchIntervalMs?: number
}

/** LoRA training jobs (issue 16): dataset checks, uploads, the §14 submit, tracking, the preset. */
export interface TrainingService {
  inspectDataset(
    request: ParsedInput<'training.inspectDataset'>,
  ): Promise<ProcedureOutput<'training.inspectDataset'>>
  submit(request: ParsedInput<'training.submit'>): Promise<ProcedureOutput<'training.submit'>>
  previewRequest(
    request: ParsedInput<'training.previewRequest'>,
  ): Promise<ProcedureOutput<'training.previewRequest'>>
  markDone(request: ParsedInput<'training.markDone'>): Promise<ProcedureOutput<'training.markDone'>>
  attachStatusRequest(
    request: ParsedInput<'training.attachStatusRequest'>,
  ): Promise<ProcedureOutput<'training.attachStatusRequest'>>
  refresh(taskId?: string): Promise<ProcedureOutput<'training.refresh'>>
  /** Start-up: uploads, sends and watches again what an earlier run left unfinished. */
  resume(): Promise<number>
  /** Resolves once the uploads and sends under way are over (the CLI waits for it before closing). */
  settled(): Promise<void>
  close(): Promise<void>
}

const asShape = (error: unknown): ErrorShape =>
  isAppError(error) ? error.toShape() : { code: 'internal', message: 'Something went wrong inside the app.' }

export const isTrainingJob = (record: TaskRecord | null): record is TrainingTaskRecord =>
  record?.kind === 'training'

/**
 * The training jobs: the intent record is written (status `submitting`, stage `uploading`) before
 * any byte leaves the machine; then the dataset is uploaded image by image, the §14 body sent with
 * the job's id as `taskId`, and the job watched through the profile's LoRA list until its LoRA
 * appears or the user names it. When the job ends, its uploads are deleted unless kept.
 */
export function createTrainingService(deps: TrainingServiceDeps): TrainingService {
  const { history, events, clock, logger } = deps
  const newTaskId = deps.newTaskId ?? (() => defaultNewTaskId(clock()))
  const imageHost = withUploadNotes(deps.imageHost, history, logger)
  const work = createBackgroundWork(logger, 'training.background_failed', (error) => asShape(error).code)
  const running = new Set<string>()

  const job = (id: string): TrainingTaskRecord | null => {
    const record = history.get(id)
    return isTrainingJob(record) ? record : null
  }
  const save = (id: string, patch: Partial<TrainingTaskRecord>): TrainingTaskRecord => {
    const record = history.update(id, { ...patch, updatedAt: clock() } as TaskPatch)
    events.emit('tasks.changed', record)
    if (!isTrainingJob(record)) throw new AppError('internal', 'Not a training job.')
    return record
  }
  const runDeps: TrainingRunDeps = { ...deps, imageHost, job, save }

  /** Deletes the job's uploads unless kept, then gives it its final status (crash-safe order). */
  const end = async (id: string) => {
    const current = job(id)
    if (!current) return
    const kept = current.keepUploads
    const dataset: TrainingImage[] = []
    for (const image of current.dataset) {
      if (kept || image.storageObject === null) {
        dataset.push(image)
        continue
      }
      try {
        await imageHost.remove(current.profileId, image.storageObject)
        dataset.push({ ...image, storageObject: null })
      } catch (error) {
        logger.warn('training.upload_not_removed', { taskId: id, code: asShape(error).code })
        dataset.push(image)
      }
    }
    const status = current.lora ? 'succeeded' : current.error ? 'failed' : 'cancelled'
    save(id, { dataset, status, finishedAt: clock() })
  }

  const fail = async (id: string, error: unknown) => {
    if (!job(id)) return
    save(id, { stage: 'ended', error: asShape(error) })
    await end(id)
  }

  const finishWith = async (
    id: string,
    lora: { fileName: string; displayName: string },
    foundBy: 'list' | 'user',
  ) => {
    const current = job(id)
    if (!current) throw new AppError('not_found', 'There is no such training job.', { taskId: id })
    const presetId = await addTrainedLora({ presets: deps.presets, logger }, current, lora)
    save(id, { stage: 'ended', error: null, lora: { ...lora, presetId, foundBy } })
    await end(id)
    return presetId
  }

  const watch = createTrainingWatch({
    ...deps,
    job,
    save,
    onFound: (id, lora) => finishWith(id, lora, 'list').then(() => undefined),
    intervalMs: deps.watchIntervalMs,
  })

  /** Carries a job from wherever it stands to `training` (watched), or ends it failed. */
  const run = async (id: string) => {
    if (running.has(id)) return
    running.add(id)
    try {
      let current = job(id)
      if (!current) return
      const connection = await deps.profiles.resolveConnection(current.profileId)
      if (current.stage === 'uploading') current = await uploadDataset(runDeps, id)
      if (current.stage === 'sending') {
        const outcome = await sendJob(runDeps, current, connection)
        if (outcome.kind !== 'accepted') return await fail(id, outcome.error)
        // No status query exists (§14): the watch's state is kept as a code the UI words itself.
        const loraCount = current.knownLoras?.length ?? null
        const tracking = { code: 'watching', checks: 0, loraCount, checkedAt: null } as const
        current = save(id, { stage: 'training', status: 'queued', tracking })
      }
      if (current.stage === 'ended') return await end(id)
      watch.add(id)
    } catch (error) {
      await fail(id, error)
    } finally {
      running.delete(id)
    }
  }

  const profileOf = async (profileId?: string) => {
    const id = profileId ?? (await deps.profiles.list()).activeProfileId
    return { id, name: (await deps.profiles.get(id)).name }
  }

  const knownLoras = async (connection: ApiConnection) => {
    try {
      return (await listLoras(deps.api, connection)).map((asset) => asset.fileName)
    } catch (error) {
      logger.warn('training.lora_list_unread', { code: asShape(error).code })
      return null
    }
  }

  return {
    inspectDataset: (request) => inspectDataset(deps.imageCache, request, request.resolution),

    async submit(request) {
      const profile = await profileOf(request.profileId)
      const connection = await deps.profiles.resolveConnection(profile.id)
      if ((await imageHost.describe(profile.id)) === null)
        throw new AppError('image_storage_needed', 'Set up image storage for this profile to train a LoRA.', {
          profileId: profile.id,
        })
      const resolution = typeof request.params.resolution === 'number' ? request.params.resolution : 0
      const report = await inspectDataset(
        deps.imageCache,
        { paths: request.datasetPaths, cacheKeys: request.datasetCacheKeys },
        resolution,
      )
      const [problem] = report.problems
      if (problem)
        throw new AppError('invalid_request', problem.message, {
          field: 'datasetPaths',
          problems: report.problems,
        })
      const now = clock()
      const id = newTaskId()
      const record = history.insert({
        id,
        profileId: profile.id,
        profileName: profile.name,
        status: 'submitting',
        description: null,
        createdAt: now,
        updatedAt: now,
        finishedAt: null,
        error: null,
        images: [],
        kind: 'training',
        params: { ...request.params, fileUrlList: [] },
        start: request.start ?? null,
        stage: 'uploading',
        dataset: report.images.map((image) => ({
          name: image.name,
          path: image.path,
          sha256: image.sha256,
          width: image.width,
          height: image.height,
          format: image.format,
          bytes: image.bytes,
          cacheKey: image.thumbnail,
          url: null,
          urlExpiresAt: null,
          storageObject: null,
        })),
        keepUploads: request.keepUploads,
        linkLifetimeDays: request.linkLifetimeDays,
        triggerWords: request.triggerWords,
        loraHint: request.loraHint ?? null,
        knownLoras: await knownLoras(connection),
        lora: null,
        statusRequest: null,
        statusAnswer: null,
      })
      events.emit('tasks.changed', record)
      work.run(run(id))
      return { taskId: id, linkLifetimeShort: linkLifetimeIsShort(request.linkLifetimeDays) }
    },

    async previewRequest(request) {
      const profile = await profileOf(request.profileId)
      const baseUrl =
        (await deps.profiles.get(profile.id)).baseUrl ??
        (await deps.profiles.resolveConnection(profile.id)).baseUrl
      const links = Array.from({ length: request.imageCount }, (_, at) => `<uploaded image ${at + 1}>`)
      const body = { taskId: newTaskId(), fileUrlList: links, ...request.params }
      return { curl: toolCurl(baseUrl, trainingRow.path, body), body }
    },

    async markDone({ taskId, loraName, displayName }) {
      const current = job(taskId)
      if (!current) throw new AppError('not_found', 'There is no such training job.', { taskId })
      if (current.lora) throw new AppError('conflict', 'This job already names its LoRA.', { taskId })
      if (running.has(taskId))
        throw new AppError(
          'conflict',
          'The job is still being uploaded or sent; name its LoRA once it is sent.',
          {
            taskId,
          },
        )
      watch.remove(taskId)
      return {
        presetId: await finishWith(
          taskId,
          { fileName: loraName, displayName: displayName ?? loraName },
          'user',
        ),
      }
    },

    attachStatusRequest: (request) => watch.attach(request.taskId, request.path, request.body),
    refresh: (taskId) => watch.checkNow(taskId),

    async resume() {
      let resumed = 0
      for (const record of history.unfinished()) {
        if (!isTrainingJob(record)) continue
        work.run(run(record.id))
        resumed += 1
      }
      return resumed
    },
    settled: () => work.settled(),
    async close() {
      watch.stop()
      await work.settled()
    },
  }
}
