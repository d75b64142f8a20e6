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

/** Where the image will come from when a task runs. */
export const originText = (t: TFunction, image: PickedImage) => t(`sources.origin.${image.source.type}`)
