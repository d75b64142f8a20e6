import { randomUUID } from 'node:crypto'
import { AppError, demoProfileId, type Profile, type StorageConfig } from '#contract'
import type { ApiClient, ApiConnection } from '../api/api-types'
import type { CredentialsService } from '../credentials/credentials-service'
import type { EventBus } from '../event-bus'
import type { Logger } from '../logger'
import type { SettingsData } from '../settings/settings-schema'
import type { SettingsStore } from '../settings/settings-store'
import {
  addProfile,
  builtInError,
  editProfile,
  findProfile,
  lastUsedAt,
  markUsed,
  removeProfile,
  setProfileStorage,
  type ProfileInput,
} from './profile-edits'
import { demoProfileView, toProfileView } from './profile-views'

export type { ProfileInput } from './profile-edits'

/** The in-process simulator the demo profile talks to (main/simulator), started on first use. */
export interface DemoServer {
  readonly url: string
  close(): Promise<void>
}

export interface ProfilesServiceDeps {
  readonly settings: SettingsStore
  readonly credentials: CredentialsService
  readonly api: ApiClient
  readonly startDemoServer: () => Promise<DemoServer>
  readonly events: EventBus
  readonly logger: Logger
  readonly clock?: () => number
}

export interface ProfilesService {
  list(): Promise<{ profiles: Profile[]; activeProfileId: string }>
  get(id: string): Promise<Profile>
  /** Whether a profile with this id exists (the demo always does). */
  has(id: string): boolean
  create(input: ProfileInput & { name: string }): Promise<Profile>
  update(id: string, input: ProfileInput): Promise<Profile>
  /** Deletes the profile and its keychain entry; the active profile falls back to the demo. */
  remove(id: string): Promise<string>
  setActive(id: string): Promise<string>
  /** Sets (or with null removes) where the profile uploads local input images; not for the demo. */
  setStorage(id: string, storage: StorageConfig | null): Promise<Profile>
  testConnection(id: string): Promise<{ modelCount: number }>
  /**
   * Where and as whom an API call goes, read at call time: the one way keys leave this module,
   * straight into the API client. `keys_needed` when a profile has none usable.
   */
  resolveConnection(profileId?: string): Promise<ApiConnection>
  /** Tell every window that profiles changed (keys set or cleared, for instance). */
  announce(): void
  close(): Promise<void>
}

/** lastUsedAt is for display ("used 3 days ago"); refreshing it on every poll would churn the file. */
const lastUsedResolutionMs = 10 * 60 * 1000

export function createProfilesService(deps: ProfilesServiceDeps): ProfilesService {
  const { settings, credentials, logger } = deps
  const clock = deps.clock ?? Date.now
  const demo = createDemoStarter(deps.startDemoServer, logger)

  const view = async (data: SettingsData, id: string): Promise<Profile> => {
    if (id === demoProfileId) return demoProfileView(data)
    const [keys, storageKeys] = await Promise.all([credentials.status(id), credentials.status(id, 'storage')])
    return toProfileView(findProfile(data, id), data.activeProfileId, keys, storageKeys)
  }
  const announce = () =>
    deps.events.emit('profiles.changed', { activeProfileId: settings.read().activeProfileId })
  const touch = (id: string) => {
    const last = lastUsedAt(settings.read(), id)
    if (last !== null && clock() - last < lastUsedResolutionMs) return
    const now = clock()
    settings
      .update((current) => markUsed(current, id, now))
      .catch(() => logger.warn('profiles.touch_failed', { profileId: id }))
  }

  const resolveConnection = async (profileId?: string): Promise<ApiConnection> => {
    const id = profileId ?? settings.read().activeProfileId
    if (id === demoProfileId) {
      const server = await demo.get()
      touch(id)
      return { baseUrl: server.url, auth: null }
    }
    const profile = findProfile(settings.read(), id)
    const keys = await credentials.read(id)
    touch(id)
    return { baseUrl: profile.baseUrl, auth: keys, allowInsecureHttp: profile.allowInsecureHttp }
  }

  return {
    async list() {
      const data = settings.read()
      const ids = [demoProfileId, ...data.profiles.map((p) => p.id)]
      return {
        profiles: await Promise.all(ids.map((id) => view(data, id))),
        activeProfileId: data.activeProfileId,
      }
    },
    get: async (id) => view(settings.read(), id),
    has: (id) => id === demoProfileId || settings.read().profiles.some((profile) => profile.id === id),

    async create(input) {
      const id = randomUUID()
      await settings.update((current) => addProfile(current, input, id, clock()))
      logger.info('profiles.created', { profileId: id })
      announce()
      return view(settings.read(), id)
    },

    async update(id, input) {
      await settings.update((current) => editProfile(current, id, input))
      announce()
      return view(settings.read(), id)
    },

    async remove(id) {
      if (id === demoProfileId) throw builtInError()
      findProfile(settings.read(), id)
      // Keys first: if the keychain refuses (locked), the profile stays and the user can retry.
      await credentials.clear(id)
      await credentials.clear(id, 'storage')
      const data = await settings.update((current) => removeProfile(current, id))
      logger.info('profiles.deleted', { profileId: id })
      announce()
      return data.activeProfileId
    },

    async setActive(id) {
      if (id !== demoProfileId) findProfile(settings.read(), id)
      const now = clock()
      const data = await settings.update((current) => markUsed({ ...current, activeProfileId: id }, id, now))
      announce()
      return data.activeProfileId
    },

    async setStorage(id, storage) {
      await settings.update((current) => setProfileStorage(current, id, storage))
      logger.info('profiles.storage_set', { profileId: id, configured: storage !== null })
      announce()
      return view(settings.read(), id)
    },

    async testConnection(id) {
      const connection = await resolveConnection(id)
      const page = await deps.api.listAssets(connection, 'checkpoint', { pageNum: 1, pageSize: 1 })
      logger.info('profiles.tested', { profileId: id, models: page.total })
      return { modelCount: page.total }
    },

    resolveConnection,
    announce,
    close: () => demo.close(),
  }
}

/** Starts the demo simulator once, on first use; a failed start is retried on the next use. */
function createDemoStarter(start: () => Promise<DemoServer>, logger: Logger) {
  let running: Promise<DemoServer> | null = null
  return {
    get(): Promise<DemoServer> {
      running ??= start().catch((error: unknown) => {
        running = null
        logger.error('profiles.demo_start_failed', { error: error instanceof Error ? error.name : 'unknown' })
        throw new AppError('internal', 'The offline simulator could not start.', { reason: 'simulator' })
      })
      return running
    },
    async close(): Promise<void> {
      const current = running
      running = null
      if (current) await current.then((server) => server.close()).catch(() => undefined)
    },
  }
}
