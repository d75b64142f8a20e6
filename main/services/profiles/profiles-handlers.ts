import type { Handlers } from '#contract'
import type { ProfilesService } from './profiles-service'

export interface ProfilesHandlersDeps {
  readonly profiles: ProfilesService
}

export function createProfilesHandlers({
  profiles,
}: ProfilesHandlersDeps): Pick<
  Handlers,
  | 'profiles.list'
  | 'profiles.create'
  | 'profiles.update'
  | 'profiles.delete'
  | 'profiles.setActive'
  | 'profiles.testConnection'
> {
  return {
    'profiles.list': () => profiles.list(),
    'profiles.create': (input) => profiles.create(input),
    'profiles.update': ({ id, ...input }) => profiles.update(id, input),
    'profiles.delete': async ({ id }) => ({ activeProfileId: await profiles.remove(id) }),
    'profiles.setActive': async ({ id }) => ({ activeProfileId: await profiles.setActive(id) }),
    'profiles.testConnection': ({ id }) => profiles.testConnection(id),
  }
}
