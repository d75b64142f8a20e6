import type { Command } from 'commander'
import type { ExitCode } from './cli-errors'

/** How a command's action hands its exit status back to runCli. */
export type Done = (code: ExitCode) => void

/** The options of every command that talks to the service (`--profile` unless it names its own). */
export const connectionOptions = (command: Command, withProfile = true): Command => {
  if (withProfile) command.option('--profile <name>', 'connection profile by name (default: the active one)')
  return command
    .option('--base-url <url>', 'API address for this run (env IMG_OPEN_BASE_URL); never saved')
    .option(
      '--allow-insecure-http',
      'send the keys to a plain http:// address on another machine (unencrypted; a trusted network only)',
    )
}
