import { z } from 'zod'
import { baseUrlSchema, checkBaseUrl, isLoopbackHost, sendsKeysInClear } from './base-url'
import { storageConfigSchema } from './storage'

export { baseUrlSchema, checkBaseUrl, isLoopbackHost, sendsKeysInClear }

/** The built-in profile that talks to the in-process simulator; it needs no keys and cannot be deleted. */
export const demoProfileId = 'demo'
export const defaultBaseUrl = 'https://api.zhiqite.com'

export const profileIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'A profile id is letters, digits, _ and -.')

export const profileNameSchema = z.string().trim().min(1).max(80)

/** A checkpoint or VAE file name as the model lists give it; empty means "none". */
export const assetNameSchema = z.string().trim().max(300)

export const keyStores = ['keychain', 'session'] as const
export type KeyStore = (typeof keyStores)[number]

/** Why keys cannot be read or written; the renderer localises `code` + `reason`. */
export const keychainProblemSchema = z.object({
  code: z.enum(['keychain_unavailable', 'keychain_locked', 'keys_needed']),
  reason: z.enum([
    'not_installed',
    'no_secret_service',
    'no_keyring',
    'denied',
    'locked',
    'unreadable',
    'unknown',
  ]),
})
export type KeychainProblem = z.infer<typeof keychainProblemSchema>

/**
 * What the app may say about a profile's keys (SECURITY.md #3): whether they are set, where they
 * live, and the key id's last four characters. There is deliberately no field a secret could go in.
 */
export const keysStatusSchema = z.object({
  /** False for the demo profile, which needs no keys. */
  required: z.boolean(),
  set: z.boolean(),
  store: z.enum(keyStores).nullable(),
  keyIdLast4: z.string().max(4).nullable(),
  problem: keychainProblemSchema.nullable(),
})
export type KeysStatus = z.infer<typeof keysStatusSchema>

export const profileSchema = z.object({
  id: profileIdSchema,
  kind: z.enum(['demo', 'remote']),
  name: z.string(),
  /** Null for the demo profile, whose simulator address is chosen at run time. */
  baseUrl: z.string().nullable(),
  /**
   * The user accepted that the keys cross the network unencrypted to a plain http:// address on
   * another machine; without it such an address is refused (loopback needs no consent).
   */
  allowInsecureHttp: z.boolean(),
  defaultCheckpoint: z.string().nullable(),
  defaultVae: z.string().nullable(),
  createdAt: z.number(),
  lastUsedAt: z.number().nullable(),
  active: z.boolean(),
  keys: keysStatusSchema,
  /** Where local input images are uploaded; null = not set up (the demo profile keeps them in its simulator). */
  storage: storageConfigSchema.nullable(),
  /** The storage's access keys: status only, like `keys`. */
  storageKeys: keysStatusSchema,
})
export type Profile = z.infer<typeof profileSchema>

export const platforms = ['linux', 'darwin', 'win32', 'other'] as const
export type KeychainPlatform = (typeof platforms)[number]

/** The keychain as a whole: `ready`, or why not and (by platform) how to fix it. */
export const keychainStatusSchema = z.object({
  state: z.enum(['ready', 'locked', 'unavailable', 'unchecked']),
  /** Where new keys go right now: the keychain, or this run's memory when there is none. */
  newKeysGoTo: z.enum(keyStores),
  problem: keychainProblemSchema.nullable(),
  platform: z.enum(platforms),
})
export type KeychainStatus = z.infer<typeof keychainStatusSchema>
