import { AppError, defaultBaseUrl, demoProfileId, sendsKeysInClear, type StorageConfig } from '#contract'
import type { SettingsData, StoredProfile } from '../settings/settings-schema'
import { normaliseBaseUrl, normaliseStorage, optionalName } from './profile-views'

/*
 * The profile changes as pure functions from one settings snapshot to the next; the service runs
 * them inside `settings.update`, so each is checked and saved atomically.
 */

export interface ProfileInput {
  readonly name?: string
  readonly baseUrl?: string
  readonly allowInsecureHttp?: boolean
  readonly defaultCheckpoint?: string
  readonly defaultVae?: string
}

export const maxProfiles = 50

export const builtInError = () =>
  new AppError('invalid_request', 'The demo profile is built in and cannot be changed that way.', {
    reason: 'built_in',
  })

/**
 * A plain http:// address on another machine would carry the keys in clear (SECURITY.md #27): the
 * profile must say explicitly that this is wanted (a trusted network, a TLS-terminating tunnel).
 */
function checkKeyTransport(profile: StoredProfile): StoredProfile {
  if (sendsKeysInClear(profile.baseUrl) && !profile.allowInsecureHttp) {
    throw new AppError(
      'invalid_request',
      'This http:// address would send the access keys unencrypted. Use https://, or allow unencrypted http for this profile.',
      { field: 'baseUrl', reason: 'insecure_http' },
    )
  }
  return profile
}

export function findProfile(data: SettingsData, id: string): StoredProfile {
  const found = data.profiles.find((profile) => profile.id === id)
  if (!found) throw new AppError('not_found', 'There is no such profile.', { profileId: id })
  return found
}

function checkNameFree(data: SettingsData, name: string, exceptId: string | null): void {
  const lower = name.toLowerCase()
  if (data.profiles.some((profile) => profile.id !== exceptId && profile.name.toLowerCase() === lower)) {
    throw new AppError('conflict', 'A profile with this name exists.', { reason: 'name_taken' })
  }
}

/** Applies the checkpoint/VAE fields that were given; an empty string clears one. */
function assetDefaults(
  input: ProfileInput,
  current: { defaultCheckpoint: string | null; defaultVae: string | null },
): { defaultCheckpoint: string | null; defaultVae: string | null } {
  return {
    defaultCheckpoint:
      input.defaultCheckpoint === undefined
        ? current.defaultCheckpoint
        : optionalName(input.defaultCheckpoint),
    defaultVae: input.defaultVae === undefined ? current.defaultVae : optionalName(input.defaultVae),
  }
}

export function addProfile(
  data: SettingsData,
  input: ProfileInput & { name: string },
  id: string,
  now: number,
): SettingsData {
  if (data.profiles.length >= maxProfiles) {
    throw new AppError('conflict', 'There are too many profiles.', { reason: 'too_many', max: maxProfiles })
  }
  const name = input.name.trim()
  checkNameFree(data, name, null)
  const profile = checkKeyTransport({
    id,
    name,
    baseUrl: normaliseBaseUrl(input.baseUrl ?? defaultBaseUrl),
    allowInsecureHttp: input.allowInsecureHttp ?? false,
    ...assetDefaults(input, { defaultCheckpoint: null, defaultVae: null }),
    createdAt: now,
    lastUsedAt: null,
    storage: null,
  })
  return { ...data, profiles: [...data.profiles, profile] }
}

/** The demo's name and address are not the user's to change; its default checkpoint/VAE are. */
export function editProfile(data: SettingsData, id: string, input: ProfileInput): SettingsData {
  if (id === demoProfileId) {
    if (input.name !== undefined || input.baseUrl !== undefined) throw builtInError()
    return { ...data, demo: { ...data.demo, ...assetDefaults(input, data.demo) } }
  }
  const profile = findProfile(data, id)
  if (input.name !== undefined) checkNameFree(data, input.name.trim(), id)
  const next = checkKeyTransport({
    ...profile,
    name: input.name?.trim() ?? profile.name,
    baseUrl: input.baseUrl === undefined ? profile.baseUrl : normaliseBaseUrl(input.baseUrl),
    allowInsecureHttp: input.allowInsecureHttp ?? profile.allowInsecureHttp,
    ...assetDefaults(input, profile),
  })
  return { ...data, profiles: data.profiles.map((p) => (p.id === id ? next : p)) }
}

/** The demo keeps its uploads in its own simulator, so only user profiles get storage. */
export function setProfileStorage(
  data: SettingsData,
  id: string,
  storage: StorageConfig | null,
): SettingsData {
  if (id === demoProfileId) throw builtInError()
  const next: StoredProfile = {
    ...findProfile(data, id),
    storage: storage === null ? null : normaliseStorage(storage),
  }
  return { ...data, profiles: data.profiles.map((p) => (p.id === id ? next : p)) }
}

export function removeProfile(data: SettingsData, id: string): SettingsData {
  return {
    ...data,
    profiles: data.profiles.filter((profile) => profile.id !== id),
    activeProfileId: data.activeProfileId === id ? demoProfileId : data.activeProfileId,
  }
}

export function markUsed(data: SettingsData, id: string, now: number): SettingsData {
  return id === demoProfileId
    ? { ...data, demo: { ...data.demo, lastUsedAt: now } }
    : { ...data, profiles: data.profiles.map((p) => (p.id === id ? { ...p, lastUsedAt: now } : p)) }
}

export function lastUsedAt(data: SettingsData, id: string): number | null {
  if (id === demoProfileId) return data.demo.lastUsedAt
  return data.profiles.find((profile) => profile.id === id)?.lastUsedAt ?? null
}
