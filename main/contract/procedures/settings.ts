import { z } from 'zod'
import { procedure } from './define'

/**
 * How the settings file was found at start-up. `recovered` means it could not be used and was kept
 * aside under `keptAside` (never deleted); the app runs on defaults and says so.
 */
export const settingsFileStatusSchema = z.object({
  state: z.enum(['ok', 'new', 'recovered', 'unreadable']),
  reason: z.enum(['corrupt', 'invalid', 'newer_version', 'unreadable']).nullable(),
  /** File name (not the full path) of the kept-aside copy, inside the data folder. */
  keptAside: z.string().nullable(),
  /** Whether changes can be saved (false when an unreadable file could not be moved aside). */
  writable: z.boolean(),
})
export type SettingsFileStatus = z.infer<typeof settingsFileStatusSchema>

export const settingsProcedures = {
  'settings.get': procedure(
    z.object({}).strict(),
    z.object({ file: settingsFileStatusSchema, path: z.string() }),
  ),
}
