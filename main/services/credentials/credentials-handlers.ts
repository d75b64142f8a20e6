import { AppError, demoProfileId } from '../../contract'
import type { Handlers } from '../../ipc/dispatcher'
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

export function createCredentialsHandlers({
  credentials,
  profiles,
}: CredentialsHandlersDeps): Pick<
  Handlers,
  'credentials.set' | 'credentials.clear' | 'credentials.status' | 'credentials.checkKeychain'
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
  }
}
