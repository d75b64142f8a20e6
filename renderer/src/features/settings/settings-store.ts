import { create } from 'zustand'
import type { ErrorShape, KeychainStatus, Profile, SettingsFileStatus } from '#contract'
import { BridgeError, type Client } from '../../bridge'

/** The last connection test of a profile, as the screen shows it. */
export type TestResult =
  | { readonly state: 'running' }
  | { readonly state: 'ok'; readonly modelCount: number }
  | { readonly state: 'failed'; readonly error: ErrorShape }

/** The last storage test of a profile: the probe went up, came back by its link and was deleted. */
export type StorageTestResult =
  | { readonly state: 'running' }
  | { readonly state: 'ok'; readonly bucket: string; readonly objectKey: string }
  | { readonly state: 'failed'; readonly error: ErrorShape }

/** `'new'` selects the form for a profile that does not exist yet. */
export type Selection = string | 'new' | null

interface SettingsState {
  /** Domain data lives in main; this is the last answer, reloaded on `profiles.changed`. */
  readonly profiles: readonly Profile[]
  readonly activeProfileId: string | null
  readonly keychain: KeychainStatus | null
  readonly file: SettingsFileStatus | null
  readonly fileNoticeDismissed: boolean
  readonly selected: Selection
  readonly loadError: ErrorShape | null
  readonly tests: Readonly<Record<string, TestResult>>
  readonly storageTests: Readonly<Record<string, StorageTestResult>>
  load(client: Client): Promise<void>
  reloadProfiles(client: Client): Promise<void>
  checkKeychain(client: Client, recheck: boolean): Promise<void>
  testConnection(client: Client, profileId: string): Promise<void>
  testStorage(client: Client, profileId: string): Promise<void>
  /** Forget a storage test's result (its settings changed, so it no longer says anything). */
  clearStorageTest(profileId: string): void
  select(selection: Selection): void
  dismissFileNotice(): void
}

/** Any failure as the one error shape main answers with. */
export const toErrorShape = (error: unknown): ErrorShape =>
  error instanceof BridgeError ? error.shape : { code: 'internal', message: String(error) }

export const useSettingsStore = create<SettingsState>()((set, get) => ({
  profiles: [],
  activeProfileId: null,
  keychain: null,
  file: null,
  fileNoticeDismissed: false,
  selected: null,
  loadError: null,
  tests: {},
  storageTests: {},

  async load(client) {
    try {
      const [settings] = await Promise.all([client.call('settings.get', {}), get().reloadProfiles(client)])
      set({ file: settings.file })
    } catch (error) {
      set({ loadError: toErrorShape(error) })
    }
    await get().checkKeychain(client, false)
  },

  async reloadProfiles(client) {
    const { profiles, activeProfileId } = await client.call('profiles.list', {})
    const selected = get().selected
    const stillThere = selected === 'new' || profiles.some((profile) => profile.id === selected)
    set({
      profiles,
      activeProfileId,
      loadError: null,
      selected: stillThere ? selected : activeProfileId,
    })
  },

  async checkKeychain(client, recheck) {
    try {
      set({ keychain: await client.call('credentials.checkKeychain', { recheck }) })
    } catch (error) {
      set({ loadError: toErrorShape(error) })
    }
  },

  async testConnection(client, profileId) {
    const record = (result: TestResult) => set({ tests: { ...get().tests, [profileId]: result } })
    record({ state: 'running' })
    try {
      const { modelCount } = await client.call('profiles.testConnection', { id: profileId })
      record({ state: 'ok', modelCount })
    } catch (error) {
      record({ state: 'failed', error: toErrorShape(error) })
    }
  },

  async testStorage(client, profileId) {
    const record = (result: StorageTestResult) =>
      set({ storageTests: { ...get().storageTests, [profileId]: result } })
    record({ state: 'running' })
    try {
      const { bucket, objectKey } = await client.call('profiles.testStorage', { id: profileId })
      record({ state: 'ok', bucket, objectKey })
    } catch (error) {
      record({ state: 'failed', error: toErrorShape(error) })
    }
  },

  clearStorageTest(profileId) {
    const rest = { ...get().storageTests }
    delete rest[profileId]
    set({ storageTests: rest })
  },

  select: (selected) => set({ selected }),
  dismissFileNotice: () => set({ fileNoticeDismissed: true }),
}))

export const selectProfiles = (state: SettingsState) => state.profiles
export const selectActiveProfileId = (state: SettingsState) => state.activeProfileId
export const selectKeychain = (state: SettingsState) => state.keychain
export const selectSelection = (state: SettingsState) => state.selected
export const selectLoadError = (state: SettingsState) => state.loadError
export const selectSelectedProfile = (state: SettingsState): Profile | null =>
  state.profiles.find((profile) => profile.id === state.selected) ?? null
export const selectFileNotice = (state: SettingsState): SettingsFileStatus | null =>
  state.file && state.file.state !== 'ok' && state.file.state !== 'new' && !state.fileNoticeDismissed
    ? state.file
    : null
export const selectTest = (profileId: string) => (state: SettingsState) => state.tests[profileId] ?? null
export const selectStorageTest = (profileId: string) => (state: SettingsState) =>
  state.storageTests[profileId] ?? null
