import { z } from 'zod'
import { bodySchemaOf } from '../endpoints/field-spec'
import { trainingFields, trainingImageLimits, trainingStartIds } from '../endpoints/training-row'
import { imageCacheKeySchema } from '../schemas/image-source'
import {
  datasetImageSchema,
  datasetProblemSchema,
  trainingLinkLimits,
  triggerWordsSchema,
} from '../schemas/training'
import { procedure } from './define'

const profileIdSchema = z.string().min(1).max(200).optional()
const taskIdSchema = z.string().min(1).max(128)
const pathSchema = z.string().min(1).max(4096)

/**
 * The training body a user sets: every §14 field except `fileUrlList` (the app fills it from the
 * dataset's uploads) and `taskId` (the client chooses it). Checked against the row, so an issue
 * names the API's own field; an unknown field is named, never dropped.
 */
export const trainingParamsSchema = bodySchemaOf(
  trainingFields.filter((field) => field.name !== 'fileUrlList'),
)
export type TrainingParams = z.output<typeof trainingParamsSchema>

/** A dataset to inspect or send: files by path (a folder's images, or picked files) and/or dropped images. */
const datasetShape = {
  /** Every PNG/JPEG/WebP directly in this folder (not its subfolders). */
  folder: pathSchema.optional(),
  paths: z.array(pathSchema).max(500).default([]),
  /** Images already in the app's image cache (dropped or pasted, `images.import`). */
  cacheKeys: z.array(imageCacheKeySchema).max(500).default([]),
}

export const inspectDatasetSchema = z
  .object({
    ...datasetShape,
    /** The training resolution: an image whose shorter side is below it is flagged too small. */
    resolution: z.number().int().min(64).max(4096),
  })
  .strict()

export const trainingSubmitSchema = z
  .object({
    profileId: profileIdSchema,
    datasetPaths: z.array(pathSchema).max(trainingImageLimits.max).default([]),
    datasetCacheKeys: z.array(imageCacheKeySchema).max(trainingImageLimits.max).default([]),
    params: trainingParamsSchema,
    start: z.enum(trainingStartIds).optional(),
    triggerWords: triggerWordsSchema.default([]),
    /** A name the LoRA is expected to carry, to recognise it in the LoRA list. */
    loraHint: z.string().trim().max(200).optional(),
    keepUploads: z.boolean().default(false),
    linkLifetimeDays: z
      .number()
      .int()
      .min(trainingLinkLimits.minDays)
      .max(trainingLinkLimits.maxDays)
      .default(trainingLinkLimits.defaultDays),
  })
  .strict()
  .superRefine((request, ctx) => {
    const count = request.datasetPaths.length + request.datasetCacheKeys.length
    if (count < trainingImageLimits.min || count > trainingImageLimits.max)
      ctx.addIssue({
        code: 'custom',
        path: ['datasetPaths'],
        message: `fileUrlList takes ${trainingImageLimits.min}–${trainingImageLimits.max} images; ${count} given.`,
      })
  })
export type TrainingSubmitInput = z.input<typeof trainingSubmitSchema>
export type TrainingSubmit = z.output<typeof trainingSubmitSchema>

export const trainingProcedures = {
  /**
   * Reads a dataset before anything is sent (issue 16 §1): each readable image with its size,
   * format, hash and a cached copy for thumbnails; and the problems: too few or too many images,
   * duplicates by hash, images too small for `resolution`, unreadable files.
   */
  'training.inspectDataset': procedure(
    inspectDatasetSchema,
    z.object({ images: z.array(datasetImageSchema), problems: z.array(datasetProblemSchema) }),
  ),
  /**
   * Records the job (the intent record, status `submitting`) before anything leaves the machine,
   * then uploads the dataset through the profile's image storage (the same consent as img2img
   * inputs; links living `linkLifetimeDays`) and sends §14's body. Answers the client-chosen id;
   * the job then shows in the history as a `training` task (`tasks.changed`).
   */
  'training.submit': procedure(
    trainingSubmitSchema,
    z.object({ taskId: z.string(), linkLifetimeShort: z.boolean() }),
  ),
  /** The body `training.submit` would send, as curl and JSON; keys and image links as placeholders. */
  'training.previewRequest': procedure(
    z
      .object({
        profileId: profileIdSchema,
        params: trainingParamsSchema,
        imageCount: z.number().int().min(0).max(100),
      })
      .strict(),
    z.object({ curl: z.string(), body: z.unknown() }),
  ),
  /**
   * The user names the LoRA the job produced: the job ends `succeeded`, the LoRA is added to the
   * preset library with the job's trigger words and settings, and the two are linked.
   */
  'training.markDone': procedure(
    z
      .object({
        taskId: taskIdSchema,
        loraName: z.string().trim().min(1).max(260),
        displayName: z.string().trim().min(1).max(200).optional(),
      })
      .strict(),
    z.object({ presetId: z.string().nullable() }),
  ),
  /**
   * Attaches a status request (a path under `/AIGCImgOpenServ/saas/` and a JSON body, confined as
   * the Tools screen's custom request) that is sent with each check of the job; its answer is
   * kept on the record. An empty path removes it.
   */
  'training.attachStatusRequest': procedure(
    z
      .object({
        taskId: taskIdSchema,
        path: z.string().trim().max(500),
        body: z.record(z.string().max(100), z.unknown()).default({}),
      })
      .strict(),
    z.object({ taskId: z.string() }),
  ),
  /**
   * Checks now instead of at the next interval: the profile's LoRA list for a new LoRA matching
   * each unfinished job (or the one given), and the attached status requests. Answers the jobs
   * that ended.
   */
  'training.refresh': procedure(
    z.object({ taskId: taskIdSchema.optional() }).strict(),
    z.object({ checked: z.number().int(), finished: z.array(z.string()) }),
  ),
}
