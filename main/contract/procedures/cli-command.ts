import { z } from 'zod'
import { procedure } from './define'

/**
 * What "Install `img-open` command in PATH" did. `linked`: a symlink to the app's launcher now
 * stands at `linkPath` (`onPath` false: that folder is not on the PATH yet). `byInstaller`:
 * Windows, where the installer already put the command on the PATH. `unavailable`: nothing to link
 * (an unpackaged app, or an AppImage, whose files vanish when it exits). `blocked`: no folder took
 * the link; the user runs `command` (with sudo) instead.
 */
export const cliCommandResultSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('linked'), linkPath: z.string(), onPath: z.boolean() }),
  z.object({ outcome: z.literal('byInstaller') }),
  z.object({ outcome: z.literal('unavailable'), reason: z.enum(['notPackaged', 'appImage']) }),
  z.object({ outcome: z.literal('blocked'), tried: z.array(z.string()), command: z.string() }),
])

export type CliCommandResult = z.infer<typeof cliCommandResultSchema>

export const cliCommandProcedures = {
  /** Puts the `img-open` command on the PATH (macOS, Linux: a symlink); see cliCommandResultSchema. */
  'cli.installCommand': procedure(z.object({}).strict(), cliCommandResultSchema),
}
