import { z } from 'zod'
import { taskProgressSchema, taskRecordSchema } from '../schemas/task'
import { text2ImageParamsSchema } from '../schemas/text2image'
import { procedure } from './define'

/** Which connection profile to use; absent means the active one. */
const profileIdSchema = z.string().min(1).max(200).optional()

export const tasksProcedures = {
  /** Queues one text2image task and answers with the client-chosen task id as soon as it is recorded. */
  'tasks.submit': procedure(
    z.object({ profileId: profileIdSchema, params: text2ImageParamsSchema }).strict(),
    z.object({ taskId: z.string() }),
  ),
  /**
   * The exact request a submit would send, as a curl command and as the JSON body. Credentials in
   * the command are placeholders: the renderer never receives a key.
   */
  'tasks.previewRequest': procedure(
    z.object({ params: text2ImageParamsSchema, profileId: profileIdSchema }).strict(),
    z.object({ curl: z.string(), body: z.unknown() }),
  ),
  /** Sends a failed task again with the same task id, so the service cannot run it twice. */
  'tasks.retry': procedure(
    z.object({ taskId: z.string().min(1).max(128) }).strict(),
    z.object({ taskId: z.string() }),
  ),
  /** Tasks in flight and their latest progress, for a window that opens while tasks run. */
  'tasks.active': procedure(
    z.object({}).strict(),
    z.object({ tasks: z.array(taskRecordSchema), progress: z.array(taskProgressSchema) }),
  ),
}
