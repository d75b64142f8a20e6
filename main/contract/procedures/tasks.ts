import { z } from 'zod'
import {
  controlNetEndpointSchema,
  controlNetLimits,
  controlNetSettingsSchema,
  text2ImageV3BoundsSchema,
} from '../schemas/controlnet'
import { image2ImageSettingsSchema } from '../schemas/image2image'
import { imageSourceSchema, inputOptionsSchema } from '../schemas/image-source'
import {
  promptTemplateMaxLength,
  taskOriginSchema,
  taskProgressSchema,
  taskRecordSchema,
} from '../schemas/task'
import { text2ImageParamsSchema } from '../schemas/text2image'
import { procedure } from './define'

/** Which connection profile to use; absent means the active one. */
const profileIdSchema = z.string().min(1).max(200).optional()
const options = inputOptionsSchema.default({ allowResize: false, keepUploads: false })
/** What the task came from, kept on its record for the history's lineage. */
const origin = taskOriginSchema.optional()
/** The dynamic-prompts template `params.prompt` was expanded from, kept in the history and infotext. */
const promptTemplate = z.string().min(1).max(promptTemplateMaxLength).optional()

/**
 * One task to submit, by workbench mode. Input images are sources (image-source.ts), never links
 * the renderer made up: main turns each into a link the service can fetch and keeps a local copy.
 */
export const taskRequestSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('text2image'),
      profileId: profileIdSchema,
      promptTemplate,
      params: text2ImageParamsSchema,
      origin,
    })
    .strict(),
  z
    .object({
      kind: z.literal('image2image'),
      profileId: profileIdSchema,
      promptTemplate,
      params: image2ImageSettingsSchema,
      source: imageSourceSchema,
      options,
      origin,
    })
    .strict(),
  z
    .object({
      kind: z.literal('inpaint'),
      profileId: profileIdSchema,
      promptTemplate,
      params: image2ImageSettingsSchema,
      source: imageSourceSchema,
      /** White = repaint (A1111's convention), at the source's size. */
      mask: imageSourceSchema,
      options,
      origin,
    })
    .strict(),
  z
    .object({
      kind: z.literal('controlnet'),
      profileId: profileIdSchema,
      promptTemplate,
      params: controlNetSettingsSchema,
      /**
       * `text2image-v3` sends the units through text2image v3, which the vendor flags "under
       * development"; it ignores `resize_mode` (controlnet.ts, `controlNetEndpoints`).
       */
      endpoint: controlNetEndpointSchema.default('controlnet-v2'),
      /** The base image (`image_link`); optional for the endpoint, the fallback for units without their own. */
      source: imageSourceSchema.optional(),
      /** One per unit, in order; null = the unit uses `source`. */
      controlImages: z.array(imageSourceSchema.nullable()).min(1).max(controlNetLimits.maxUnits),
      options,
      origin,
    })
    .strict()
    .refine(
      (request) => request.controlImages.length === request.params.alwayson_scripts.controlnet.args.length,
      {
        message: 'Give one control image (or null) per ControlNet unit.',
        path: ['controlImages'],
      },
    )
    .refine(
      (request) => request.source !== undefined || request.controlImages.every((image) => image !== null),
      {
        message: 'A unit without its own control image needs the base image.',
        path: ['source'],
      },
    )
    .superRefine((request, ctx) => {
      // §2 bounds the prompt and size more tightly than v2: refused here, before any upload.
      if (request.endpoint !== 'text2image-v3') return
      for (const issue of text2ImageV3BoundsSchema.safeParse(request.params).error?.issues ?? [])
        ctx.addIssue({ ...issue, path: ['params', ...issue.path] })
    }),
])
export type TaskRequestInput = z.input<typeof taskRequestSchema>
export type TaskRequest = z.output<typeof taskRequestSchema>

export const tasksProcedures = {
  /**
   * Queues one task of any mode and answers with the client-chosen task id as soon as it is
   * recorded. Input images are resolved first (links checked, local images uploaded), so the
   * record holds exactly the links sent; an upload that fails records nothing and leaves nothing.
   */
  'tasks.submit': procedure(taskRequestSchema, z.object({ taskId: z.string() })),
  /**
   * The exact request a submit would send, as a curl command and as the JSON body. Credentials in
   * the command are placeholders: the renderer never receives a key.
   */
  'tasks.previewRequest': procedure(taskRequestSchema, z.object({ curl: z.string(), body: z.unknown() })),
  /** Sends a failed task again with the same task id, so the service cannot run it twice. */
  'tasks.retry': procedure(
    z.object({ taskId: z.string().min(1).max(128) }).strict(),
    z.object({ taskId: z.string() }),
  ),
  /**
   * Stops asking the service about a task in flight and records it `cancelled` with
   * `trackingStopped`. The service is NOT told (no cancel endpoint is documented): it may still
   * run the task and charge for it; `tasks.refresh` fetches the outcome later.
   */
  'tasks.stopTracking': procedure(
    z.object({ taskId: z.string().min(1).max(128) }).strict(),
    z.object({ taskId: z.string() }),
  ),
  /** Asks the service again about a task whose tracking was stopped, and tracks it to its end. */
  'tasks.refresh': procedure(
    z.object({ taskId: z.string().min(1).max(128) }).strict(),
    z.object({ taskId: z.string() }),
  ),
  /** Tasks in flight and their latest progress, for a window that opens while tasks run. */
  'tasks.active': procedure(
    z.object({}).strict(),
    z.object({ tasks: z.array(taskRecordSchema), progress: z.array(taskProgressSchema) }),
  ),
}
