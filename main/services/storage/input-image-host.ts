import type { Dispatcher } from 'undici'
import { AppError, demoProfileId, type StorageConfig } from '#contract'
import { createApiDispatcher } from '../api/api-dispatcher'
import type { ApiConnection } from '../api/api-types'
import type { CredentialsService } from '../credentials/credentials-service'
import type { Logger } from '../logger'
import type { SettingsStore } from '../settings/settings-store'
import { createDemoImageHost } from './demo-image-host'
import type { ImageHostDescription, InputImageHost, StoredObject } from './image-host'
import {
  createS3ImageHost,
  type ImageToUpload,
  type S3ImageHost,
  type S3Keys,
  type S3Limits,
} from './s3-image-host'
import { probeStorage } from './storage-probe'

export interface InputImageHostDeps {
  /** Where each profile's storage config is read, at call time. */
  readonly settings: Pick<SettingsStore, 'read'>
  /** The storage keys (`read(profileId, 'storage')`); `keys_needed` with `which: 'storage'` if none. */
  readonly credentials: Pick<CredentialsService, 'read'>
  /**
   * Storage keys for this run only (the CLI's IMG_OPEN_STORAGE_* variables), used instead of the
   * keychain's for every profile's storage; the storage config still comes from the profile.
   */
  readonly storageKeysOverride?: S3Keys
  /** The demo profile's simulator address (and auth, if a run overrides it). */
  readonly resolveConnection: (profileId: string) => Promise<ApiConnection>
  /**
   * For demo uploads and the storage probe's download (S3 calls use storage-proxy.ts's pools). By default
   * a pool of its own, with the API's proxy handling and bounded timeouts, closed by `close`.
   */
  readonly dispatcher?: Dispatcher
  readonly logger: Logger
  readonly clock?: () => number
  readonly s3Limits?: Partial<S3Limits>
  /**
   * Where HTTPS_PROXY / HTTP_PROXY / NO_PROXY are read, for uploads and the probe's download alike;
   * `process.env` by default. Tests pass their own.
   */
  readonly env?: NodeJS.ProcessEnv
}

/** The image host of the composition root: the interface plus the storage test and shutdown. */
export interface InputImageHostService extends InputImageHost {
  /** Uploads a tiny PNG, fetches it by its link, compares the bytes and deletes it. */
  probe(profileId: string): Promise<{ bucket: string; objectKey: string }>
  close(): Promise<void>
}

interface CachedClient {
  readonly configJson: string
  readonly keys: S3Keys
  readonly host: S3ImageHost
}

const httpLimits = { connectTimeoutMs: 5_000, headersTimeoutMs: 30_000, bodyTimeoutMs: 30_000 }

const storageNeeded = (profileId: string) =>
  new AppError('image_storage_needed', 'Set up image storage for this profile to use local images.', {
    profileId,
  })

/**
 * Local input images per profile (issue 7): the demo profile's go to its in-process simulator, a
 * user profile's to its own S3-compatible storage with the storage keys from the keychain (or this
 * run's override), and a profile without storage uploads nothing (`image_storage_needed`). Config
 * and keys are read at each call, so a change in Settings applies to the next upload.
 */
export function createInputImageHost(deps: InputImageHostDeps): InputImageHostService {
  const { logger } = deps
  const dispatcher = deps.dispatcher ?? createApiDispatcher({ limits: httpLimits, env: deps.env })
  const demo = createDemoImageHost({
    resolveConnection: () => deps.resolveConnection(demoProfileId),
    dispatcher,
  })
  const clients = new Map<string, CachedClient>()

  const storageOf = (profileId: string): StorageConfig | null => {
    const profile = deps.settings.read().profiles.find((candidate) => candidate.id === profileId)
    if (!profile) throw new AppError('not_found', 'There is no such profile.', { profileId })
    return profile.storage
  }

  const keysFor = async (profileId: string): Promise<S3Keys> => {
    if (deps.storageKeysOverride) return deps.storageKeysOverride
    const stored = await deps.credentials.read(profileId, 'storage')
    return { accessKeyId: stored.accessKeyId, secretAccessKey: stored.accessKeySecret }
  }

  /** One SDK client per profile, kept while its config and keys stay the same (keep-alive). */
  const s3For = async (profileId: string, config: StorageConfig): Promise<S3ImageHost> => {
    const keys = await keysFor(profileId)
    const configJson = JSON.stringify(config)
    const cached = clients.get(profileId)
    const same =
      cached?.configJson === configJson &&
      cached.keys.accessKeyId === keys.accessKeyId &&
      cached.keys.secretAccessKey === keys.secretAccessKey
    if (cached && same) return cached.host
    cached?.host.close()
    const host = createS3ImageHost({
      config,
      keys,
      clock: deps.clock,
      limits: deps.s3Limits,
      env: deps.env,
    })
    clients.set(profileId, { configJson, keys, host })
    return host
  }

  const hostFor = async (profileId: string) => {
    if (profileId === demoProfileId) return demo
    const config = storageOf(profileId)
    if (config === null) throw storageNeeded(profileId)
    return s3For(profileId, config)
  }

  const host: InputImageHost = {
    async describe(profileId): Promise<ImageHostDescription | null> {
      if (profileId === demoProfileId) return { kind: 'demo' }
      const config = storageOf(profileId)
      return config === null ? null : { kind: 's3', config }
    },

    async upload(profileId, image: ImageToUpload, options = {}) {
      const target = await hostFor(profileId)
      try {
        const uploaded = await target.upload(image, options)
        logger.info('storage.uploaded', {
          profileId,
          bucket: uploaded.object.bucket,
          key: uploaded.object.key,
          bytes: image.bytes.byteLength,
        })
        return uploaded
      } catch (error) {
        logFailure('storage.upload_failed', profileId, error)
        throw error
      }
    },

    async remove(profileId, object: StoredObject, options = {}) {
      const target = await hostFor(profileId)
      try {
        await target.remove(object, options)
        logger.info('storage.removed', { profileId, bucket: object.bucket, key: object.key })
      } catch (error) {
        logFailure('storage.remove_failed', profileId, error)
        throw error
      }
    },
  }

  function logFailure(event: string, profileId: string, error: unknown): void {
    // AppErrors from this module carry only codes, bucket and host; anything else is named, not quoted.
    if (error instanceof AppError) logger.warn(event, { profileId, code: error.code, details: error.details })
    else logger.warn(event, { profileId, error: error instanceof Error ? error.name : 'unknown' })
  }

  return {
    ...host,
    probe: (profileId) => probeStorage({ host, dispatcher, logger }, profileId),
    async close() {
      for (const cached of clients.values()) cached.host.close()
      clients.clear()
      if (deps.dispatcher === undefined) await dispatcher.close()
    },
  }
}
