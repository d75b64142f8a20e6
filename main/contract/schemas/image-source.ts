import { z } from 'zod'

/** A cached image's name: the SHA-256 of its bytes, lower-case hex (never a path). */
export const imageCacheKeySchema = z.string().regex(/^[0-9a-f]{64}$/, 'Not an image cache key.')

export const imageLinkMaxLength = 2048
/** A link the service can fetch (contract §0: input images are public URLs). */
export const imageLinkSchema = z.url({ protocol: /^https?$/ }).max(imageLinkMaxLength)

/**
 * Where an input image (img2img source, inpaint mask, ControlNet control image) comes from, in the
 * order the app prefers them (issue 7): an earlier result while its service URL still answers, a
 * URL the user pasted, or bytes already in the app's image cache (a file, a clipboard image, a
 * drop or a painted mask, put there with `images.import`), which are uploaded to the profile's own
 * storage. The renderer never sends a path.
 */
export const imageSourceSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('result'),
      taskId: z.string().min(1).max(128),
      index: z.number().int().min(0).max(255),
    })
    .strict(),
  z.object({ type: z.literal('url'), url: imageLinkSchema }).strict(),
  z.object({ type: z.literal('cached'), cacheKey: imageCacheKeySchema }).strict(),
])
export type ImageSource = z.infer<typeof imageSourceSchema>

export const taskInputRoles = ['source', 'mask', 'control'] as const
export type TaskInputRole = (typeof taskInputRoles)[number]

const pixelSize = z.object({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  bytes: z.number().int().nonnegative(),
})

/**
 * One input image of a task as the history keeps it: the link the service was given, how it was
 * made, and the local copy that lets a re-run work after the link expires.
 */
export const taskInputSchema = z.object({
  role: z.enum(taskInputRoles),
  /** The ControlNet unit (0-based) a control image belongs to. */
  unit: z.number().int().min(0).optional(),
  /** result: an earlier task's still-valid service URL; url: pasted; upload: sent to the profile's storage. */
  origin: z.enum(['result', 'url', 'upload']),
  /** The link the request carried. */
  url: z.string(),
  /** When a presigned link stops working (ms since epoch); null when unknown. */
  urlExpiresAt: z.number().nullable(),
  /** The local copy in the image cache; null only when a pasted URL could not be downloaded here. */
  cacheKey: z.string().nullable(),
  /** The uploaded object while it exists; null for non-uploads and once deleted after the task ended. */
  storageObject: z.object({ bucket: z.string(), key: z.string() }).nullable(),
  /** The user asked to keep the uploaded object after the task ends. */
  keepUpload: z.boolean(),
  /** What was sent. */
  sent: pixelSize.nullable(),
  /** The original, when the app resized or re-encoded it (with the user's permission) before sending. */
  resizedFrom: pixelSize.nullable(),
})
export type TaskInput = z.infer<typeof taskInputSchema>

/** What a submit may do with input images. */
export const inputOptionsSchema = z
  .object({
    /** Resize or re-encode an image over the service's limits instead of refusing the submit. */
    allowResize: z.boolean().default(false),
    /** Keep uploaded objects in the storage after the task ends (they are deleted by default). */
    keepUploads: z.boolean().default(false),
  })
  .strict()
export type InputOptions = z.output<typeof inputOptionsSchema>
