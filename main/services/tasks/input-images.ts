import {
  AppError,
  isAppError,
  type ImageSource,
  type InputOptions,
  type TaskInput,
  type TaskInputRole,
} from '#contract'
import type { ApiClient, ImageUrlState } from '../api/api-types'
import type { HistoryStore } from '../history/history-store'
import type { ImageCache } from '../images/image-cache'
import { readImageInfo, type ImageInfo } from '../images/image-info'
import type { Logger } from '../logger'
import type { InputImageHost } from '../storage/image-host'
import { createInputCopies, noCopyReason, unavailable, type LocalCopy } from './input-copies'
import { inputImageLimits } from './input-limits'
import { prepareInputImage, type PixelSize } from './input-prepare'
import { createUploadSession, type UploadSession } from './input-session'

export interface InputImagesDeps {
  readonly api: Pick<ApiClient, 'checkImageUrl'>
  readonly imageCache: Pick<ImageCache, 'put' | 'read' | 'download'>
  readonly history: Pick<HistoryStore, 'get'>
  readonly imageHost: InputImageHost
  readonly logger: Logger
}

/** One input image of a request: where it comes from and what it is for. */
export interface InputRequest {
  readonly role: TaskInputRole
  /** The ControlNet unit a control image belongs to. */
  readonly unit?: number
  readonly source: ImageSource
}

export interface ResolvedInputs {
  /** In the order requested. */
  readonly inputs: TaskInput[]
  /** Removes what was uploaded for these inputs: the submit did not happen after all. */
  discard(): Promise<void>
}

/** The size a mask must have and the size to send it at: its source's. */
interface MaskTarget {
  readonly original: PixelSize | null
  readonly sent: PixelSize | null
}

interface Resolved {
  readonly input: TaskInput
  /** The image's own size before any resizing, when known. */
  readonly original: PixelSize | null
}

const sameSize = (a: PixelSize, b: PixelSize) => a.width === b.width && a.height === b.height

function checkMaskSize(info: ImageInfo | null, target: MaskTarget | undefined): void {
  const expected = target?.original
  if (!info || !expected || sameSize(info, expected)) return
  throw new AppError(
    'invalid_request',
    `The mask must have its source's size (${expected.width}×${expected.height}); it is ${info.width}×${info.height}.`,
    {
      field: 'mask',
      width: info.width,
      height: info.height,
      sourceWidth: expected.width,
      sourceHeight: expected.height,
    },
  )
}

const overLimits = (info: ImageInfo) =>
  Math.max(info.width, info.height) > inputImageLimits.maxSide || info.bytes > inputImageLimits.maxBytes

/**
 * The requests' input images, in the order they are resolved (a source before its mask). text2image
 * v3 has no base-image field, so there the base image is resolved (and uploaded) only when a unit
 * without its own image stands in for it.
 */
export function inputRequestsOf(request: {
  readonly source?: ImageSource
  readonly mask?: ImageSource
  readonly controlImages?: readonly (ImageSource | null)[]
  readonly endpoint?: string
}): InputRequest[] {
  const baseUnused =
    request.endpoint === 'text2image-v3' && (request.controlImages ?? []).every((image) => image !== null)
  return [
    ...(request.source && !baseUnused ? [{ role: 'source' as const, source: request.source }] : []),
    ...(request.mask ? [{ role: 'mask' as const, source: request.mask }] : []),
    ...(request.controlImages ?? []).flatMap((source, unit) =>
      source === null ? [] : [{ role: 'control' as const, unit, source }],
    ),
  ]
}

/**
 * Turns a request's image sources into links the service can fetch, in the order: an
 * earlier result while its URL still answers (else its cached copy is uploaded), a pasted URL
 * (kept, with a local copy downloaded for re-runs), or a cached image uploaded to the profile's
 * storage. Limits are checked (input-prepare.ts); a mask must match its source's size. If any
 * image fails, whatever was already uploaded is removed again.
 */
export function createInputImages(deps: InputImagesDeps) {
  const { logger } = deps
  const { readCached, copyOf } = createInputCopies(deps)

  const check = (url: string): Promise<ImageUrlState> =>
    deps.api.checkImageUrl(url).catch((error: unknown) => {
      if (isAppError(error) && error.code === 'cancelled') throw error
      return 'unreachable' as const
    })

  async function uploadCopy(
    session: UploadSession,
    request: InputRequest,
    copy: LocalCopy,
    options: InputOptions,
    mask?: MaskTarget,
  ): Promise<Resolved> {
    const info = await readImageInfo(copy.bytes)
    if (request.role === 'mask') checkMaskSize(info, mask)
    const image = await prepareInputImage(copy.bytes, {
      role: request.role,
      allowResize: options.allowResize,
      size: request.role === 'mask' ? (mask?.sent ?? undefined) : undefined,
    })
    return { input: await session.upload(request, image, copy.cacheKey), original: info }
  }

  /**
   * A mask sent by its link without a local copy: its size cannot be read here. If its source is
   * sent resized, the mask cannot follow, so it is refused; otherwise it goes unchecked, as logged.
   */
  function checkUncopiedMask(mask: MaskTarget | undefined): void {
    const { original, sent } = mask ?? { original: null, sent: null }
    if (original && sent && !sameSize(original, sent)) {
      throw new AppError(
        'invalid_request',
        `The mask must be sent at its source's new size (${sent.width}×${sent.height}), but it could not be downloaded here to resize it; add the mask as a file instead.`,
        { field: 'mask', reason: 'mask_not_copied', width: sent.width, height: sent.height },
      )
    }
    logger.warn('tasks.mask_size_unchecked', { reason: 'no_local_copy' })
  }

  /** A link the service can use as it is, unless a mask must follow its resized source. */
  async function linkOrUpload(
    session: UploadSession,
    request: InputRequest,
    link: { readonly origin: 'result' | 'url'; readonly url: string },
    copy: LocalCopy | null,
    options: InputOptions,
    mask?: MaskTarget,
  ): Promise<Resolved> {
    const info = copy ? await readImageInfo(copy.bytes).catch(() => null) : null
    if (request.role === 'mask') {
      if (copy === null) checkUncopiedMask(mask)
      checkMaskSize(info, mask)
    }
    const followSource = request.role === 'mask' && info && mask?.sent && !sameSize(info, mask.sent)
    // The service's own results are taken back as they are; a pasted image obeys the limits.
    const tooLarge = link.origin === 'url' && info !== null && overLimits(info)
    if (copy && (followSource || tooLarge)) return uploadCopy(session, request, copy, options, mask)
    const input: TaskInput = {
      role: request.role,
      ...(request.unit === undefined ? {} : { unit: request.unit }),
      origin: link.origin,
      url: link.url,
      urlExpiresAt: null,
      cacheKey: copy?.cacheKey ?? null,
      storageObject: null,
      keepUpload: false,
      sent: info ? { width: info.width, height: info.height, bytes: info.bytes } : null,
      resizedFrom: null,
    }
    return { input, original: info }
  }

  async function resolveOne(
    session: UploadSession,
    request: InputRequest,
    options: InputOptions,
    mask?: MaskTarget,
  ): Promise<Resolved> {
    const { source, role } = request
    if (source.type === 'cached') {
      return uploadCopy(session, request, await readCached(source.cacheKey, role), options, mask)
    }
    if (source.type === 'url') {
      const copy = await copyOf(source.url, role)
      return linkOrUpload(session, request, { origin: 'url', url: source.url }, copy, options, mask)
    }
    const task = deps.history.get(source.taskId)
    const image = task?.images[source.index]
    if (!image) throw unavailable(role, 'that result is not in the history.', { taskId: source.taskId })
    const copy = image.cacheKey === null ? null : await readCached(image.cacheKey, role).catch(() => null)
    if ((await check(image.url)) === 'valid') {
      return linkOrUpload(session, request, { origin: 'result', url: image.url }, copy, options, mask)
    }
    // The service's link expired: the copy kept at the time is uploaded instead.
    if (!copy) throw unavailable(role, 'its link expired and no copy was kept.', { taskId: source.taskId })
    return uploadCopy(session, request, copy, options, mask)
  }

  /** One input of a retry, as it is if its link answers, else uploaded again from its copy. */
  async function refreshOne(
    session: UploadSession,
    input: TaskInput,
    options: Pick<InputOptions, 'allowResize'>,
    sourceSent: PixelSize | null,
  ): Promise<TaskInput> {
    const followSource = input.role === 'mask' && sourceSent !== null
    const resized = followSource && input.sent !== null && !sameSize(input.sent, sourceSent)
    if (!resized && (await check(input.url)) === 'valid') return input
    if (input.cacheKey === null) throw unavailable(input.role, noCopyReason(input))
    const copy = await readCached(input.cacheKey, input.role)
    const image = await prepareInputImage(copy.bytes, {
      role: input.role,
      allowResize: options.allowResize,
      size: followSource ? sourceSent : undefined,
    })
    const uploaded = await session.upload(input, image, copy.cacheKey)
    // The first original stays the one recorded: the copy may itself be a resized one.
    return { ...uploaded, resizedFrom: input.resizedFrom ?? uploaded.resizedFrom }
  }

  return {
    /** Resolves every input image of a submit; nothing stays uploaded if one fails. */
    async resolve(
      profileId: string,
      requests: readonly InputRequest[],
      options: InputOptions,
    ): Promise<ResolvedInputs> {
      const session = createUploadSession(deps, profileId, options)
      try {
        const inputs: TaskInput[] = []
        let mask: MaskTarget | undefined
        for (const request of requests) {
          const resolved = await resolveOne(session, request, options, mask)
          if (request.role === 'source') mask = { original: resolved.original, sent: resolved.input.sent }
          inputs.push(resolved.input)
        }
        return { inputs, discard: () => session.discard() }
      } catch (error) {
        await session.discard()
        throw error
      }
    },

    /**
     * A retry's inputs: each link that still answers is kept; one that does not is replaced by an
     * upload of the local copy, resized when the submit allowed it (a 4096 px result whose link
     * expired, say). A mask follows its source's size as sent now, re-sent if that changed.
     */
    async refresh(
      profileId: string,
      inputs: readonly TaskInput[],
      options: Pick<InputOptions, 'allowResize'>,
    ): Promise<ResolvedInputs> {
      const session = createUploadSession(deps, profileId, {
        keepUploads: inputs.some((input) => input.keepUpload),
      })
      try {
        const refreshed: TaskInput[] = []
        let sourceSent: PixelSize | null = null
        for (const input of inputs) {
          const sent = await refreshOne(session, input, options, sourceSent)
          if (input.role === 'source') sourceSent = sent.sent
          refreshed.push(sent)
        }
        return { inputs: refreshed, discard: () => session.discard() }
      } catch (error) {
        await session.discard()
        throw error
      }
    },
  }
}

export type InputImages = ReturnType<typeof createInputImages>
