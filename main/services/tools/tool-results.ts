import type { TaskImageRecord, TaskMedia, ToolOutput } from '#contract'
import type { ImageCache } from '../images/image-cache'
import type { Logger } from '../logger'
import type { MediaDownloader } from './media-download'
import { sniffMedia } from './media-sniff'
import type { MediaStore } from './media-store'
import { cleanText } from './untrusted-text'

export interface ToolResultDeps {
  readonly media: Pick<MediaDownloader, 'download'>
  readonly imageCache: Pick<ImageCache, 'put'>
  readonly mediaStore: Pick<MediaStore, 'put'>
  readonly logger: Logger
}

/** Where downloads may go and what must never be kept. */
export interface KeepContext {
  readonly taskId: string
  readonly secrets: readonly string[]
  /** The profile's own base URL is loopback/private, so its result links may be too (SECURITY.md #26). */
  readonly allowInternal: boolean
}

const errorCode = (error: unknown) => (error as { code?: unknown }).code ?? 'unknown'

const imageRecord = (url: string, cacheKey: string | null): TaskImageRecord => ({
  url,
  seed: null,
  status: null,
  auditPassed: null,
  auditLabels: [],
  cacheKey,
})

async function fetchOne(deps: ToolResultDeps, url: string, ctx: KeepContext) {
  if (url.startsWith('data:')) {
    const bytes = Buffer.from(url.slice(url.indexOf(',') + 1), 'base64')
    const sniffed = sniffMedia(bytes)
    return sniffed && { ...sniffed, bytes }
  }
  return deps.media.download(url, { allowInternal: ctx.allowInternal })
}

/** A tool's output with its text cleaned of secrets, and its images downloaded into the cache. */
export async function keepToolOutput(
  deps: ToolResultDeps,
  output: ToolOutput,
  ctx: KeepContext,
): Promise<{ output: ToolOutput; images: TaskImageRecord[] }> {
  const clean = (text: string) => cleanText(text, ctx.secrets)
  const images: TaskImageRecord[] = []
  for (const link of output.images ?? []) {
    const url = clean(link)
    let cacheKey: string | null = null
    try {
      const fetched = await fetchOne(deps, link, ctx)
      if (fetched?.type === 'image') cacheKey = (await deps.imageCache.put(fetched.bytes)).cacheKey
    } catch (error) {
      deps.logger.warn('tools.image_not_kept', { taskId: ctx.taskId, code: errorCode(error) })
    }
    images.push(imageRecord(url.startsWith('data:') ? 'data:' : url, cacheKey))
  }
  return {
    output: {
      ...(output.images ? { images: images.map((image) => image.url) } : {}),
      ...(output.faces ? { faces: output.faces } : {}),
      ...(output.caption !== undefined ? { caption: clean(output.caption) } : {}),
      ...(output.prompts ? { prompts: output.prompts.map(clean) } : {}),
      ...(output.style !== undefined ? { style: clean(output.style) } : {}),
    },
    images,
  }
}

/** Every whole-string http(s) URL in an answer, once each, at most `max`. */
export function mediaLinksIn(value: unknown, max = 32): string[] {
  const found = new Set<string>()
  const walk = (inner: unknown, depth: number) => {
    if (found.size >= max || depth > 12) return
    if (typeof inner === 'string') {
      const text = inner.trim()
      if (/^https?:\/\/\S+$/i.test(text) && text.length <= 4096) found.add(text)
    } else if (Array.isArray(inner)) inner.forEach((item) => walk(item, depth + 1))
    else if (typeof inner === 'object' && inner !== null)
      Object.values(inner).forEach((item) => walk(item, depth + 1))
  }
  walk(value, 0)
  return [...found].slice(0, max)
}

/**
 * A custom request's answer: every http(s) link downloaded under SECURITY.md #26's rules; what
 * sniffs as an image goes to the image cache (and `images`), video and audio to the media store.
 * Links that serve anything else are not kept.
 */
export async function keepAnswerMedia(
  deps: ToolResultDeps,
  answer: unknown,
  ctx: KeepContext,
): Promise<{ media: TaskMedia[]; images: TaskImageRecord[] }> {
  const media: TaskMedia[] = []
  const images: TaskImageRecord[] = []
  for (const link of mediaLinksIn(answer)) {
    const url = cleanText(link, ctx.secrets)
    try {
      const fetched = await deps.media.download(link, { allowInternal: ctx.allowInternal })
      const key =
        fetched.type === 'image'
          ? (await deps.imageCache.put(fetched.bytes)).cacheKey
          : await deps.mediaStore.put(fetched.bytes, fetched.extension)
      if (fetched.type === 'image') images.push(imageRecord(url, key))
      media.push({ url, type: fetched.type, key, mime: fetched.mime, bytes: fetched.bytes.length })
    } catch (error) {
      deps.logger.warn('tools.media_not_kept', { taskId: ctx.taskId, code: errorCode(error) })
    }
  }
  return { media, images }
}
