import { z } from 'zod'
import { bodySchemaOf, isImageField } from '../endpoints/field-spec'
import { isToolCode } from '../endpoints/tool-paths'
import { toolIds, toolRegistry, type ToolId } from '../endpoints/tool-rows'
import { controlNetLimits } from '../schemas/controlnet'
import { imageCacheKeySchema, imageSourceSchema, inputOptionsSchema } from '../schemas/image-source'
import { toolBodySchema } from '../schemas/task'
import { procedure } from './define'

const profileIdSchema = z.string().min(1).max(200).optional()
const options = inputOptionsSchema.default({ allowResize: false, keepUploads: false })

/** An image field's value: one source, or a list for `imageList` fields (face fusion's `sourceUrl`). */
const toolImageSchema = z.union([imageSourceSchema, z.array(imageSourceSchema).min(1).max(8)])

/**
 * Checks a tool request against its row (tool-rows.ts): the body's non-image fields by the row's
 * schema (type, range, required; an unknown field is named, never dropped), and one image source
 * (or a list within the row's bounds) for each image field. Issues name the API's own field.
 */
function checkAgainstRow(
  request: { toolId: ToolId; body: Record<string, unknown>; images: Record<string, unknown> },
  ctx: z.core.$RefinementCtx,
): void {
  const fields = toolRegistry[request.toolId].fields
  const plain = fields.filter((field) => !isImageField(field))
  for (const issue of bodySchemaOf(plain).safeParse(request.body).error?.issues ?? [])
    ctx.addIssue({ ...issue, path: ['body', ...issue.path] } as z.core.$ZodRawIssue)
  for (const field of fields.filter(isImageField)) {
    const value = request.images[field.name]
    if (value === undefined) {
      if (field.required)
        ctx.addIssue({
          code: 'custom',
          path: ['images', field.name],
          message: `${field.name} needs an image.`,
        })
      continue
    }
    const count = Array.isArray(value) ? value.length : 1
    const [min, max] = field.type === 'imageList' ? [field.minItems, field.maxItems] : [1, 1]
    if (count < min || count > max || (field.type === 'image' && Array.isArray(value)))
      ctx.addIssue({
        code: 'custom',
        path: ['images', field.name],
        message: `${field.name} takes ${min === max ? min : `${min}–${max}`} image${max > 1 ? 's' : ''}.`,
      })
  }
  for (const name of Object.keys(request.images))
    if (!fields.some((field) => field.name === name && isImageField(field)))
      ctx.addIssue({
        code: 'custom',
        path: ['images', name],
        message: `${name} is not an image field of this tool.`,
      })
}

/** One documented tool's task: the body with the API's field names, images as sources. */
export const toolRequestSchema = z
  .object({
    toolId: z.enum(toolIds),
    profileId: profileIdSchema,
    /** Every field except the image ones and `businessTaskId` (the client chooses it). */
    body: toolBodySchema.default({}),
    images: z.record(z.string().max(100), toolImageSchema).default({}),
    options,
  })
  .strict()
  .superRefine(checkAgainstRow)
export type ToolRequestInput = z.input<typeof toolRequestSchema>
export type ToolRequest = z.output<typeof toolRequestSchema>

/**
 * A custom request (issue 12 §3): a path under `/AIGCImgOpenServ/saas/` (main normalises it and
 * refuses `..`, encoded slashes and absolute URLs: SECURITY.md #27) and a JSON body; main fills in
 * `businessTaskId`. With `toolCode` the task is tracked through `tool/{toolCode}/queryTask`.
 */
export const customRequestSchema = z
  .object({
    profileId: profileIdSchema,
    path: z.string().trim().min(1).max(500),
    body: toolBodySchema.default({}),
    toolCode: z
      .string()
      .trim()
      .max(100)
      .refine(
        (code) => code === '' || isToolCode(code),
        'Letters and digits, slash-separated (e.g. hair/change).',
      )
      .optional(),
  })
  .strict()
export type CustomRequest = z.output<typeof customRequestSchema>

/** A saved custom request (a "custom tool"): offline, exported and imported as JSON. */
export const customToolSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    path: z.string().trim().min(1).max(500),
    toolCode: z.string().trim().max(100).default(''),
    body: toolBodySchema.default({}),
  })
  .strict()
export type CustomTool = z.output<typeof customToolSchema>

const requestPreview = z.object({ curl: z.string(), body: z.unknown() })

export const toolsProcedures = {
  /**
   * Queues one documented tool's task: input images resolved (links checked, local images uploaded
   * with the same consent as img2img), the task recorded, then sent; answers the client-chosen id.
   */
  'tools.submit': procedure(toolRequestSchema, z.object({ taskId: z.string() })),
  /** The exact request `tools.submit` would send, as curl and JSON; keys and uploads as placeholders. */
  'tools.previewRequest': procedure(toolRequestSchema, requestPreview),
  /** Sends a custom request with the profile's keys and tracks it; answers its task id. */
  'tools.customRequest': procedure(customRequestSchema, z.object({ taskId: z.string() })),
  /** The custom request as curl and JSON (path checked, keys as placeholders). */
  'tools.previewCustomRequest': procedure(customRequestSchema, requestPreview),
  'tools.listCustomTools': procedure(z.object({}).strict(), z.object({ tools: z.array(customToolSchema) })),
  /** Saves (or replaces, by name) a custom tool. */
  'tools.saveCustomTool': procedure(customToolSchema, z.object({ tools: z.array(customToolSchema) })),
  'tools.deleteCustomTool': procedure(
    z.object({ name: z.string().min(1).max(100) }).strict(),
    z.object({ tools: z.array(customToolSchema) }),
  ),
  /** Every custom tool as one JSON document, for a file the user saves. */
  'tools.exportCustomTools': procedure(z.object({}).strict(), z.object({ json: z.string() })),
  /** Custom tools from such a document; a name already saved is replaced. */
  'tools.importCustomTools': procedure(
    z.object({ json: z.string().max(1_000_000) }).strict(),
    z.object({ imported: z.number().int(), tools: z.array(customToolSchema) }),
  ),
  /**
   * The CNT preview tool (the `cntPreview` row): what a ControlNet preprocessor extracts from an
   * image, before any credits go on a generation. Waits for the tool task (bounded) and answers the
   * cached result.
   */
  'tools.previewPreprocessor': procedure(
    z
      .object({
        profileId: profileIdSchema,
        source: imageSourceSchema,
        preprocessor: z.string().trim().min(1).max(controlNetLimits.preprocessorMaxLength),
        options,
      })
      .strict(),
    z.object({ cacheKey: imageCacheKeySchema, width: z.number().int(), height: z.number().int() }),
  ),
}
