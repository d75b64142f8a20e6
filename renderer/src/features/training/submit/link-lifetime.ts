import { storageLimits, type Profile } from '#contract'

/** The 7-day maximum SigV4 presigned links allow, which a training job may ask for. */
export const longestLinkSeconds = storageLimits.urlExpirySeconds.max

/** How long the job's upload links will work: the 7-day maximum when asked, else the profile's own. */
export function linkLifetimeOf(profile: Profile | null, longLinks: boolean): number | null {
  if (profile === null || profile.storage === null) return null
  return longLinks ? longestLinkSeconds : profile.storage.urlExpirySeconds
}

/** A lifetime in the largest whole unit the screen names: days, hours or minutes. */
export function lifetimeParts(seconds: number): { unit: 'days' | 'hours' | 'minutes'; count: number } {
  if (seconds >= 86_400 && seconds % 86_400 === 0) return { unit: 'days', count: seconds / 86_400 }
  if (seconds >= 3600 && seconds % 3600 === 0) return { unit: 'hours', count: seconds / 3600 }
  return { unit: 'minutes', count: Math.round(seconds / 60) }
}
