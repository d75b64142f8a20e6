import { storageConfigSchema, storageLimits, type StorageConfig, type StorageConfigInput } from '#contract'

/**
 * S3-compatible services and what each needs by default. `{region}` in a template is replaced by
 * the region; R2's account id is the user's to fill in.
 */
export const storageProviders = {
  aws: { endpoint: '', region: 'us-east-1', forcePathStyle: false },
  aliyun: { endpoint: 'https://oss-{region}.aliyuncs.com', region: 'cn-hangzhou', forcePathStyle: false },
  tencent: { endpoint: 'https://cos.{region}.myqcloud.com', region: 'ap-guangzhou', forcePathStyle: false },
  r2: { endpoint: 'https://<account-id>.r2.cloudflarestorage.com', region: 'auto', forcePathStyle: false },
  other: { endpoint: 'http://127.0.0.1:9000', region: 'us-east-1', forcePathStyle: true },
} as const satisfies Record<string, { endpoint: string; region: string; forcePathStyle: boolean }>

export type StorageProvider = keyof typeof storageProviders
export const providerIds = Object.keys(storageProviders) as StorageProvider[]

/** The provider's endpoint for a region ('' for AWS, whose SDK knows its own). */
export const endpointFor = (provider: StorageProvider, region: string): string =>
  storageProviders[provider].endpoint.replace('{region}', region.trim())

/** Which provider a saved endpoint belongs to, for showing the form as the user left it. */
export function guessProvider(endpoint: string | undefined): StorageProvider {
  if (endpoint === undefined || endpoint === '') return 'aws'
  if (/\.aliyuncs\.com(\/|$)/.test(endpoint)) return 'aliyun'
  if (/\.myqcloud\.com(\/|$)/.test(endpoint)) return 'tencent'
  if (/\.r2\.cloudflarestorage\.com(\/|$)/.test(endpoint)) return 'r2'
  return 'other'
}

/** The storage form as typed (strings, as inputs hold them). */
export interface StorageDraft {
  readonly provider: StorageProvider
  readonly endpoint: string
  readonly region: string
  readonly bucket: string
  readonly prefix: string
  readonly forcePathStyle: boolean
  /** Link lifetime in minutes, as typed. */
  readonly lifetimeMinutes: string
  readonly keepUploads: boolean
}

export function draftFrom(config: StorageConfig | null): StorageDraft {
  const defaults = storageConfigSchema.parse({ bucket: 'placeholder' })
  const saved = config ?? { ...defaults, bucket: '' }
  return {
    provider: guessProvider(saved.endpoint),
    endpoint: saved.endpoint ?? '',
    region: saved.region,
    bucket: saved.bucket,
    prefix: saved.prefix,
    forcePathStyle: saved.forcePathStyle,
    lifetimeMinutes: String(Math.round(saved.urlExpirySeconds / 60)),
    keepUploads: saved.keepUploads,
  }
}

/** A new provider's defaults, keeping what the user typed that still applies (bucket, prefix…). */
export function withProvider(draft: StorageDraft, provider: StorageProvider): StorageDraft {
  const { region, forcePathStyle } = storageProviders[provider]
  return { ...draft, provider, region, forcePathStyle, endpoint: endpointFor(provider, region) }
}

/** A new region; the endpoint follows it while it is still the provider's template. */
export function withRegion(draft: StorageDraft, region: string): StorageDraft {
  const following = draft.endpoint === endpointFor(draft.provider, draft.region)
  return { ...draft, region, endpoint: following ? endpointFor(draft.provider, region) : draft.endpoint }
}

/** What `profiles.setStorage` takes; an empty endpoint means AWS for the region. */
export function draftToInput(draft: StorageDraft): StorageConfigInput {
  const endpoint = draft.endpoint.trim()
  const minutes = Number(draft.lifetimeMinutes.trim())
  return {
    ...(endpoint === '' ? {} : { endpoint }),
    region: draft.region.trim(),
    bucket: draft.bucket.trim(),
    prefix: draft.prefix.trim(),
    forcePathStyle: draft.forcePathStyle,
    urlExpirySeconds: Number.isFinite(minutes) && draft.lifetimeMinutes.trim() !== '' ? minutes * 60 : NaN,
    keepUploads: draft.keepUploads,
  }
}

export type DraftProblem = 'accountId' | 'endpoint' | 'region' | 'bucket' | 'prefix' | 'lifetime'

/** The first field the contract would refuse, checked here so the user learns before saving. */
export function draftProblem(draft: StorageDraft): DraftProblem | null {
  if (draft.endpoint.includes('<account-id>')) return 'accountId'
  const checked = storageConfigSchema.safeParse(draftToInput(draft))
  if (checked.success) return null
  const field = checked.error.issues[0]?.path[0]
  if (field === 'urlExpirySeconds') return 'lifetime'
  if (field === 'endpoint' || field === 'region' || field === 'bucket' || field === 'prefix') return field
  return 'bucket'
}

/** The lifetime input's bounds, in minutes. */
export const lifetimeMinutes = {
  min: storageLimits.urlExpirySeconds.min / 60,
  max: storageLimits.urlExpirySeconds.max / 60,
} as const
