import { z } from 'zod'
import {
  historyExportFormats,
  historyImportResultSchema,
  historyPageSchema,
  historyQuerySchema,
  historyRecoverySchema,
} from '../schemas/history'
import { taskRecordSchema } from '../schemas/task'
import { text2ImageParamsSchema, type Text2ImageParams } from '../schemas/text2image'
import { procedure } from './define'

/**
 * Bounds of the history procedures. Exports and imports travel as one message each; 16 MiB (about
 * 10,000 tasks) keeps an import, JSON-escaped, under the browser edition's 32 MiB message limit,
 * and an export is capped the same so that every export can be imported again.
 */
export const historyLimits = {
  idMaxLength: 128,
  idsPerCall: 10_000,
  transferMaxBytes: 16 * 1024 * 1024,
} as const

/**
 * The placeholder parameters of a task looked up from the service's archive, which answers status
 * and images only. The schema needs a prompt and a checkpoint; `?` is neither searchable (the
 * index keeps words only) nor a plausible name, and the record carries `paramsUnknown: true`.
 */
export const unknownTaskParams: Text2ImageParams = text2ImageParamsSchema.parse({
  prompt: '?',
  alwayson_scripts: { sd_model_checkpoint: '?' },
})

const taskIdSchema = z.string().min(1).max(historyLimits.idMaxLength)
const taskIdsSchema = z.array(taskIdSchema).max(historyLimits.idsPerCall)

export const historyProcedures = {
  /** One page of the history, filtered and sorted; the list is never sent whole. */
  'history.list': procedure(historyQuerySchema, historyPageSchema),
  /** One task with everything stored about it; `not_found` when it is not in the history. */
  'history.get': procedure(z.strictObject({ id: taskIdSchema }), taskRecordSchema),
  /** Deletes tasks, and the cached images no remaining task uses. Unknown ids are skipped. */
  'history.delete': procedure(
    z.strictObject({ ids: taskIdsSchema.min(1) }),
    z.object({ deleted: z.number().int().min(0) }),
  ),
  /**
   * Some tasks (or all, without `ids`) as JSONL or CSV text for the renderer to offer as a
   * download; `invalid_request` with `details.maxBytes` when it would exceed `transferMaxBytes`.
   */
  'history.export': procedure(
    z.strictObject({ ids: taskIdsSchema.optional(), format: z.enum(historyExportFormats) }),
    z.object({ fileName: z.string(), content: z.string(), count: z.number().int().min(0) }),
  ),
  /** Reads an export back; each line on its own, duplicates (same id) skipped, bad lines reported. */
  'history.import': procedure(
    z.strictObject({
      format: z.enum(historyExportFormats),
      content: z.string().max(historyLimits.transferMaxBytes),
    }),
    historyImportResultSchema,
  ),
  /**
   * Asks the service's archive about a task by id and records it: status, description and images
   * from the answer, parameters unknown (`paramsUnknown`, `unknownTaskParams`). A task already in
   * the history keeps its parameters and takes the archive's status and images.
   */
  'history.lookupArchived': procedure(
    z.strictObject({ taskId: taskIdSchema, profileId: z.string().min(1).max(200).optional() }),
    taskRecordSchema,
  ),
  /** A damaged history file found at start-up and kept aside, until the user dismisses the notice. */
  'history.recovery': procedure(z.strictObject({}), historyRecoverySchema.nullable()),
  'history.dismissRecovery': procedure(z.strictObject({}), z.object({})),
  /**
   * A task's parameters as A1111 "infotext" (what A1111's PNG Info shows and civitai reads), with
   * the seed of image `imageIndex` when given; `invalid_request` for a task whose params are unknown.
   */
  'history.infotext': procedure(
    z.strictObject({ id: taskIdSchema, imageIndex: z.number().int().min(0).max(10_000).optional() }),
    z.object({ text: z.string() }),
  ),
}
