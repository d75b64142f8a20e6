import type { Handlers } from '#contract'
import type { ProfilesService } from '../profiles/profiles-service'
import type { InputImageHostService } from './input-image-host'

export interface StorageHandlersDeps {
  readonly profiles: Pick<ProfilesService, 'setStorage'>
  readonly imageHost: Pick<InputImageHostService, 'probe'>
}

/** A profile's image storage: where local input images go (issue 7), and the round-trip test. */
export function createStorageHandlers({
  profiles,
  imageHost,
}: StorageHandlersDeps): Pick<Handlers, 'profiles.setStorage' | 'profiles.testStorage'> {
  return {
    'profiles.setStorage': ({ id, storage }) => profiles.setStorage(id, storage),
    'profiles.testStorage': ({ id }) => imageHost.probe(id),
  }
}
