import {
  AppError,
  checkBaseUrl,
  demoProfileId,
  type KeysStatus,
  type Profile,
  type StorageConfig,
} from '#contract'
import type { SettingsData, StoredProfile } from '../settings/settings-schema'

/** The demo profile's name in main (CLI, logs); the renderer shows its own translation. */
export const demoProfileName = 'Demo (offline simulator)'

/**
 * The demo's checkpoint until the user picks another in Settings: one the simulator lists
 * (sim-assets.ts), so a fresh install generates on the first Ctrl+Enter.
 */
export const demoDefaultCheckpoint = 'dreamshaper_8_128713.safetensors'

const noKeysRequired: KeysStatus = {
  required: false,
  set: false,
  store: null,
  keyIdLast4: null,
  problem: null,
}

export function demoProfileView(data: SettingsData): Profile {
  return {
    id: demoProfileId,
    kind: 'demo',
    name: demoProfileName,
    baseUrl: null,
    allowInsecureHttp: false,
    defaultCheckpoint: data.demo.defaultCheckpoint ?? demoDefaultCheckpoint,
    defaultVae: data.demo.defaultVae,
    createdAt: 0,
    lastUsedAt: data.demo.lastUsedAt,
    active: data.activeProfileId === demoProfileId,
    keys: noKeysRequired,
    storage: null,
    storageKeys: noKeysRequired,
  }
}

/** A remote profile as the renderer sees it; both key statuses come from the credentials service. */
export function toProfileView(
  profile: StoredProfile,
  activeProfileId: string,
  keys: KeysStatus,
  storageKeys: KeysStatus,
): Profile {
  return {
    id: profile.id,
    kind: 'remote',
    name: profile.name,
    baseUrl: profile.baseUrl,
    allowInsecureHttp: profile.allowInsecureHttp,
    defaultCheckpoint: profile.defaultCheckpoint,
    defaultVae: profile.defaultVae,
    createdAt: profile.createdAt,
    lastUsedAt: profile.lastUsedAt,
    active: profile.id === activeProfileId,
    keys,
    storage: profile.storage,
    // Storage keys matter only once there is storage to use them with.
    storageKeys: { ...storageKeys, required: profile.storage !== null },
  }
}

/** `https://Host:443/x/` → `https://host/x`: API paths are appended, so no trailing slash. */
export function normaliseBaseUrl(text: string): string {
  const problem = checkBaseUrl(text.trim())
  if (problem !== 'ok')
    throw new AppError('invalid_request', 'The base URL is not valid.', { reason: problem })
  const url = new URL(text.trim())
  const path = url.pathname.replace(/\/+$/, '')
  return `${url.protocol}//${url.host}${path}`
}

/** The endpoint without a trailing slash (the SDK appends bucket and key paths); no endpoint = AWS. */
export function normaliseStorage(storage: StorageConfig): StorageConfig {
  const { endpoint, ...rest } = storage
  const trimmed = endpoint?.trim().replace(/\/+$/, '') ?? ''
  return trimmed === '' ? rest : { ...rest, endpoint: trimmed }
}

/** Empty or blank means "no default". */
export const optionalName = (value: string | undefined): string | null => {
  const trimmed = value?.trim() ?? ''
  return trimmed === '' ? null : trimmed
}
