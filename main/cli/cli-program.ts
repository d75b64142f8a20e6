import { Command } from 'commander'
import type { CliContext } from './cli-context'
import { registerAssetCommands } from './commands/assets'
import { registerGenerate } from './commands/generate'
import { registerHistory } from './commands/history'
import { registerImageCommands } from './commands/image'
import type { Done, RegisterCommand } from './commands/options'
import { registerPlot } from './commands/plot'
import { registerProfile } from './commands/profile'
import { registerStatus } from './commands/status'
import { registerStorage } from './commands/storage'
import { registerToolCommands } from './commands/tool'
import { registerTrain } from './commands/train'

const rootHelp = `
Environment:
  IMG_OPEN_DATA_DIR                   use this folder for settings, history and images
  IMG_OPEN_BASE_URL                   send API calls here (like --base-url); never saved
  IMG_OPEN_ACCESS_KEY_ID              access key id for this run; never saved
  IMG_OPEN_ACCESS_KEY_SECRET          access key secret for this run; never saved or printed
  IMG_OPEN_STORAGE_ACCESS_KEY_ID      image storage key id for this run (local images); never saved
  IMG_OPEN_STORAGE_SECRET_ACCESS_KEY  image storage secret for this run; never saved or printed
  HTTPS_PROXY, NO_PROXY               proxy settings for API calls
  LANG, LC_ALL                        zh* gives messages in Chinese

Exit status: 0 done, 1 failed (task, service, keys, data folder), 2 wrong usage, 130 interrupted.

Examples:
  $ img-open generate --params cat.json --wait
  $ img-open plot --params cat.json --x "steps: 10-30 (+10)" --y "cfg_scale: 5, 7" --wait
  $ img-open img2img --params redraw.json --image photo.jpg --wait
  $ img-open status iowmkq3x9a1f0c2b7e4d95
  $ img-open history --search lighthouse --limit 5
  $ img-open models --profile Work --json`

/**
 * The commands in the order --help lists them, one line each. A definition (commands/*) holds only
 * the command's options and help; its action loads the command's module when it runs, so --help
 * and usage errors answer without loading the services.
 */
const commands: readonly RegisterCommand[] = [
  registerGenerate,
  registerPlot,
  registerImageCommands,
  registerStatus,
  registerToolCommands,
  registerHistory,
  registerAssetCommands,
  registerProfile,
  registerStorage,
  registerTrain,
]

/**
 * The `img-open` command tree. Each action runs its command and hands its exit status to `done`;
 * failures are thrown and turned into one line by the caller.
 */
export function buildProgram(context: CliContext, done: Done): Command {
  const program = new Command('img-open')
    .description(
      'Generate images with the Img Open API and read the local history, from scripts or a terminal.',
    )
    .version(context.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .addHelpText('after', rootHelp)
    // Set before the subcommands are added, which inherit both: commander then throws instead of
    // exiting, and its own error text is replaced by our one localised line.
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.stdout.write(text),
      writeErr: (text) => context.stderr.write(text),
      outputError: () => undefined,
    })
  for (const register of commands) register(program, context, done)
  return program
}
