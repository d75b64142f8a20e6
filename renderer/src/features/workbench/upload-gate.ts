import type { Profile, StorageConfig } from '../../../../main/contract'
import type { Client } from '../../bridge'
import type { PickedImage } from '../sources'
import { consentKey } from './inputs-slice'
import { enabledUnitIndexes } from './request'
import type { WorkbenchState } from './store-types'

/**
 * What a submit of the current mode may send to the profile's storage. `local`: local bytes (a
 * picked file, a clipboard image, a restored input, and always an inpaint mask, painted here).
 * `fallback`: only earlier results, which the service fetches by their links, unless a link has
 * expired and main uploads the kept copy instead. `none`: pasted links only, or no images.
 */
export type ImageUploads = 'local' | 'fallback' | 'none'

export function imageUploads(state: WorkbenchState): ImageUploads {
  const images = (() => {
    switch (state.mode) {
      case 'text2image':
        return []
      case 'image2image':
        return [state.source]
      case 'inpaint':
        return [state.source]
      case 'controlnet':
        return [state.source, ...enabledUnitIndexes(state.draft).map((index) => state.controlImages[index])]
    }
  })()
  if (state.mode === 'inpaint' || images.some((image) => image?.needsUpload === true)) return 'local'
  const isResult = (image: PickedImage | null | undefined) => image?.source.type === 'result'
  return images.some(isResult) ? 'fallback' : 'none'
}

/** What has to happen before local images may leave the machine for this profile. */
export type UploadGate =
  | { readonly kind: 'open'; readonly keepUploadsDefault: boolean }
  | { readonly kind: 'needsStorage'; readonly profile: Profile }
  | { readonly kind: 'confirm'; readonly profile: Profile; readonly storage: StorageConfig }

/**
 * The demo profile keeps uploads in its own simulator on this computer, so it never asks. Any other
 * profile needs its own storage set up, and the user's consent once per profile and bucket, also
 * before a result whose link may have expired could be uploaded in its place.
 */
export function uploadGate(
  profile: Profile,
  consents: readonly string[],
  uploads: Exclude<ImageUploads, 'none'> = 'local',
): UploadGate {
  if (profile.kind === 'demo') return { kind: 'open', keepUploadsDefault: false }
  const storage = profile.storage
  // Results need no storage while their links answer; main explains if one has expired.
  if (storage === null && uploads === 'fallback') return { kind: 'open', keepUploadsDefault: false }
  if (storage === null) return { kind: 'needsStorage', profile }
  if (consents.includes(consentKey(profile.id, storage.bucket))) {
    return { kind: 'open', keepUploadsDefault: storage.keepUploads }
  }
  return { kind: 'confirm', profile, storage }
}

/** The active profile as main sees it now (it may have changed in Settings since the screen opened). */
export async function activeProfile(client: Client): Promise<Profile | null> {
  const { profiles, activeProfileId } = await client.call('profiles.list', {})
  return profiles.find((profile) => profile.id === activeProfileId) ?? null
}
