import { join } from 'node:path'
import type { AppInfo, Handlers, TaskRecord } from '#contract'
import { createDispatcher, type Dispatch } from '../ipc/dispatcher'
import { createAppHandlers } from './app/app-handlers'
import { createEventBus, type EventBus } from './event-bus'
import { makeDataDirPrivate } from './fs/private-files'
import { createLogger, createSecretRedactor, type MemoryLogger, type SecretRedactor } from './logger'
import { createPresetsHandlers } from './presets/presets-handlers'
import { createPresetsService } from './presets/presets-service'
import { findStarterPresetsFile } from './presets/starter-file'
import { createTasksHandlers } from './tasks/tasks-handlers'
import { createTasksService, type TasksService } from './tasks/tasks-service'
import { createImageCache, type ImageCache } from './images/image-cache'
import { createImagesHandlers } from './images/images-handlers'
import type { SecretStore } from './credentials/secret-store'
import { createConnectionServices } from './profiles/connection-services'
import { createApiClient } from './api/api-client'
import type { ApiClient } from './api/api-types'
import { withConnectionOverride, type ConnectionOverride } from './profiles/connection-override'
import type { ProfilesService } from './profiles/profiles-service'
import { createHistoryStore, type HistoryStore } from './history/history-store'
import { createHistoryHandlers } from './history/history-handlers'
import type { TrackerLimits } from './api/task-tracker'
import { createInputImageHost, type InputImageHostService } from './storage/input-image-host'
import type { S3Keys } from './storage/s3-image-host'
import { createStorageHandlers } from './storage/storage-handlers'
import { createOutputsHandlers, createOutputsService, type OutputShell, type OutputsService } from './outputs'
import {
  createCustomTools,
  createMediaDownloader,
  createMediaStore,
  createToolsHandlers,
  createToolsService,
  type MediaLimits,
  type ToolsService,
} from './tools'
import { createWildcardsHandlers } from './wildcards/wildcards-handlers'
import { createWildcardsService, type WildcardsService } from './wildcards/wildcards-service'
import { findLabelFontFile } from './plot/label-font'
import { createPlotHandlers } from './plot/plot-handlers'
import { createPlotService, type PlotService } from './plot/plot-service'
import { createTrainingHandlers } from './training/training-handlers'
import { createTrainingService, type TrainingService } from './training/training-service'

export interface ServicesConfig {
  readonly dataDir: string
  readonly edition: AppInfo['edition']
  readonly version: string
  readonly locale?: string
  readonly clock?: () => number
  /** Echo warnings to stderr (CLI, dev). */
  readonly echoLogs?: boolean
  /** The keychain (default: the OS keychain via keytar) and its service name; tests isolate with these. */
  readonly keychain?: SecretStore
  readonly keychainService?: string
  /** Poll timing of the task tracker; tests shorten it. */
  readonly trackerLimits?: Partial<TrackerLimits>
  /** Address and/or keys for this run only (CLI flags, env), used by every API caller; never saved. */
  readonly connectionOverride?: ConnectionOverride
  /** The image storage's keys for this run only (CLI env), instead of the keychain's; never saved. */
  readonly storageKeysOverride?: S3Keys
  /** The desktop app's save and folder dialogs (main/shell/output-dialogs.ts); none elsewhere. */
  readonly outputShell?: OutputShell
  /** Where a save dialog starts when no output folder is set (the desktop's Downloads folder). */
  readonly defaultSaveDir?: string
  /** Caps and timeouts of tool result downloads; tests shrink them. */
  readonly mediaLimits?: Partial<MediaLimits>
  /** How long a tool task may go without output before the app stops asking; tests shorten it. */
  readonly toolMaxWaitMs?: number
  /** The dynamic-prompts wildcards folder; default `<dataDir>/wildcards` (CLI `--wildcards`). */
  readonly wildcardsDir?: string
  /** How often unfinished training jobs' LoRA lists are read; tests shorten it. */
  readonly trainingWatchMs?: number
}

export interface Services {
  readonly config: ServicesConfig
  readonly handlers: Handlers
  readonly dispatch: Dispatch
  readonly events: EventBus
  readonly logger: MemoryLogger
  readonly redactor: SecretRedactor
  /** Connection profiles; `profiles.resolveConnection()` is how API callers get a connection. */
  readonly profiles: ProfilesService
  /** The local task history (single writer: this process holds its lock until close). */
  readonly history: HistoryStore
  /** Submits and tracks tasks; `resume()` picks up what a previous run left unfinished. */
  readonly tasks: TasksService
  /** The documented image tools and custom requests (tool-rows.ts); `tasks.resume()` resumes them too. */
  readonly tools: ToolsService
  /** The API client (the CLI's model lists); calls take `profiles.resolveConnection()`. */
  readonly api: ApiClient
  /** The local image cache (`locate` gives a cached image's file). */
  readonly images: ImageCache
  /** Uploads local input images to the profile's storage (or the demo's simulator) for the service. */
  readonly imageHost: InputImageHostService
  /** Saving results: dialogs, and the output folder every result is written to as it arrives. */
  readonly outputs: OutputsService
  /** Dynamic prompts: the wildcards folder and template expansion. */
  readonly wildcards: WildcardsService
  /** X/Y/Z plots: cells submitted through `tasks`, grids composed into the image cache. */
  readonly plots: PlotService
  /** LoRA training jobs (issue 16); `tasks.resume()` resumes them too. */
  readonly training: TrainingService
  close(): Promise<void>
}

/**
 * The composition root shared by the Electron entry, the browser edition and the CLI, so the three
 * run the same code against the same data directory.
 */
export async function createServices(config: ServicesConfig): Promise<Services> {
  const clock = config.clock ?? Date.now
  await makeDataDirPrivate(config.dataDir)
  const redactor = createSecretRedactor()
  const logger = createLogger({
    file: join(config.dataDir, 'logs', 'main.log'),
    redactor,
    clock,
    echo: config.echoLogs,
  })
  const events = createEventBus()
  const info: AppInfo = {
    name: 'Img Open Workbench',
    version: config.version,
    edition: config.edition,
    platform: process.platform,
    dataDir: config.dataDir,
    locale: config.locale ?? 'en',
  }
  const api = createApiClient({ logger, redactor })
  const connection = await createConnectionServices({
    dataDir: config.dataDir,
    logger,
    redactor,
    events,
    clock,
    api,
    // The demo profile's simulator: loaded and started only when that profile is first used.
    startDemoServer: async () => (await import('../simulator/simulator')).startSimulator({ demo: true }),
    keychain: config.keychain,
    keychainService: config.keychainService,
  })
  const profiles = config.connectionOverride
    ? withConnectionOverride(config.connectionOverride, { profiles: connection.profiles, api, redactor })
    : connection.profiles
  const presets = createPresetsService({
    dataDir: config.dataDir,
    clock,
    logger,
    starterFile: findStarterPresetsFile(),
    apiClient: api,
    resolveConnection: (profileId) => profiles.resolveConnection(profileId),
    onChange: () => events.emit('presets.changed', { at: clock() }),
  })
  const imageCache = createImageCache({ dataDir: config.dataDir, logger })
  if (config.storageKeysOverride) {
    redactor.register(config.storageKeysOverride.secretAccessKey)
    redactor.register(config.storageKeysOverride.accessKeyId)
  }
  const imageHost = createInputImageHost({
    settings: connection.settings,
    credentials: connection.credentials,
    storageKeysOverride: config.storageKeysOverride,
    resolveConnection: (profileId) => profiles.resolveConnection(profileId),
    logger,
    clock,
  })
  const history = createHistoryStore({ dataDir: config.dataDir, clock, logger })
  const sdTasks = createTasksService({
    history,
    api,
    profiles,
    imageCache,
    imageHost,
    events,
    clock,
    logger,
    trackerLimits: config.trackerLimits,
    connectionOverride: config.connectionOverride,
    ownConnection: (profileId) => connection.profiles.resolveConnection(profileId),
  })
  const outputs = createOutputsService({
    dataDir: config.dataDir,
    history,
    imageCache,
    logger,
    shell: config.outputShell,
    defaultSaveDir: config.defaultSaveDir,
  })
  events.subscribe((name, payload) => {
    if (name === 'tasks.changed') outputs.taskChanged(payload as TaskRecord)
  })
  const media = createMediaDownloader(config.mediaLimits)
  const tools = createToolsService({
    history,
    api,
    profiles,
    imageCache,
    imageHost,
    media,
    mediaStore: createMediaStore(config.dataDir),
    events,
    clock,
    logger,
    trackerLimits: config.trackerLimits,
    maxWaitMs: config.toolMaxWaitMs,
  })
  const training = createTrainingService({
    history,
    api,
    profiles,
    imageCache,
    imageHost,
    presets,
    events,
    clock,
    logger,
    watchIntervalMs: config.trainingWatchMs,
  })
  // One face for all: start-up resumes workbench tasks, tool tasks and training jobs alike.
  const tasks: TasksService = {
    ...sdTasks,
    resume: async () => (await sdTasks.resume()) + (await tools.resume()) + (await training.resume()),
  }
  const wildcards = createWildcardsService({ dir: config.wildcardsDir ?? join(config.dataDir, 'wildcards') })
  const plots = createPlotService({
    dataDir: config.dataDir,
    tasks,
    history,
    images: imageCache,
    events,
    clock,
    logger,
    fontFile: findLabelFontFile(),
  })
  const handlers: Handlers = {
    ...createPlotHandlers({ plots }),
    ...createPresetsHandlers({ presets }),
    ...connection.handlers,
    ...createAppHandlers({ info }),
    ...createTasksHandlers({ tasks, profiles, history }),
    ...createToolsHandlers({ tools, customTools: createCustomTools(config.dataDir) }),
    'tasks.retry': ({ taskId }) => (tools.owns(taskId) ? tools.retry(taskId) : tasks.retry(taskId)),
    ...createImagesHandlers({ imageCache }),
    ...createWildcardsHandlers({ wildcards }),
    ...createStorageHandlers({ profiles, imageHost }),
    ...createOutputsHandlers({ outputs }),
    ...createTrainingHandlers({ training }),
    ...createHistoryHandlers({
      store: history,
      imageCache,
      api,
      profiles,
      clock,
      logger,
      onRecordChanged: (record) => events.emit('tasks.changed', record),
    }),
  }
  const dispatch = createDispatcher(handlers, logger)
  let closing: Promise<void> | undefined
  logger.info('services.started', { edition: config.edition })
  return {
    config,
    handlers,
    dispatch,
    events,
    logger,
    redactor,
    profiles,
    history,
    tasks,
    tools,
    api,
    images: imageCache,
    imageHost,
    outputs,
    wildcards,
    plots,
    training,
    close() {
      // Idempotent: the shell and tests may both close; the second call waits for the first.
      closing ??= (async () => {
        await training.close()
        await tools.close()
        await tasks.close()
        await outputs.idle()
        await media.close()
        await plots.close()
        await presets.close()
        await imageHost.close()
        await connection.close()
        await api.close()
        await imageCache.close()
        history.close()
        logger.info('services.stopped')
      })()
      return closing
    },
  }
}
