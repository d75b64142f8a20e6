import type { TFunction } from 'i18next'
import type { Profile } from '#contract'

/** The demo profile's name is the app's to translate; user profiles keep the name they were given. */
export const profileName = (t: TFunction, profile: Profile): string =>
  profile.kind === 'demo' ? t('settings.profiles.demoName') : profile.name

export function lastUsedText(t: TFunction, language: string, profile: Profile): string {
  if (profile.lastUsedAt === null) return t('settings.profiles.neverUsed')
  const date = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(
    profile.lastUsedAt,
  )
  return t('settings.profiles.lastUsed', { date })
}
