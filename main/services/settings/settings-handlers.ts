import type { Handlers } from '#contract'
import type { SettingsStore } from './settings-store'

export interface SettingsHandlersDeps {
  readonly settings: SettingsStore
}

export function createSettingsHandlers({ settings }: SettingsHandlersDeps): Pick<Handlers, 'settings.get'> {
  return {
    'settings.get': () => ({ file: settings.status, path: settings.path }),
  }
}
