import type { ApiClient, ApiConnection } from '../api/api-types'
import type { SecretRedactor } from '../logger'
import type { ProfilesService } from './profiles-service'

/**
 * Where API calls go for this run instead of what the profile says (the CLI's `--base-url` and
 * `IMG_OPEN_*` environment variables, for scripts and CI). Held in memory only: never written to
 * the settings, the keychain or the history.
 */
export interface ConnectionOverride {
  readonly baseUrl?: string
  readonly auth?: { readonly accessKeyId: string; readonly accessKeySecret: string }
  /** The keys may go over plain http:// to another machine for this run (`--allow-insecure-http`). */
  readonly allowInsecureHttp?: boolean
}

export interface ConnectionOverrideDeps {
  readonly profiles: ProfilesService
  readonly api: Pick<ApiClient, 'listAssets'>
  readonly redactor: SecretRedactor
}

/**
 * The profiles service with `resolveConnection` (and the connection test) answering the override:
 * a base URL alone keeps the profile's keys (the demo profile has none), keys alone keep the
 * profile's address. Given both, neither the keychain nor the demo simulator is touched.
 */
export function withConnectionOverride(
  override: ConnectionOverride,
  deps: ConnectionOverrideDeps,
): ProfilesService {
  const { profiles } = deps
  if (override.auth) {
    deps.redactor.register(override.auth.accessKeySecret)
    deps.redactor.register(override.auth.accessKeyId)
  }

  const resolveConnection = async (profileId?: string): Promise<ApiConnection> => {
    const connection = await resolveWithoutConsent(profileId)
    return override.allowInsecureHttp ? { ...connection, allowInsecureHttp: true } : connection
  }

  const resolveWithoutConsent = async (profileId?: string): Promise<ApiConnection> => {
    const { baseUrl, auth } = override
    if (baseUrl !== undefined && auth !== undefined) return { baseUrl, auth }
    const id = profileId ?? (await profiles.list()).activeProfileId
    const profile = await profiles.get(id)
    if (baseUrl !== undefined) {
      // The demo profile has no keys; a remote profile's come from the keychain as usual.
      return { baseUrl, auth: profile.kind === 'demo' ? null : (await profiles.resolveConnection(id)).auth }
    }
    if (auth !== undefined) {
      // The profile's address, so its consent to plain http goes with it.
      const consent = profile.allowInsecureHttp ? { allowInsecureHttp: true } : {}
      return { baseUrl: profile.baseUrl ?? (await profiles.resolveConnection(id)).baseUrl, auth, ...consent }
    }
    return profiles.resolveConnection(id)
  }

  return {
    ...profiles,
    resolveConnection,
    async testConnection(id) {
      const page = await deps.api.listAssets(await resolveConnection(id), 'checkpoint', {
        pageNum: 1,
        pageSize: 1,
      })
      return { modelCount: page.total }
    },
  }
}
