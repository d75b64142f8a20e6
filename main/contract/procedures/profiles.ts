import { z } from 'zod'
import {
  assetNameSchema,
  baseUrlSchema,
  profileIdSchema,
  profileNameSchema,
  profileSchema,
} from '../schemas/profile'
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
}
