import type { ApiClient } from '../api/api-types'
import { createCredentialsHandlers } from '../credentials/credentials-handlers'
import { createCredentialsService, type CredentialsService } from '../credentials/credentials-service'
import { createKeytarSecretStore } from '../credentials/keytar-secret-store'
import type { SecretStore } from '../credentials/secret-store'
import type { EventBus } from '../event-bus'
import type { Logger, SecretRedactor } from '../logger'
import { createSettingsHandlers } from '../settings/settings-handlers'
import { openSettingsStore, type SettingsStore } from '../settings/settings-store'
import { createProfilesHandlers } from './profiles-handlers'
import { createProfilesService, type DemoServer, type ProfilesService } from './profiles-service'

export interface ConnectionServicesDeps {
  readonly dataDir: string
  readonly logger: Logger
  readonly redactor: SecretRedactor
  readonly events: EventBus
  readonly api: ApiClient
  readonly startDemoServer: () => Promise<DemoServer>
  readonly clock?: () => number
  /** The keychain to use; the OS keychain through keytar by default. */
  readonly keychain?: SecretStore
  /** Keychain service name for the default keychain (tests isolate themselves with their own). */
  readonly keychainService?: string
}

export type ConnectionHandlers = ReturnType<typeof createSettingsHandlers> &
  ReturnType<typeof createProfilesHandlers> &
  ReturnType<typeof createCredentialsHandlers>

export interface ConnectionServices {
  readonly settings: SettingsStore
  readonly credentials: CredentialsService
  readonly profiles: ProfilesService
  readonly handlers: ConnectionHandlers
  close(): Promise<void>
}

/**
 * Settings file, keychain-backed credentials and connection profiles, composed once for the
 * composition root. Opening reads settings.json (a damaged one is kept aside, never replaced); the
 * keychain is touched only when keys are first needed.
 */
export async function createConnectionServices(deps: ConnectionServicesDeps): Promise<ConnectionServices> {
  const settings = await openSettingsStore({ dataDir: deps.dataDir, logger: deps.logger, clock: deps.clock })
  if (settings.status.state === 'recovered' || settings.status.state === 'unreadable') {
    deps.logger.warn('settings.started_with_defaults', { reason: settings.status.reason })
  }
  const keychain =
    deps.keychain ?? createKeytarSecretStore({ logger: deps.logger, service: deps.keychainService })
  const credentials = createCredentialsService({ keychain, redactor: deps.redactor, logger: deps.logger })
  const profiles = createProfilesService({
    settings,
    credentials,
    api: deps.api,
    startDemoServer: deps.startDemoServer,
    events: deps.events,
    logger: deps.logger,
    clock: deps.clock,
  })
  return {
    settings,
    credentials,
    profiles,
    handlers: {
      ...createSettingsHandlers({ settings }),
      ...createProfilesHandlers({ profiles }),
      ...createCredentialsHandlers({ credentials, profiles }),
    },
    async close() {
      await profiles.close()
      await settings.flush()
    },
  }
}
