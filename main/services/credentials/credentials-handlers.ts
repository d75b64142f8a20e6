import { AppError, demoProfileId, type Handlers, type KeysStatus } from '#contract'
import type { ProfilesService } from '../profiles/profiles-service'
import type { CredentialsService } from './credentials-service'

export interface CredentialsHandlersDeps {
  readonly credentials: CredentialsService
  readonly profiles: ProfilesService
}

/** Keys belong to an existing remote profile; the demo needs none. */
function checkProfile(profiles: ProfilesService, profileId: string): void {
  if (profileId === demoProfileId) {
    throw new AppError('invalid_request', 'The demo profile needs no keys.', { reason: 'built_in' })
  }
  if (!profiles.has(profileId)) throw new AppError('not_found', 'There is no such profile.', { profileId })
}

/** Storage keys are required only once the profile has storage set up (see profile-views.ts). */
async function withStorageRequirement(
  profiles: ProfilesService,
  profileId: string,
  status: KeysStatus,
): Promise<KeysStatus> {
  const profile = await profiles.get(profileId)
  return { ...status, required: profile.storage !== null }
}

export function createCredentialsHandlers({
  credentials,
  profiles,
}: CredentialsHandlersDeps): Pick<
  Handlers,
  | 'credentials.set'
  | 'credentials.clear'
  | 'credentials.status'
  | 'credentials.checkKeychain'
  | 'credentials.setStorageKeys'
  | 'credentials.clearStorageKeys'
> {
  return {
    'credentials.set': async ({ profileId, accessKeyId, accessKeySecret, sessionOnly }) => {
      checkProfile(profiles, profileId)
      const status = await credentials.set(profileId, { accessKeyId, accessKeySecret }, { sessionOnly })
      profiles.announce()
      return status
    },
    'credentials.clear': async ({ profileId }) => {
      checkProfile(profiles, profileId)
      const status = await credentials.clear(profileId)
      profiles.announce()
      return status
    },
    'credentials.status': async ({ profileId }) => {
      checkProfile(profiles, profileId)
      return credentials.status(profileId)
    },
    'credentials.checkKeychain': ({ recheck }) => credentials.checkKeychain({ recheck }),
    // The S3 secret is stored as the pair's `accessKeySecret`; see access-keys.ts.
    'credentials.setStorageKeys': async ({ profileId, accessKeyId, secretAccessKey, sessionOnly }) => {
      checkProfile(profiles, profileId)
      const keys = { accessKeyId, accessKeySecret: secretAccessKey }
      const status = await credentials.set(profileId, keys, { sessionOnly }, 'storage')
      profiles.announce()
      return withStorageRequirement(profiles, profileId, status)
    },
    'credentials.clearStorageKeys': async ({ profileId }) => {
      checkProfile(profiles, profileId)
      const status = await credentials.clear(profileId, 'storage')
      profiles.announce()
      return withStorageRequirement(profiles, profileId, status)
    },
  }
}
