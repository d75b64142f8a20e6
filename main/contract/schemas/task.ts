import { z } from 'zod'
import { toolIds } from '../endpoints/tool-rows'
import { toolOutputSchema } from '../endpoints/tool-output'
import { errorShapeSchema } from '../errors'
import { controlNetEndpointSchema, controlNetParamsSchema } from './controlnet'
import { image2ImageParamsSchema } from './image2image'
import { taskInputSchema } from './image-source'
import { text2ImageParamsSchema } from './text2image'
import { plotCellRefSchema } from '../plot/plot-cell-ref'
import { trainingRecordShape } from './training'

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

/** The workbench's modes; inpaint is img2img with a mask (guess 14: the registry's `inpaint` row). */
export const taskKinds = ['text2image', 'image2image', 'inpaint', 'controlnet'] as const
export type TaskKind = (typeof taskKinds)[number]

/**
 * What a task came from, so the history can show its lineage: a re-run or a "send to" of an earlier
 * task (which result), a tool's output, pasted or dropped A1111 infotext, or a preset applied.
 */
export const taskOriginKinds = ['rerun', 'sendTo', 'tool', 'infotext', 'preset'] as const
export type TaskOriginKind = (typeof taskOriginKinds)[number]

export const taskOriginSchema = z
  .object({
    kind: z.enum(taskOriginKinds),
    /** The earlier task (re-run, send-to, tool); absent for infotext and presets. */
    taskId: z.string().min(1).max(128).optional(),
    /** Which of that task's results was used (send-to). */
    imageIndex: z.number().int().min(0).max(10_000).optional(),
    /** A short name for display: the preset's name, the send-to target, the PNG's file name. */
    label: z.string().max(200).optional(),
  })
  .strict()
export type TaskOrigin = z.infer<typeof taskOriginSchema>

/**
 * What the history holds besides the workbench's modes: a documented image tool's task (`tool`,
 * tool-rows.ts), a custom request to an undocumented tool (`custom`, issue 12 §3) and a LoRA
 * training job (`training`, issue 16).
 */
export const taskRecordKinds = [...taskKinds, 'tool', 'custom', 'training'] as const
export type TaskRecordKind = (typeof taskRecordKinds)[number]

/** A tool's body as sent (the API's own field names, image fields as links), without `businessTaskId`. */
export const toolBodySchema = z.record(z.string().max(100), z.unknown())

/** A file a custom request's answer linked to, downloaded and sniffed (SECURITY.md #26). */
export const taskMediaSchema = z.object({
  url: z.string(),
  type: z.enum(['image', 'video', 'audio']),
  /** The local copy: the image cache key for images, the media store's key otherwise; null if not kept. */
  key: z.string().nullable(),
  mime: z.string().nullable(),
  bytes: z.number().int().nonnegative().nullable(),
})
export type TaskMedia = z.infer<typeof taskMediaSchema>
/** A template may be longer than any one prompt it expands to, but not without bound. */
export const promptTemplateMaxLength = 20_000

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
  /**
   * Where the task was sent when that was not simply its profile's own address and keys (the CLI's
   * `--base-url` and key variables): status queries go there too. `keys` says whose keys were
   * used, never the keys: `profile` (its keychain), `environment` (that run's variables) or `none`.
   * Absent when the profile's own connection was used.
   */
  sentTo: z
    .object({
      baseUrl: z.string().max(2048),
      keys: z.enum(['profile', 'environment', 'none']),
    })
    .optional(),
  /** What the task came from (issue 13); absent on records made before it, and on fresh prompts. */
  origin: taskOriginSchema.optional(),
  /**
   * The user stopped tracking the task ("Stop tracking"): the app stopped asking the service about
   * it and recorded it `cancelled`. No cancel endpoint is documented, so the service may still run
   * it; `tasks.refresh` asks again and fetches the result. The flag tells this apart from a task
   * the service itself cancelled. Absent on every other task.
   */
  trackingStopped: z.boolean().optional(),
  /**
   * The dynamic-prompts template (`{a|b}`, `__name__`) this task's prompt was expanded from; the
   * prompt sent is in `params`. Absent when the prompt was sent as typed.
   */
  promptTemplate: z.string().max(promptTemplateMaxLength).optional(),
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
  taskRecordBase.extend({
    kind: z.literal('tool'),
    toolId: z.enum(toolIds),
    /** What follows `tool/` in the path; the task is queried at `tool/{toolCode}/queryTask`. */
    toolCode: z.string().max(100),
    params: toolBodySchema,
    /** The tool's output once done (cleaned of secrets and capped); null before. */
    toolOutput: toolOutputSchema.nullable(),
  }),
  taskRecordBase.extend({
    kind: z.literal('custom'),
    /** Normalised, under `/AIGCImgOpenServ/saas/` (SECURITY.md #27). */
    path: z.string().max(500),
    /** Queried at `tool/{toolCode}/queryTask` when given; without it the submit answer is all there is. */
    toolCode: z.string().max(100).nullable(),
    body: toolBodySchema,
    /** The last answer's `data`, cleaned of secrets and capped; null before any. */
    answer: z.unknown().nullable(),
    media: z.array(taskMediaSchema).max(64),
  }),
  /** A LoRA training job (§14, issue 16): its dataset, the body sent and the LoRA it produced. */
  taskRecordBase.extend(trainingRecordShape),
])

export type TaskRecord = z.infer<typeof taskRecordSchema>
/** A task of one of the workbench's modes (text2image, img2img, inpaint, ControlNet). */
export type SdTaskRecord = Extract<TaskRecord, { kind: TaskKind }>
export type ToolTaskRecord = Extract<TaskRecord, { kind: 'tool' }>
export type CustomTaskRecord = Extract<TaskRecord, { kind: 'custom' }>
export type TrainingTaskRecord = Extract<TaskRecord, { kind: 'training' }>
export const isSdTask = (record: TaskRecord): record is SdTaskRecord =>
  record.kind !== 'tool' && record.kind !== 'custom' && record.kind !== 'training'

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
