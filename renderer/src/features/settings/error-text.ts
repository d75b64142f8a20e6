import type { TFunction } from 'i18next'
import type { ErrorShape, KeychainPlatform, KeychainProblem } from '#contract'

type KeychainCode = KeychainProblem['code']
const isKeychainCode = (code: ErrorShape['code']): code is KeychainCode =>
  code === 'keychain_unavailable' || code === 'keychain_locked' || code === 'keys_needed'

/** The localised "how to fix it" for a keychain problem on the user's platform. */
export function keychainFixText(t: TFunction, problem: KeychainProblem, platform: KeychainPlatform): string {
  return t([
    `settings.keychain.fix.${platform}.${problem.reason}`,
    `settings.keychain.fix.${platform}.other`,
    'settings.keychain.fix.other.other',
  ])
}

const detail = (error: ErrorShape, key: string): string | null => {
  const value = error.details?.[key]
  return typeof value === 'string' ? value : null
}

/** Storage reasons with a sentence of their own; others fall back to the code's message. */
const storageReasons = new Set([
  'no_such_bucket',
  'wrong_region',
  'connection_refused',
  'connection_reset',
  'host_not_found',
  'host_unreachable',
  'timeout',
  'tls',
  'server_error',
  'link_refused',
  'link_mismatch',
])

/** The image storage's failures, naming the bucket and host main reported (never a key). */
function storageErrorText(t: TFunction, error: ErrorShape, reason: string | null): string | null {
  if (error.code === 'keys_needed' && detail(error, 'which') === 'storage' && reason === 'missing')
    return t('settings.storage.errors.keysNeeded')
  if (error.code !== 'image_storage_unreachable' || reason === null || !storageReasons.has(reason))
    return null
  const place = { bucket: detail(error, 'bucket') ?? '', host: detail(error, 'endpoint') ?? '' }
  return t(`settings.storage.reason.${reason}`, place)
}

/**
 * A failure in the user's language: main's message is English, so the renderer builds its own text
 * from `code` and `details.reason` (and, for the keychain, the platform's fix).
 */
export function errorText(t: TFunction, error: ErrorShape): string {
  const reason = detail(error, 'reason')
  const storage = storageErrorText(t, error, reason)
  if (storage !== null) return storage
  if (isKeychainCode(error.code) && reason && reason !== 'missing') {
    const problem = t(`settings.keychain.problem.${reason}`, { defaultValue: t(`errors.${error.code}`) })
    const platform = detail(error, 'platform')
    const knownPlatform =
      platform === 'linux' || platform === 'darwin' || platform === 'win32' || platform === 'other'
    if (knownPlatform && reason !== 'unreadable') {
      const fix = keychainFixText(
        t,
        { code: error.code, reason: reason as KeychainProblem['reason'] },
        platform,
      )
      return `${problem} ${fix}`
    }
    return problem
  }
  if (error.code === 'conflict' && reason === 'name_taken') return t('settings.errors.nameTaken')
  if (error.code === 'conflict' && reason === 'too_many') return t('settings.errors.tooMany')
  if (error.code === 'invalid_request' && reason === 'built_in') return t('settings.errors.builtIn')
  if (error.code === 'invalid_request' && reason === 'insecure_http') return t('settings.errors.insecureHttp')
  return t(`errors.${error.code}`)
}
