import { z } from 'zod'
import { keychainStatusSchema, keysStatusSchema, profileIdSchema } from '../schemas/profile'
import { procedure } from './define'

/** No control characters or line breaks: they would not survive an HTTP header anyway. */
const headerSafe = /^[\x21-\x7e]+$/

/**
 * Write-only (SECURITY.md #3): keys go in, and only their status comes out. There is no procedure
 * that returns a key id or secret.
 */
export const credentialsProcedures = {
  'credentials.set': procedure(
    z
      .object({
        profileId: profileIdSchema,
        accessKeyId: z.string().trim().min(1).max(256).regex(headerSafe),
        accessKeySecret: z.string().trim().min(1).max(1024).regex(headerSafe),
        /** Keep the keys in memory for this run only, even if the keychain works (or is locked). */
        sessionOnly: z.boolean().default(false),
      })
      .strict(),
    keysStatusSchema,
  ),
  'credentials.clear': procedure(z.object({ profileId: profileIdSchema }).strict(), keysStatusSchema),
  'credentials.status': procedure(z.object({ profileId: profileIdSchema }).strict(), keysStatusSchema),
  /** Whether the OS keychain works, by writing and deleting a probe entry (cached unless `recheck`). */
  'credentials.checkKeychain': procedure(
    z.object({ recheck: z.boolean().default(false) }).strict(),
    keychainStatusSchema,
  ),
  /** The profile's storage keys (S3 access key id and secret access key), write-only like the API keys. */
  'credentials.setStorageKeys': procedure(
    z
      .object({
        profileId: profileIdSchema,
        accessKeyId: z.string().trim().min(1).max(256).regex(headerSafe),
        secretAccessKey: z.string().trim().min(1).max(1024).regex(headerSafe),
        sessionOnly: z.boolean().default(false),
      })
      .strict(),
    keysStatusSchema,
  ),
  'credentials.clearStorageKeys': procedure(
    z.object({ profileId: profileIdSchema }).strict(),
    keysStatusSchema,
  ),
}
