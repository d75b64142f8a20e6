import type { TFunction } from 'i18next'
import type { StorageConfig } from '#contract'

/** "1 hour", "90 minutes", "7 days": the largest unit the lifetime is a whole number of. */
export function durationText(t: TFunction, seconds: number): string {
  if (seconds % 86_400 === 0) return t('settings.storage.duration.days', { count: seconds / 86_400 })
  if (seconds % 3_600 === 0) return t('settings.storage.duration.hours', { count: seconds / 3_600 })
  return t('settings.storage.duration.minutes', { count: Math.round(seconds / 60) })
}

/** The host uploads go to: the endpoint's, or AWS's own for the region. */
export function storageHost(config: StorageConfig): string {
  if (config.endpoint === undefined) return `s3.${config.region}.amazonaws.com`
  try {
    return new URL(config.endpoint).host
  } catch {
    return config.endpoint
  }
}

/** One plain sentence of where local images go, how long their links last and when they are deleted. */
export function storageSummary(t: TFunction, config: StorageConfig): string {
  const cleanup = t(config.keepUploads ? 'settings.storage.summary.kept' : 'settings.storage.summary.deleted')
  const where = { bucket: config.bucket, host: storageHost(config), prefix: config.prefix }
  const duration = durationText(t, config.urlExpirySeconds)
  return config.prefix === ''
    ? t('settings.storage.summary.atRoot', { ...where, duration, cleanup })
    : t('settings.storage.summary.underPrefix', { ...where, duration, cleanup })
}
