import { AppError, type ImageSource, type InputOptions } from '#contract'
import type { ApiClient, ApiConnection, TaskSnapshot } from '../api/api-types'
import { toolCodes } from '../api/api-paths'
import type { ImageCache } from '../images/image-cache'
import { readImageInfo } from '../images/image-info'
import type { Logger } from '../logger'
import type { ProfilesService } from '../profiles/profiles-service'
import type { InputImageHost } from '../storage/image-host'
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
  readonly api: Pick<ApiClient, 'submitPreprocessorPreview' | 'queryToolTask' | 'fetchImage'>
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

async function waitForTool(
  deps: PreprocessorPreviewDeps,
  connection: ApiConnection,
  taskId: string,
): Promise<TaskSnapshot> {
  const timers = deps.timers ?? realTimers
  const limits = { ...preprocessorPreviewLimits, ...deps.limits }
  const deadline = timers.now() + limits.deadlineMs
  let wait: number = limits.firstPollMs
  for (;;) {
    await timers.sleep(wait)
    const snapshot = await deps.api.queryToolTask(connection, toolCodes.cntPreview, taskId)
    if (snapshot.state === 'succeeded' || snapshot.state === 'failed') return snapshot
    if (timers.now() >= deadline) {
      throw new AppError('timeout', 'The preprocessor preview took too long; try again later.', {
        taskId,
        waitedMs: limits.deadlineMs,
      })
    }
    wait = limits.pollMs
  }
}

async function imageBytes(deps: PreprocessorPreviewDeps, url: string): Promise<Uint8Array> {
  if (url.startsWith('data:image/')) return Buffer.from(url.slice(url.indexOf(',') + 1), 'base64')
  const maxBytes = deps.limits?.maxImageBytes ?? preprocessorPreviewLimits.maxImageBytes
  return (await deps.api.fetchImage(url, { maxBytes })).bytes
}

/**
 * The CNT preview tool (§13): sends the image (resolved like a control image, so a local one is
 * uploaded to the profile's storage) with the preprocessor, waits a bounded time for the tool
 * task, keeps the extracted map in the image cache and removes the upload again.
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
    const imageUrl = resolved.inputs[0]?.url ?? ''
    const taskId = deps.newTaskId()
    await deps.api.submitPreprocessorPreview(connection, taskId, {
      imageUrl,
      preprocessor: request.preprocessor,
    })
    const snapshot = await waitForTool(deps, connection, taskId)
    const output = snapshot.images[0]
    if (snapshot.state === 'failed' || !output) {
      throw new AppError('server', 'The service could not preview this preprocessor.', {
        taskId,
        ...(snapshot.description ? { serviceMessage: snapshot.description.slice(0, 300) } : {}),
      })
    }
    const bytes = await imageBytes(deps, output.url)
    const info = await readImageInfo(bytes).catch(() => {
      throw new AppError('protocol', 'The preview the service sent is not an image.', { taskId })
    })
    const cached = await deps.imageCache.put(bytes)
    return { cacheKey: cached.cacheKey, width: info.width, height: info.height }
  } finally {
    await releaseUploads(deps, profileId, resolved.inputs)
  }
}
