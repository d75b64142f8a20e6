import { z } from 'zod'
import { demoProfileId, profileIdSchema, queueLimitBounds, storageConfigSchema } from '#contract'

/** The settings file's format version; bump it with a migration in `migrateSettings`. */
export const settingsVersion = 1

const storedProfileSchema = z.object({
  id: profileIdSchema,
  name: z.string().min(1).max(80),
  baseUrl: z.string().min(1).max(2048),
  /** Keys may go over plain http:// to another machine (profile.ts); older files read as false. */
  allowInsecureHttp: z.boolean().default(false),
  defaultCheckpoint: z.string().max(300).nullable(),
  defaultVae: z.string().max(300).nullable(),
  createdAt: z.number(),
  lastUsedAt: z.number().nullable(),
  /** Where local input images are uploaded (issue 7); files written before it existed read as null. */
  storage: storageConfigSchema.nullable().default(null),
})

/** A user profile as kept in settings.json. Keys are never here: they live in the keychain. */
export type StoredProfile = z.infer<typeof storedProfileSchema>

/**
 * settings.json, version 1. Unknown keys are dropped on read, so a field that once held something
 * it should not have (a secret, say) never survives a rewrite.
 */
export const settingsFileSchema = z.object({
  version: z.literal(settingsVersion),
  activeProfileId: profileIdSchema,
  profiles: z.array(storedProfileSchema).max(200),
  /** The built-in demo profile is not stored, only what the user may change about it. */
  demo: z.object({
    defaultCheckpoint: z.string().max(300).nullable(),
    defaultVae: z.string().max(300).nullable(),
    lastUsedAt: z.number().nullable(),
  }),
  /** Each profile's queue concurrency limit where the user changed it (issue 15 §3); files before it read as {}. */
  queueLimits: z
    .record(profileIdSchema, z.number().int().min(queueLimitBounds.min).max(queueLimitBounds.max))
    .default({}),
})

export type SettingsData = z.infer<typeof settingsFileSchema>

export const defaultSettings = (): SettingsData => ({
  version: settingsVersion,
  activeProfileId: demoProfileId,
  profiles: [],
  demo: { defaultCheckpoint: null, defaultVae: null, lastUsedAt: null },
  queueLimits: {},
})

/** Where a parsed file's version sits relative to ours; anything else is not a settings file. */
export function readVersion(value: unknown): number | null {
  if (typeof value !== 'object' || value === null) return null
  const version = (value as Record<string, unknown>).version
  return typeof version === 'number' && Number.isInteger(version) ? version : null
}

/**
 * Brings an older file up to `settingsVersion`. There is only version 1 so far; each later version
 * adds one step here (`if (version === 1) value = …`), so a file of any age is read.
 */
export function migrateSettings(value: unknown): unknown {
  return value
}
