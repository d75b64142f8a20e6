import { queueLimitBounds } from '#contract'
import type { SettingsStore } from '../settings/settings-store'

/** Each profile's concurrency limit (issue 15 §3): the service's own limit is not documented. */
export interface QueueLimits {
  get(profileId: string): number
  set(profileId: string, limit: number): Promise<void>
}

/** The limits as settings.json keeps them; a profile the user never changed has the default, 2. */
export function settingsQueueLimits(settings: Pick<SettingsStore, 'read' | 'update'>): QueueLimits {
  return {
    get: (profileId) => settings.read().queueLimits[profileId] ?? queueLimitBounds.default,
    async set(profileId, limit) {
      await settings.update((data) => ({ ...data, queueLimits: { ...data.queueLimits, [profileId]: limit } }))
    },
  }
}
