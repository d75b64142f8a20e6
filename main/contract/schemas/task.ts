import { z } from 'zod'
import { errorShapeSchema } from '../errors'
import { controlNetEndpointSchema, controlNetParamsSchema } from './controlnet'
import { image2ImageParamsSchema } from './image2image'
import { taskInputSchema } from './image-source'
import { text2ImageParamsSchema } from './text2image'
import { plotCellRefSchema } from '../plot/plot-cell-ref'

/**
 * A task's life: `submitting` is written before the request leaves the machine (the intent
 * record), so a crash mid-submit is reconciled with the service at start-up.
 */
export const taskStatuses = ['submitting', 'queued', 'running', 'succeeded', 'failed', 'cancelled'] as const
export type TaskStatus = (typeof taskStatuses)[number]
export const isTerminalStatus = (status: TaskStatus) =>
  status === 'succeeded' || status === 'failed' || status === 'cancelled'

export const taskImageSchema = z.object({
  /** The service's URL; may have expired. */
  url: z.string(),
  seed: z.number().nullable(),
  /** `image_status` as sent. */
  status: z.number().nullable(),
  /** `img_audit_status`: false means the service flagged the image. */
  auditPassed: z.boolean().nullable(),
  auditLabels: z.array(z.string()),
  /** Content hash of the cached copy in the app's image cache, once downloaded. */
  cacheKey: z.string().nullable(),
})

export type TaskImageRecord = z.infer<typeof taskImageSchema>

/** The workbench's modes; inpaint is img2img with a mask (api-guesses.ts guess 14). */
export const taskKinds = ['text2image', 'image2image', 'inpaint', 'controlnet'] as const
export type TaskKind = (typeof taskKinds)[number]

const taskRecordBase = z.object({
  /** The client-chosen id (`alwayson_scripts.id_task`), also the id to query with. */
  id: z.string().min(1).max(128),
  profileId: z.string(),
  /** Profile name at submit time, kept for display after a rename or delete. */
  profileName: z.string(),
  status: z.enum(taskStatuses),
  /** Service status text (`desc`), when any. */
  description: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  finishedAt: z.number().nullable(),
  error: errorShapeSchema.nullable(),
  images: z.array(taskImageSchema),
  /**
   * True for a task looked up from the service's archive (`history.lookupArchived`): the service
   * returns no parameters, so `params` holds placeholders (`unknownTaskParams`, procedures/history.ts)
   * that must not be re-run or copied. Absent on every task the app submitted itself.
   */
  paramsUnknown: z.boolean().optional(),
  /**
   * The task's input images (source, mask, control images) with their local copies, so a re-run
   * works after the links expire. Absent on text2image tasks and on records made before issue 7.
   */
  inputs: z.array(taskInputSchema).max(16).optional(),
  /**
   * The submit allowed input images over the service's limits to be resized (its
   * `options.allowResize`), so a retry that uploads a local copy again may resize it too. Absent on
   * text2image tasks and on records made before it was kept: then resizing was not allowed.
   */
  allowResize: z.boolean().optional(),
  /** The plot cell this task is (plot-schemas.ts); absent on tasks no plot made. */
  plot: plotCellRefSchema.optional(),
})

/**
 * One task as the history keeps it. `params` are exactly what was sent (image links included), in
 * the schema of the task's kind; every kind's params are text2image params plus its own fields.
 */
export const taskRecordSchema = z.discriminatedUnion('kind', [
  taskRecordBase.extend({ kind: z.literal('text2image'), params: text2ImageParamsSchema }),
  taskRecordBase.extend({ kind: z.literal('image2image'), params: image2ImageParamsSchema }),
  taskRecordBase.extend({ kind: z.literal('inpaint'), params: image2ImageParamsSchema }),
  taskRecordBase.extend({
    kind: z.literal('controlnet'),
    params: controlNetParamsSchema,
    /**
     * The endpoint the task went to, so a retry or re-run uses the same one; absent = `controlnet-v2`
     * (records made before the choice). `text2image-v3` is flagged "under development" by the vendor.
     */
    endpoint: controlNetEndpointSchema.optional(),
  }),
])

export type TaskRecord = z.infer<typeof taskRecordSchema>

/** Live progress of a running task, pushed as `tasks.progress`; not stored. */
export const taskProgressSchema = z.object({
  id: z.string(),
  status: z.enum(taskStatuses),
  /** 0–100, or null for an indeterminate bar. */
  percent: z.number().min(0).max(100).nullable(),
  /** An intermediate image (data: URL or http(s) URL) when the service sent one. */
  previewImage: z.string().nullable(),
  startedAt: z.number(),
  /** Estimated ms left, when a percent allows one. */
  etaMs: z.number().nullable(),
})

export type TaskProgress = z.infer<typeof taskProgressSchema>
