import { access, constants, mkdir, readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { isAbsolute, join } from 'node:path'
import { AppError, text2ImageParamsSchema, type OutputSettings, type TaskRecord } from '#contract'
import { writeFileAtomic } from '../fs/atomic-write'
import type { HistoryStore } from '../history/history-store'
import type { ImageCache } from '../images/image-cache'
import type { Logger } from '../logger'
import { fileNameFor } from './file-names'
import { extensionOf, writeUniqueFile } from './output-files'
import type { OutputShell } from './output-shell'
import { readOutputSettings, writeOutputSettings } from './outputs-settings'
import { withInfotext } from './with-infotext'

export interface OutputsServiceDeps {
  readonly dataDir: string
  readonly history: Pick<HistoryStore, 'get'>
  readonly imageCache: Pick<ImageCache, 'locate'>
  readonly logger: Logger
  /** The desktop app's dialogs; absent in the browser edition and the CLI. */
  readonly shell?: OutputShell
  /** Where a save dialog starts when no output folder is set (default: the home folder). */
  readonly defaultSaveDir?: string
}

export interface OutputsState {
  readonly settings: OutputSettings
  readonly dialogs: boolean
  readonly example: string
}

export interface OutputsService {
  state(): Promise<OutputsState>
  configure(settings: OutputSettings): Promise<OutputsState>
  chooseFolder(): Promise<string | null>
  fileNames(taskId: string): Promise<(string | null)[]>
  saveImage(taskId: string, imageIndex: number): Promise<string | null>
  saveTask(taskId: string): Promise<{ folder: string | null; files: string[] }>
  reveal(taskId: string, imageIndex: number): Promise<string>
  /** Writes a task's results to the output folder once it has succeeded (once per task). */
  taskChanged(record: TaskRecord): void
  /** Resolves when every write started so far has finished (shutdown, tests). */
  idle(): Promise<void>
}

/** The pattern applied to a made-up task, for the settings to show. */
const exampleRecord: TaskRecord = {
  id: 'img-20261207-0001',
  kind: 'text2image',
  profileId: 'demo',
  profileName: 'Demo',
  status: 'succeeded',
  description: null,
  createdAt: Date.UTC(2026, 11, 7, 12),
  updatedAt: Date.UTC(2026, 11, 7, 12),
  finishedAt: Date.UTC(2026, 11, 7, 12),
  error: null,
  images: [],
  params: text2ImageParamsSchema.parse({
    prompt: 'a lighthouse at dawn, (oil painting:1.2)',
    seed: 1234567,
    alwayson_scripts: { sd_model_checkpoint: 'dreamshaper_8.safetensors' },
  }),
}

const desktopOnly = () =>
  new AppError('invalid_request', 'This needs the desktop app; the browser edition downloads instead.', {
    reason: 'desktop_only',
  })

/**
 * Saving results where the user wants them: through the desktop's dialogs, and, when an output
 * folder is set, every result as it arrives. File names follow the user's A1111-style pattern;
 * a PNG already carries its A1111 `parameters` text, a JPEG or WebP gets it in EXIF (with-infotext.ts).
 */
export function createOutputsService(deps: OutputsServiceDeps): OutputsService {
  let settings: Promise<OutputSettings> | null = null
  const current = () => (settings ??= readOutputSettings(deps.dataDir, deps.logger))
  const handled = new Set<string>()
  const written = new Map<string, string>()
  let queue: Promise<void> = Promise.resolve()

  const taskOf = (taskId: string) => {
    const record = deps.history.get(taskId)
    if (!record) throw new AppError('not_found', 'There is no such task in the history.', { taskId })
    return record
  }
  const cachedFile = async (record: TaskRecord, index: number) => {
    const cacheKey = record.images[index]?.cacheKey
    const path = cacheKey ? await deps.imageCache.locate(cacheKey) : null
    return path === null ? null : { path, extension: extensionOf(path) }
  }
  const requireImage = async (record: TaskRecord, index: number) => {
    const file = await cachedFile(record, index)
    if (!file) throw new AppError('not_found', 'That image is not in the image cache.', { imageIndex: index })
    return file
  }
  const shell = () => {
    if (!deps.shell) throw desktopOnly()
    return deps.shell
  }

  const state = async (): Promise<OutputsState> => {
    const value = await current()
    return {
      settings: value,
      dialogs: deps.shell !== undefined,
      example: `${fileNameFor(value.pattern, exampleRecord, 0)}.png`,
    }
  }

  /** Every cached result of a task into `folder`, each under a fresh name. */
  const writeAll = async (record: TaskRecord, folder: string, pattern: string) => {
    const files: string[] = []
    for (const [index] of record.images.entries()) {
      const file = await cachedFile(record, index)
      if (!file) continue
      const path = await writeUniqueFile(
        folder,
        fileNameFor(pattern, record, index),
        file.extension,
        withInfotext(await readFile(file.path), file.extension, record, index),
      )
      written.set(`${record.id}:${index}`, path)
      files.push(path)
    }
    return files
  }

  const checkFolder = async (folder: string) => {
    if (!isAbsolute(folder))
      throw new AppError('invalid_request', 'Give the output folder as a full path.', { field: 'folder' })
    try {
      await mkdir(folder, { recursive: true })
      await access(folder, constants.W_OK)
    } catch {
      throw new AppError('io', 'The output folder cannot be written.', { field: 'folder' })
    }
  }

  return {
    state,
    async configure(next) {
      if (next.folder !== null) await checkFolder(next.folder)
      await writeOutputSettings(deps.dataDir, next)
      settings = Promise.resolve(next)
      return state()
    },
    async chooseFolder() {
      return shell().chooseFolder((await current()).folder)
    },
    async fileNames(taskId) {
      const record = taskOf(taskId)
      const { pattern } = await current()
      return Promise.all(
        record.images.map(async (_, index) => {
          const file = await cachedFile(record, index)
          return file ? `${fileNameFor(pattern, record, index)}.${file.extension}` : null
        }),
      )
    },
    async saveImage(taskId, imageIndex) {
      const dialogs = shell()
      const record = taskOf(taskId)
      const file = await requireImage(record, imageIndex)
      const { folder, pattern } = await current()
      const name = `${fileNameFor(pattern, record, imageIndex)}.${file.extension}`
      const chosen = await dialogs.chooseSaveFile(join(folder ?? deps.defaultSaveDir ?? homedir(), name))
      if (chosen === null) return null
      // The dialog asked before replacing a file, so the user's choice stands.
      await writeFileAtomic(
        chosen,
        withInfotext(await readFile(file.path), file.extension, record, imageIndex),
      )
      return chosen
    },
    async saveTask(taskId) {
      const dialogs = shell()
      const record = taskOf(taskId)
      const { folder, pattern } = await current()
      const chosen = await dialogs.chooseFolder(folder)
      if (chosen === null) return { folder: null, files: [] }
      return { folder: chosen, files: await writeAll(record, chosen, pattern) }
    },
    async reveal(taskId, imageIndex) {
      const dialogs = shell()
      const record = taskOf(taskId)
      const path = written.get(`${taskId}:${imageIndex}`) ?? (await requireImage(record, imageIndex)).path
      dialogs.showInFolder(path)
      return path
    },
    taskChanged(record) {
      if (record.status !== 'succeeded' || handled.has(record.id)) return
      handled.add(record.id)
      queue = queue.then(async () => {
        const { folder, pattern } = await current()
        if (folder === null) return
        try {
          await mkdir(folder, { recursive: true })
          await writeAll(record, folder, pattern)
        } catch (error) {
          deps.logger.warn('outputs.write_failed', {
            taskId: record.id,
            code: (error as { code?: unknown }).code ?? 'unknown',
          })
        }
      })
    },
    idle: () => queue,
  }
}
