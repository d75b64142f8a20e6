import { z } from 'zod'
import { outputSettingsSchema } from '../schemas/outputs'
import { procedure } from './define'

const taskIdSchema = z.string().min(1).max(128)
const imageIndexSchema = z.number().int().min(0).max(10_000)

const outputsStateSchema = z.object({
  settings: outputSettingsSchema,
  /** Whether main can show the system's folder and save dialogs (the desktop app only). */
  dialogs: z.boolean(),
  /** The pattern applied to a sample task, so the settings can show what a name will look like. */
  example: z.string(),
})

export const outputsProcedures = {
  /** The output folder setting and whether dialogs are available. */
  'outputs.get': procedure(z.strictObject({}), outputsStateSchema),
  /**
   * Sets the output folder (absolute; created when missing) and the file-name pattern. A folder that
   * cannot be written answers `io` with `details.field: 'folder'`; nothing is saved then.
   */
  'outputs.configure': procedure(outputSettingsSchema.strict(), outputsStateSchema),
  /** The system's folder picker (desktop); `folder` is null when the user cancels. */
  'outputs.chooseFolder': procedure(z.strictObject({}), z.object({ folder: z.string().nullable() })),
  /** The file name each of a task's results gets under the pattern (null: the image is not cached). */
  'outputs.fileNames': procedure(
    z.strictObject({ taskId: taskIdSchema }),
    z.object({ names: z.array(z.string().nullable()) }),
  ),
  /** "Save image as…" (desktop): the save dialog, then the file with its infotext; null when cancelled. */
  'outputs.saveImage': procedure(
    z.strictObject({ taskId: taskIdSchema, imageIndex: imageIndexSchema }),
    z.object({ path: z.string().nullable() }),
  ),
  /** "Save all" (desktop): a folder picker, then every cached result of the task under the pattern. */
  'outputs.saveTask': procedure(
    z.strictObject({ taskId: taskIdSchema }),
    z.object({ folder: z.string().nullable(), files: z.array(z.string()) }),
  ),
  /** "Open containing folder" (desktop): the copy in the output folder if one was written, else the cached file. */
  'outputs.reveal': procedure(
    z.strictObject({ taskId: taskIdSchema, imageIndex: imageIndexSchema }),
    z.object({ path: z.string() }),
  ),
}
