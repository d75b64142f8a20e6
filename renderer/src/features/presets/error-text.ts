import type { TFunction } from 'i18next'
import type { ErrorShape } from '#contract'

const knownReasons = new Set([
  'not_json',
  'not_a_library',
  'unsupported_version',
  'too_many',
  'csv_unreadable',
  'csv_missing_columns',
  'no_client',
  'too_large',
])

/**
 * A failure in the user's language. Main's messages are English, so the text is built from the
 * code and `details`; an import rejected for one entry names its list, index and field.
 */
export function presetErrorText(t: TFunction, error: ErrorShape): string {
  const details = error.details ?? {}
  const reason = typeof details.reason === 'string' ? details.reason : null
  if (reason === 'invalid_entry') {
    return t('presets.errors.invalidEntry', {
      section: String(details.section ?? 'presets'),
      index: Number(details.index ?? 0),
      field: String(details.field ?? ''),
    })
  }
  if (reason && knownReasons.has(reason)) return t(`presets.errors.${reason}`)
  return t(`errors.${error.code}`)
}
