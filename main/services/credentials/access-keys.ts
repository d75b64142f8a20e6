import { z } from 'zod'

/** One profile's access keys: the `X-Request-req-accessKeyId` / `…accessKeySecret` header values. */
export interface AccessKeys {
  readonly accessKeyId: string
  readonly accessKeySecret: string
}

/*
 * Both keys are stored together as one keychain value, so they can never get out of step (a new
 * id with an old secret) and deleting a profile removes one entry:
 *   service "img-open-workbench", account "<profileId>",
 *   value {"v":1,"accessKeyId":"…","accessKeySecret":"…"}
 */
const storedKeysSchema = z.object({
  v: z.literal(1),
  accessKeyId: z.string().min(1).max(256),
  accessKeySecret: z.string().min(1).max(1024),
})

export const encodeKeys = (keys: AccessKeys): string =>
  JSON.stringify({ v: 1, accessKeyId: keys.accessKeyId, accessKeySecret: keys.accessKeySecret })

/** Null for a value that is not ours or was changed by hand: the profile then needs its keys again. */
export function decodeKeys(raw: string): AccessKeys | null {
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    return null
  }
  const checked = storedKeysSchema.safeParse(parsed)
  return checked.success
    ? { accessKeyId: checked.data.accessKeyId, accessKeySecret: checked.data.accessKeySecret }
    : null
}
