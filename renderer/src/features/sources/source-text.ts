import type { TFunction } from 'i18next'
import type { PickedImage } from './picked-image'
import { maxImportBytes } from './read-image-file'
import type { PickState } from './use-image-source'

const megabytes = (bytes: number) => Math.floor(bytes / (1024 * 1024))

/** What the picker is doing, for its status line; null when idle or failed. */
export function progressText(t: TFunction, state: PickState): string | null {
  if (state.status === 'reading') {
    return t('sources.status.reading', { file: state.file, percent: Math.round(state.fraction * 100) })
  }
  if (state.status === 'importing') return t('sources.status.importing', { file: state.file })
  if (state.status === 'loading') return t('sources.status.loading', { file: state.file })
  return null
}

/** Why the last pick failed, in the user's language (main's own messages are English). */
export function failureText(t: TFunction, state: Extract<PickState, { status: 'failed' }>): string {
  const values = { file: state.file, limit: megabytes(maxImportBytes) }
  if (state.reason !== 'import_failed') return t(`sources.errors.${state.reason}`, values)
  return t('sources.errors.import_failed', { ...values, reason: t(`errors.${state.code ?? 'internal'}`) })
}

/** "1024 × 768 px", or null while the size is unknown (a link). */
export function sizeText(t: TFunction, image: PickedImage): string | null {
  if (image.width === null || image.height === null) return null
  return t('sources.size', { width: image.width, height: image.height })
}

/**
 * Why an image has no preview, or null when it has one. A link says so in its origin text; a
 * result or a restored image lacks the local copy the app shows (and the mask painter needs).
 */
export function noPreviewText(t: TFunction, image: PickedImage): string | null {
  if (image.previewUrl !== null || image.source.type === 'url') return null
  return t(`sources.noPreviewReason.${image.source.type}`)
}

/** Where the image will come from when a task runs. */
export const originText = (t: TFunction, image: PickedImage) => t(`sources.origin.${image.source.type}`)
