import {
  AppError,
  readToolData,
  toolPath,
  toolQueryPath,
  toolRegistry,
  type ImageSource,
  type InputOptions,
  type ToolAnswer,
} from '#contract'
import type { ApiClient, ApiConnection } from '../api/api-types'
import type { ToolCalls } from '../api/tool-client'
import type { ImageCache } from '../images/image-cache'
import { readImageInfo } from '../images/image-info'
import type { Logger } from '../logger'
import type { ProfilesService } from '../profiles/profiles-service'
import type { InputImageHost } from '../storage/image-host'
import { checkToolBody } from '../tools/tool-request'
import type { InputImages } from './input-images'
import { releaseUploads } from './input-release'

/**
 * How long the preview may take: a preprocessor runs in seconds on the service, so a minute is
 * generous; polled every second after a short first wait.
 */
export const preprocessorPreviewLimits = {
  deadlineMs: 60_000,
  firstPollMs: 500,
  pollMs: 1_000,
  maxImageBytes: 32 * 1024 * 1024,
} as const

export interface PreviewTimers {
  readonly now: () => number
  readonly sleep: (ms: number) => Promise<void>
}

const realTimers: PreviewTimers = {
  now: Date.now,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
}

export interface PreprocessorPreviewDeps {
  readonly api: Pick<ApiClient, 'fetchImage'> & ToolCalls
  readonly inputImages: Pick<InputImages, 'resolve'>
  readonly imageCache: Pick<ImageCache, 'put'>
  readonly imageHost: Pick<InputImageHost, 'remove'>
  readonly profiles: Pick<ProfilesService, 'list' | 'resolveConnection'>
  readonly newTaskId: () => string
  readonly logger: Logger
  readonly timers?: PreviewTimers
  readonly limits?: Partial<typeof preprocessorPreviewLimits>
}

export interface PreprocessorPreviewRequest {
  readonly profileId?: string
  readonly source: ImageSource
  readonly preprocessor: string
  readonly options: InputOptions
}

/** The CNT preview's registry row (tool-rows.ts): its path, query path, body fields and output. */
const row = toolRegistry.cntPreview

/** Asks the row's query path until the completion rule says done or failed, within the deadline. */
async function waitForTool(
  deps: PreprocessorPreviewDeps,
  connection: ApiConnection,
  taskId: string,
): Promise<ToolAnswer> {
  const timers = deps.timers ?? realTimers
  const limits = { ...preprocessorPreviewLimits, ...deps.limits }
  const deadline = timers.now() + limits.deadlineMs
  let wait: number = limits.firstPollMs
  for (;;) {
    await timers.sleep(wait)
    const data = await deps.api.queryToolData(connection, toolQueryPath(row.toolCode), taskId)
    const read = readToolData(row.output, data)
    if (read.state !== 'pending') return read
    if (timers.now() >= deadline) {
      throw new AppError('timeout', 'The preprocessor preview took too long; try again later.', {
        taskId,
        waitedMs: limits.deadlineMs,
      })
    }
    wait = limits.pollMs
  }
}

/** Sends the row's body; the answer is read by the completion rule, as any tool's (§13 shows both shapes). */
async function runTool(
  deps: PreprocessorPreviewDeps,
  connection: ApiConnection,
  taskId: string,
  body: Record<string, unknown>,
): Promise<ToolAnswer> {
  const outcome = await deps.api.submitTool(connection, {
    path: toolPath(row.toolCode),
    taskId,
    body: { ...body, businessTaskId: taskId },
    queryPath: toolQueryPath(row.toolCode),
  })
  const answered = outcome.kind === 'answered' ? readToolData(row.output, outcome.data) : null
  return answered && answered.state !== 'pending' ? answered : waitForTool(deps, connection, taskId)
}

async function imageBytes(deps: PreprocessorPreviewDeps, url: string): Promise<Uint8Array> {
  if (url.startsWith('data:image/')) return Buffer.from(url.slice(url.indexOf(',') + 1), 'base64')
  const maxBytes = deps.limits?.maxImageBytes ?? preprocessorPreviewLimits.maxImageBytes
  return (await deps.api.fetchImage(url, { maxBytes })).bytes
}

/**
 * The CNT preview tool (§13), from its registry row like every tool: the image is resolved like a
 * control image (a local one is uploaded to the profile's storage, with the same consent), the
 * row's body is checked and sent, the answer read by the completion rule at once or through the
 * row's query path within a bounded wait; the extracted map is kept in the image cache and the
 * upload removed again. Nothing goes to the history: a preview is a look, not a task.
 */
export async function previewPreprocessor(
  deps: PreprocessorPreviewDeps,
  request: PreprocessorPreviewRequest,
): Promise<{ cacheKey: string; width: number; height: number }> {
  const profileId = request.profileId ?? (await deps.profiles.list()).activeProfileId
  const connection = await deps.profiles.resolveConnection(profileId)
  const resolved = await deps.inputImages.resolve(
    profileId,
    [{ role: 'control', source: request.source }],
    request.options,
  )
  try {
    const body = { sourceImage: resolved.inputs[0]?.url ?? '', preprocessor: request.preprocessor }
    checkToolBody(row, body)
    const taskId = deps.newTaskId()
    const read = await runTool(deps, connection, taskId, body)
    const output = read.state === 'done' ? read.output.images?.[0] : undefined
    if (!output) {
      throw new AppError('server', 'The service could not preview this preprocessor.', {
        taskId,
        ...(read.message ? { serviceMessage: read.message.slice(0, 300) } : {}),
      })
    }
    const bytes = await imageBytes(deps, output)
    const info = await readImageInfo(bytes).catch(() => {
      throw new AppError('protocol', 'The preview the service sent is not an image.', { taskId })
    })
    const cached = await deps.imageCache.put(bytes)
    return { cacheKey: cached.cacheKey, width: info.width, height: info.height }
  } finally {
    await releaseUploads(deps, profileId, resolved.inputs)
  }
}
