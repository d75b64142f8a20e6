import { checkBaseUrl, type Profile } from '#contract'
import { tlsWarning } from '../services/api/api-dispatcher'
import { createServices, type Services } from '../services/create-services'
import type { ConnectionOverride } from '../services/profiles/connection-override'
import { normaliseBaseUrl } from '../services/profiles/profile-views'
import type { S3Keys } from '../services/storage/s3-image-host'
import { usageError } from './cli-errors'
import { noteLine, type CliContext } from './cli-context'
import { tellRecovery } from './history-session'

/** The options every command that talks to the service accepts. */
export interface ConnectionOptions {
  readonly profile?: string
  readonly baseUrl?: string
  readonly allowInsecureHttp?: boolean
}

/**
 * `--base-url` (or IMG_OPEN_BASE_URL) and the IMG_OPEN_ACCESS_KEY_* variables, checked before
 * anything opens. They live in this process only; the services register the secret for redaction.
 */
export function connectionOverrideFrom(
  options: ConnectionOptions,
  env: NodeJS.ProcessEnv,
): ConnectionOverride | undefined {
  const baseUrlText = options.baseUrl ?? (env.IMG_OPEN_BASE_URL || undefined)
  const accessKeyId = env.IMG_OPEN_ACCESS_KEY_ID || undefined
  const accessKeySecret = env.IMG_OPEN_ACCESS_KEY_SECRET || undefined
  if ((accessKeyId === undefined) !== (accessKeySecret === undefined)) throw usageError('keysIncomplete')
  if (baseUrlText !== undefined && checkBaseUrl(baseUrlText.trim()) !== 'ok') {
    throw usageError('baseUrlInvalid', { url: baseUrlText.slice(0, 200) })
  }
  const baseUrl = baseUrlText === undefined ? undefined : normaliseBaseUrl(baseUrlText)
  const auth = accessKeyId && accessKeySecret ? { accessKeyId, accessKeySecret } : undefined
  const allowInsecureHttp = options.allowInsecureHttp === true
  if (baseUrl === undefined && auth === undefined && !allowInsecureHttp) return undefined
  return {
    ...(baseUrl ? { baseUrl } : {}),
    ...(auth ? { auth } : {}),
    ...(allowInsecureHttp ? { allowInsecureHttp } : {}),
  }
}

/**
 * The IMG_OPEN_STORAGE_* variables: the image storage's keys for this run (a server or CI without
 * a keychain), checked before anything opens. The endpoint and bucket still come from the profile.
 */
export function storageKeysOverrideFrom(env: NodeJS.ProcessEnv): S3Keys | undefined {
  const accessKeyId = env.IMG_OPEN_STORAGE_ACCESS_KEY_ID || undefined
  const secretAccessKey = env.IMG_OPEN_STORAGE_SECRET_ACCESS_KEY || undefined
  if (accessKeyId && secretAccessKey) return { accessKeyId, secretAccessKey }
  if (accessKeyId || secretAccessKey) throw usageError('storageKeysIncomplete')
  return undefined
}

/** A profile by name (exact, then ignoring case) or id; the active one when no name is given. */
export async function chooseProfile(services: Services, name: string | undefined): Promise<Profile> {
  const { profiles, activeProfileId } = await services.profiles.list()
  if (name === undefined) return services.profiles.get(activeProfileId)
  const lower = name.toLowerCase()
  const found =
    profiles.find((profile) => profile.name === name) ??
    profiles.find((profile) => profile.name.toLowerCase() === lower) ??
    profiles.find((profile) => profile.id === name)
  if (!found) {
    throw usageError('profileUnknown', {
      name: name.slice(0, 80),
      names: profiles.map((profile) => `"${profile.name}"`).join(', '),
    })
  }
  return found
}

/**
 * Opens the app's services on the data folder (IMG_OPEN_DATA_DIR or the platform's), with this
 * run's connection and storage key overrides. The caller closes them, which releases the history's
 * lock.
 */
export async function openServices(context: CliContext, options: ConnectionOptions): Promise<Services> {
  const connectionOverride = connectionOverrideFrom(options, context.env)
  const storageKeysOverride = storageKeysOverrideFrom(context.env)
  const tlsProblem = tlsWarning(context.env)
  if (tlsProblem) noteLine(context, context.say('errorPrefix') + tlsProblem)
  const services = await createServices({
    dataDir: context.dataDir,
    edition: 'cli',
    version: context.version,
    locale: context.locale,
    connectionOverride,
    storageKeysOverride,
  })
  tellRecovery(context, services.history)
  return services
}

/** Runs `work` with the services open, and closes them whatever happens. */
export async function withServices<T>(
  context: CliContext,
  options: ConnectionOptions,
  work: (services: Services) => Promise<T>,
): Promise<T> {
  const services = await openServices(context, options)
  try {
    return await work(services)
  } finally {
    await services.close()
  }
}
