import type { ApiClient } from '../api/api-types'
import type { Logger } from '../logger'

/** An intermediate image is small; anything larger is not worth holding up progress for. */
const maxPreviewBytes = 4 * 1024 * 1024

export interface PreviewInliner {
  /** The preview as a data: URL (the renderer's CSP allows no remote images), or null. */
  inline(taskId: string, preview: string | null): Promise<string | null>
  forget(taskId: string): void
}

/**
 * Turns a remote intermediate image into a data: URL, fetching each distinct URL once per task.
 * A preview that cannot be fetched is simply not shown: progress goes on without it.
 */
export function createPreviewInliner(api: Pick<ApiClient, 'fetchImage'>, logger: Logger): PreviewInliner {
  const last = new Map<string, { url: string; dataUrl: string | null }>()
  return {
    async inline(taskId, preview) {
      if (preview === null || preview.startsWith('data:image/')) return preview
      if (!/^https?:\/\//.test(preview)) return null
      const known = last.get(taskId)
      if (known?.url === preview) return known.dataUrl
      let dataUrl: string | null = null
      try {
        const image = await api.fetchImage(preview, { maxBytes: maxPreviewBytes })
        const type = image.contentType?.startsWith('image/') ? image.contentType : 'image/png'
        dataUrl = `data:${type};base64,${Buffer.from(image.bytes).toString('base64')}`
      } catch (error) {
        logger.debug('tasks.preview_not_fetched', {
          taskId,
          code: (error as { code?: unknown }).code ?? 'unknown',
        })
      }
      last.set(taskId, { url: preview, dataUrl })
      return dataUrl
    },
    forget: (taskId) => void last.delete(taskId),
  }
}
