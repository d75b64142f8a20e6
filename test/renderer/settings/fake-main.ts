import type { ErrorShape, KeychainStatus, KeysStatus, Profile, SettingsFileStatus } from '#contract'
import { AppError, storageConfigSchema } from '#contract'
import { demoProfile } from '../../support/demo-profile'
import { createInProcessMain, type TestHandler, type TestHandlers } from '../../support/in-process-main'

type Answer = (input: Record<string, unknown>) => unknown

const noKeys: KeysStatus = { required: true, set: false, store: null, keyIdLast4: null, problem: null }

/** Thrown by a stand-in to fail with this error shape, as a service's AppError would. */
export class Failure extends AppError {
  constructor(readonly error: ErrorShape) {
    super(error.code, error.message, error.details)
  }
}

/**
 * A small stand-in for main's settings/profiles/credentials procedures, enough for the screen to
 * be driven like the real thing, served through the real dispatcher (so inputs and answers are
 * checked against the contract); `calls` records what the screen sent, `override` scripts failures.
 */
export function createFakeMain(options: { keychain?: KeychainStatus; file?: SettingsFileStatus } = {}) {
  const profiles: Profile[] = [{ ...demoProfile }]
  let activeProfileId = 'demo'
  const calls: { method: string; input: Record<string, unknown> }[] = []
  const keychain: KeychainStatus = options.keychain ?? {
    state: 'ready',
    newKeysGoTo: 'keychain',
    problem: null,
    platform: 'linux',
  }
  const file: SettingsFileStatus = options.file ?? {
    state: 'ok',
    reason: null,
    keptAside: null,
    writable: true,
  }
  const find = (id: unknown) => {
    const profile = profiles.find((p) => p.id === id)
    if (!profile) throw new Failure({ code: 'not_found', message: 'There is no such profile.' })
    return profile
  }
  const listed = () => ({
    profiles: profiles.map((p) => ({ ...p, active: p.id === activeProfileId })),
    activeProfileId,
  })

  const answers: Record<string, Answer> = {
    'settings.get': () => ({ file, path: '/data/settings.json' }),
    'profiles.list': listed,
    'credentials.checkKeychain': () => keychain,
    'profiles.create': (input) => {
      const profile: Profile = {
        ...demoProfile,
        id: `p${profiles.length}`,
        kind: 'remote',
        name: String(input.name),
        baseUrl: String(input.baseUrl ?? 'https://api.zhiqite.com'),
        allowInsecureHttp: input.allowInsecureHttp === true,
        active: false,
        keys: noKeys,
        storage: null,
        storageKeys: { ...noKeys, required: false },
      }
      profiles.push(profile)
      return profile
    },
    'profiles.update': (input) => Object.assign(find(input.id), input),
    'profiles.delete': (input) => {
      profiles.splice(profiles.indexOf(find(input.id)), 1)
      if (activeProfileId === input.id) activeProfileId = 'demo'
      return { activeProfileId }
    },
    'profiles.setActive': (input) => {
      activeProfileId = find(input.id).id
      return { activeProfileId }
    },
    'profiles.testConnection': () => ({ modelCount: 3 }),
    'credentials.set': (input) => {
      const store = input.sessionOnly || keychain.newKeysGoTo === 'session' ? 'session' : 'keychain'
      const keys: KeysStatus = {
        ...noKeys,
        set: true,
        store,
        keyIdLast4: String(input.accessKeyId).slice(-4),
      }
      find(input.profileId).keys = keys
      return keys
    },
    'credentials.clear': (input) => {
      find(input.profileId).keys = noKeys
      return noKeys
    },
    'profiles.setStorage': (input) => {
      const profile = find(input.id)
      const storage = input.storage === null ? null : storageConfigSchema.parse(input.storage)
      profile.storage = storage
      profile.storageKeys = { ...profile.storageKeys, required: storage !== null }
      return profile
    },
    'profiles.testStorage': (input) => ({
      bucket: find(input.id).storage?.bucket ?? '',
      objectKey: 'img-open-workbench/2026-01-02/0123456789abcdef-0011223344556677.png',
    }),
    'credentials.setStorageKeys': (input) => {
      const profile = find(input.profileId)
      profile.storageKeys = {
        required: profile.storage !== null,
        set: true,
        store: input.sessionOnly ? 'session' : 'keychain',
        keyIdLast4: String(input.accessKeyId).slice(-4),
        problem: null,
      }
      return profile.storageKeys
    },
    'cli.installCommand': () => ({ outcome: 'unavailable', reason: 'notPackaged' }),
    'credentials.clearStorageKeys': (input) => {
      const profile = find(input.profileId)
      profile.storageKeys = { ...noKeys, required: profile.storage !== null }
      return profile.storageKeys
    },
  }

  const main = createInProcessMain(answers as TestHandlers, {
    onCall: ({ method, input }) => calls.push({ method, input: (input ?? {}) as Record<string, unknown> }),
  })

  return {
    transport: main.transport,
    calls,
    /** Makes `method` answer with `answer` (throw a Failure to fail) until cleared. */
    override(method: string, answer: Answer | null) {
      main.override(method, answer as TestHandler | null)
    },
  }
}

export type FakeMain = ReturnType<typeof createFakeMain>
