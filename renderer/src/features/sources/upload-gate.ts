import type { Profile, StorageConfig } from '#contract'
import { BridgeError, type Client } from '../../bridge'

/**
 * What a request may send to the profile's storage. `local`: local bytes (a picked file, a
 * clipboard image, a restored input, a painted mask). `fallback`: only earlier results, which the
 * service fetches by their links, unless a link has expired and main uploads the kept copy
 * instead. `none`: pasted links only, or no images.
 */
export type ImageUploads = 'local' | 'fallback' | 'none'

/**
 * Where uploads land, as the confirmation dialog shows it: endpoint, region, bucket and prefix.
 * A consent is kept under this key, so changing any of them asks again.
 */
export const uploadDestinationKey = (profileId: string, storage: StorageConfig) =>
  JSON.stringify([profileId, storage.endpoint ?? null, storage.region, storage.bucket, storage.prefix])

/** What has to happen before images may leave the machine for this profile. */
export type UploadGate =
  | { readonly kind: 'open'; readonly profile: Profile; readonly keepUploadsDefault: boolean }
  | { readonly kind: 'needsStorage'; readonly profile: Profile }
  | { readonly kind: 'confirm'; readonly profile: Profile; readonly storage: StorageConfig }

/**
 * Local images cannot go out with this profile: it has no storage, and it is not the demo profile,
 * whose simulator on this computer hosts uploads itself.
 */
export const lacksImageStorage = (profile: Profile) => profile.kind !== 'demo' && profile.storage === null

/**
 * The demo profile never asks. Any other profile needs its own storage set up, and the user's
 * consent once per destination, also before a result whose link may have expired could be
 * uploaded in its place.
 */
export function uploadGate(
  profile: Profile,
  consents: readonly string[],
  uploads: Exclude<ImageUploads, 'none'>,
): UploadGate {
  const storage = profile.storage
  if (profile.kind === 'demo') return { kind: 'open', profile, keepUploadsDefault: false }
  // Results need no storage while their links answer; main explains if one has expired.
  if (storage === null && uploads === 'fallback') return { kind: 'open', profile, keepUploadsDefault: false }
  if (storage === null) return { kind: 'needsStorage', profile }
  if (consents.includes(uploadDestinationKey(profile.id, storage))) {
    return { kind: 'open', profile, keepUploadsDefault: storage.keepUploads }
  }
  return { kind: 'confirm', profile, storage }
}

/** The active profile as main sees it now (it may have changed in Settings since the screen opened). */
export async function activeProfile(client: Client): Promise<Profile | null> {
  const { profiles, activeProfileId } = await client.call('profiles.list', {})
  return profiles.find((profile) => profile.id === activeProfileId) ?? null
}

/** The gate for `uploads` on the active profile as it is now; `not_found` when none is active. */
export async function checkUploads(
  client: Client,
  consents: readonly string[],
  uploads: Exclude<ImageUploads, 'none'>,
): Promise<UploadGate> {
  const profile = await activeProfile(client)
  if (profile === null) throw new BridgeError({ code: 'not_found', message: 'No active profile.' })
  return uploadGate(profile, consents, uploads)
}
