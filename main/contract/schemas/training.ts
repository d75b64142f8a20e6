import { z } from 'zod'
import { trainingImageLimits, trainingStartIds } from '../endpoints/training-row'
import { imageCacheKeySchema } from './image-source'

/** A JSON body by the API's own field names (as `toolBodySchema` in task.ts, kept here to avoid a cycle). */
const toolBodySchema = z.record(z.string().max(100), z.unknown())

/** Image formats a training dataset may hold (what sharp reads and the service is likely to take). */
export const trainingImageFormats = ['png', 'jpeg', 'webp'] as const

/**
 * How long the uploaded images' links live (issue 16 §2): training can take hours or days and the
 * service fetches the images when the job starts, so the default is SigV4's 7-day maximum; a
 * shorter lifetime is allowed but warned about below `adviseDays`.
 */
export const trainingLinkLimits = { minDays: 1, maxDays: 7, defaultDays: 7, adviseDays: 3 } as const

/** Whether a link lifetime risks ending before the service fetches the images. */
export const linkLifetimeIsShort = (days: number): boolean => days < trainingLinkLimits.adviseDays

/** One image of a job's dataset as the history keeps it: what it was, where it was sent. */
export const trainingImageSchema = z.object({
  /** The file's name (no folders), for display. */
  name: z.string().max(260),
  /** The file it was read from; null for an image dropped into the app (only in the cache). */
  path: z.string().max(4096).nullable(),
  sha256: imageCacheKeySchema,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  format: z.enum(trainingImageFormats),
  bytes: z.number().int().nonnegative(),
  /** The image cache's copy, so the history shows thumbnails after the files move (`images.get`). */
  cacheKey: imageCacheKeySchema,
  /** The link sent in `fileUrlList`; null until uploaded. */
  url: z.string().max(4096).nullable(),
  urlExpiresAt: z.number().nullable(),
  /** The uploaded object while it exists; null before the upload and once deleted. */
  storageObject: z.object({ bucket: z.string(), key: z.string() }).nullable(),
})
export type TrainingImage = z.infer<typeof trainingImageSchema>

/** Where a training job is, finer than its task status. */
export const trainingStages = ['uploading', 'sending', 'training', 'ended'] as const
export type TrainingStage = (typeof trainingStages)[number]

/** The LoRA a job produced, once known; `presetId` is its entry in the preset library. */
export const trainedLoraSchema = z.object({
  fileName: z.string().max(260),
  displayName: z.string().max(200),
  presetId: z.string().max(64).nullable(),
  /** `list`: it appeared in the profile's LoRA list; `user`: the user named it (`training.markDone`). */
  foundBy: z.enum(['list', 'user']),
})
export type TrainedLora = z.infer<typeof trainedLoraSchema>

/** A status request the user attached to a job (as the Tools screen's custom request). */
export const trainingStatusRequestSchema = z.object({
  path: z.string().max(500),
  body: toolBodySchema,
})

const triggerWordsSchema = z.array(z.string().trim().min(1).max(200)).max(32)

/**
 * Where the watch of a sent job stands, as a code and numbers the UI words in its own language:
 * `watching` (the LoRA list was read: `loraCount` LoRAs) or `list_unread` (the last read failed).
 * `checks` counts the list reads since the job was sent; `checkedAt` is the last one (null before).
 */
export const trainingTrackingCodes = ['watching', 'list_unread'] as const
export const trainingTrackingSchema = z.object({
  code: z.enum(trainingTrackingCodes),
  checks: z.number().int().min(0),
  loraCount: z.number().int().min(0).nullable(),
  checkedAt: z.number().nullable(),
})
export type TrainingTracking = z.infer<typeof trainingTrackingSchema>

/** The fields of a `training` task record (schemas/task.ts) besides the common ones. */
export const trainingRecordShape = {
  kind: z.literal('training'),
  /** The body as sent, without `taskId`; `fileUrlList` is empty until the images are uploaded. */
  params: toolBodySchema,
  /** The starting point the fields came from, if any. */
  start: z.enum(trainingStartIds).nullable(),
  stage: z.enum(trainingStages),
  dataset: z.array(trainingImageSchema).max(trainingImageLimits.max),
  /** Keep the uploaded images after the job ends (deleted by default). */
  keepUploads: z.boolean(),
  linkLifetimeDays: z.number().int().min(trainingLinkLimits.minDays).max(trainingLinkLimits.maxDays),
  /** Words that call up the trained concept; copied to the LoRA's preset. */
  triggerWords: triggerWordsSchema,
  /** A name (or part of one) the user expects the LoRA to carry, to recognise it in the list. */
  loraHint: z.string().max(200).nullable(),
  /**
   * The profile's LoRA file names when the job was sent, so a LoRA that appears later is known as
   * new; null when the list could not be read (then only the hint or the task id can match).
   */
  knownLoras: z.array(z.string().max(260)).max(5000).nullable(),
  lora: trainedLoraSchema.nullable(),
  statusRequest: trainingStatusRequestSchema.nullable(),
  /** The last answer to the status request (`data`, cleaned of secrets and capped); null before. */
  statusAnswer: z.unknown().nullable(),
  /**
   * How the watch stands once the job is sent; absent in records from before it was kept (those
   * carry an English note in `description` instead, still shown as it was).
   */
  tracking: trainingTrackingSchema.nullable().optional(),
}

/** What `training.inspectDataset` says about one readable image. */
export const datasetImageSchema = z.object({
  path: z.string().nullable(),
  name: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  format: z.enum(trainingImageFormats),
  bytes: z.number().int(),
  sha256: imageCacheKeySchema,
  /** The image cache key: `images.get({ cacheKey, size: 'thumb' })` gives its thumbnail. */
  thumbnail: imageCacheKeySchema,
})
export type DatasetImage = z.infer<typeof datasetImageSchema>

export const datasetProblemCodes = ['too_few', 'too_many', 'duplicate', 'too_small', 'unreadable'] as const
export type DatasetProblemCode = (typeof datasetProblemCodes)[number]

export const datasetProblemSchema = z.object({
  code: z.enum(datasetProblemCodes),
  /** The files concerned (empty for too_few / too_many); cache keys for dropped images. */
  paths: z.array(z.string()),
  /** English text for logs and the CLI; the UI words it from `code` and `paths`. */
  message: z.string(),
})
export type DatasetProblem = z.infer<typeof datasetProblemSchema>

export { triggerWordsSchema }
