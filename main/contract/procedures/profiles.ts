import { z } from 'zod'
import {
  assetNameSchema,
  baseUrlSchema,
  profileIdSchema,
  profileNameSchema,
  profileSchema,
} from '../schemas/profile'
import { storageConfigSchema } from '../schemas/storage'
import { procedure } from './define'

const byId = z.object({ id: profileIdSchema }).strict()
const activeAnswer = z.object({ activeProfileId: profileIdSchema })

export const profilesProcedures = {
  /** Every profile (the built-in demo first) with its keys' status; never a secret. */
  'profiles.list': procedure(
    z.object({}).strict(),
    z.object({ profiles: z.array(profileSchema), activeProfileId: profileIdSchema }),
  ),
  'profiles.create': procedure(
    z
      .object({
        name: profileNameSchema,
        baseUrl: baseUrlSchema.optional(),
        allowInsecureHttp: z.boolean().optional(),
        defaultCheckpoint: assetNameSchema.optional(),
        defaultVae: assetNameSchema.optional(),
      })
      .strict(),
    profileSchema,
  ),
  /** Changes only the fields given; an empty checkpoint/VAE clears it. */
  'profiles.update': procedure(
    z
      .object({
        id: profileIdSchema,
        name: profileNameSchema.optional(),
        baseUrl: baseUrlSchema.optional(),
        allowInsecureHttp: z.boolean().optional(),
        defaultCheckpoint: assetNameSchema.optional(),
        defaultVae: assetNameSchema.optional(),
      })
      .strict(),
    profileSchema,
  ),
  /** Deletes the profile and its keychain entry; the demo profile cannot be deleted. */
  'profiles.delete': procedure(byId, activeAnswer),
  'profiles.setActive': procedure(byId, activeAnswer),
  /** Lists models with the profile's keys: proves the address and keys work. */
  'profiles.testConnection': procedure(byId, z.object({ modelCount: z.number().int().nonnegative() })),
  /** Sets (or with null removes) where the profile uploads local input images. */
  'profiles.setStorage': procedure(
    z.object({ id: profileIdSchema, storage: storageConfigSchema.nullable() }).strict(),
    profileSchema,
  ),
  /** Uploads a small probe object with the storage keys, fetches it by its presigned link and deletes it. */
  'profiles.testStorage': procedure(byId, z.object({ bucket: z.string(), objectKey: z.string() })),
}
