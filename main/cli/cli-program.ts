import { Command, InvalidArgumentError } from 'commander'
import type { DynamicPromptMode } from '#contract/dynamic-prompts/expand-template'
import { dynamicPromptLimits } from '#contract/procedures/prompts'
import { historyPageLimit } from '#contract/schemas/history'
import type { AssetCommand, AssetsOptions } from './assets-command'
import type { ExitCode } from './cli-errors'
import type { CliContext } from './cli-context'
import type { GenerateOptions } from './generate-command'
import type { PlotOptions } from './plot-command'
import type { ControlNetApi, ImageCommand, ImageCommandOptions } from './image-command'
import type { HistoryOptions } from './history-command'
import type { StatusOptions } from './status-command'
import type { ToolOptions } from './tool-command'
import { addTrainCommand } from './train-command'

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

const generateHelp = `
The params file is the text2image body with the API's own field names (seed may be a number or a
string; id_task is ignored: img-open chooses the task id; any other field the endpoint does not take
is an error that names it). Only prompt and alwayson_scripts.sd_model_checkpoint are required:
  { "prompt": "a lighthouse at dusk", "steps": 20, "width": 512, "height": 768,
    "alwayson_scripts": { "sd_model_checkpoint": "revAnimated_v122_7371.safetensors" } }

Examples:
  $ img-open generate --params cat.json --wait
  $ img-open generate --params cat.json --wait --out ./renders --json
  $ img-open generate --params cats.json --dynamic combinatorial --wait --json
      (prompt "a {red|blue} cat, __styles__": one task per combination; styles.txt in --wildcards)
  $ IMG_OPEN_ACCESS_KEY_ID=… IMG_OPEN_ACCESS_KEY_SECRET=… \\
      img-open generate --params cat.json --base-url https://api.example.com --wait`

const imageHelp = `
The params file is the body of the mode with the API's own field names, like generate's, without
the image links: --image, --mask and --control give the images, each a local file (PNG, JPEG or
WebP, uploaded through the profile's image storage; the demo profile keeps it in its simulator) or
an http(s) URL the service can fetch. Uploads are deleted when the task ends unless --keep-uploads.
Without a keychain (a server, CI), IMG_OPEN_STORAGE_ACCESS_KEY_ID and
IMG_OPEN_STORAGE_SECRET_ACCESS_KEY give the storage's keys for one run (both or neither; never
saved); its endpoint, bucket, region and prefix still come from the profile.
img2img and inpaint take the img2img fields (denoising_strength, resize_mode, mask_blur,
inpainting_fill, inpaint_full_res…); controlnet takes alwayson_scripts.controlnet.args, one object
per unit (control_type, module, model, weight…). controlnet --api v3 sends the same file through
text2image v3, which the vendor marks as under development: no top-level resize_mode, width and
height up to 1024, and ADetailer units go too.

Examples:
  $ img-open img2img --params redraw.json --image photo.jpg --wait
  $ img-open inpaint --params fix.json --image photo.png --mask mask.png --wait --out ./renders
  $ img-open controlnet --params pose.json --control pose.png --control https://example.com/depth.png --wait
  $ img-open controlnet --params pose.json --control pose.png --api v3 --wait
  $ img-open img2img --params redraw.json --image huge.png --allow-resize --json
  $ IMG_OPEN_STORAGE_ACCESS_KEY_ID=… IMG_OPEN_STORAGE_SECRET_ACCESS_KEY=… \\
      img-open img2img --profile Work --params redraw.json --image photo.jpg --wait`

const imageDescriptions: Record<ImageCommand, string> = {
  img2img: 'submit an image-to-image task (img2img v2) from a params file and a source image',
  inpaint: 'submit an inpainting task: a source image and a mask of its size (white = repaint)',
  controlnet: 'submit a ControlNet task: one control image per unit, or the --image for all',
}

const collect = (value: string, previous: string[]) => [...previous, value]

const parseControlNetApi = (text: string): ControlNetApi => {
  if (text !== 'v2' && text !== 'v3') throw new InvalidArgumentError('use v2 or v3')
  return text
}

const parseDynamicMode = (text: string): DynamicPromptMode => {
  if (text !== 'random' && text !== 'combinatorial')
    throw new InvalidArgumentError('use random or combinatorial')
  return text
}

const parseDynamicCount = (text: string): number => {
  const count = Number(text)
  if (!/^\d+$/.test(text.trim()) || count < 1 || count > dynamicPromptLimits.maxCount)
    throw new InvalidArgumentError(`use a whole number from 1 to ${dynamicPromptLimits.maxCount}`)
  return count
}

const statusHelp = `
Examples:
  $ img-open status iowmkq3x9a1f0c2b7e4d95
  $ img-open status iowmkq3x9a1f0c2b7e4d95 --wait --json`

const historyHelp = `
Examples:
  $ img-open history
  $ img-open history --search "lighthouse dusk" --limit 5 --json`

const assetsHelp = (command: string) => `
Examples:
  $ img-open ${command}
  $ img-open ${command} --profile Work --json`

const parseLimit = (text: string): number => {
  const value = Number(text)
  if (!Number.isInteger(value) || value < 1 || value > historyPageLimit) {
    throw new InvalidArgumentError(`use a whole number from 1 to ${historyPageLimit}`)
  }
  return value
}

const connectionOptions = (command: Command, withProfile = true): Command => {
  if (withProfile) command.option('--profile <name>', 'connection profile by name (default: the active one)')
  return command
    .option('--base-url <url>', 'API address for this run (env IMG_OPEN_BASE_URL); never saved')
    .option(
      '--allow-insecure-http',
      'send the keys to a plain http:// address on another machine (unencrypted; a trusted network only)',
    )
}

type Done = (code: ExitCode) => void

/** generate and status: the commands that submit and follow tasks. */
function addTaskCommands(program: Command, context: CliContext, done: Done): void {
  const generate = program
    .command('generate')
    .description('submit a text2image task from a params file')
    .requiredOption('--params <file>', 'JSON file with the text2image body (API field names)')
    .option('--wait', 'wait until the task ends, showing its progress')
    .option('--out <dir>', 'copy the images here (default: print their paths in the image cache)')
    .option('--json', 'print one JSON object { task_id, status, images } and nothing else on stdout')
    .option(
      '--dynamic <mode>',
      'expand the prompt as a dynamic-prompts template ({a|b}, __wildcard__): random or combinatorial; ' +
        'one task per prompt, --json then prints { tasks: [...] }',
      parseDynamicMode,
    )
    .option(
      '--count <n>',
      `with --dynamic: how many prompts (random: default 1; combinatorial: at most, default all up to ${dynamicPromptLimits.maxCount})`,
      parseDynamicCount,
    )
    .option('--wildcards <dir>', 'with --dynamic: the wildcards folder (default: <data folder>/wildcards)')
  connectionOptions(generate)
    .addHelpText('after', generateHelp)
    .action(async (options: GenerateOptions) => {
      const { runGenerate } = await import('./generate-command')
      done(await runGenerate(context, options))
    })

  addPlotCommand(program, context, done)

  for (const name of Object.keys(imageDescriptions) as ImageCommand[]) {
    const command = program
      .command(name)
      .description(imageDescriptions[name])
      .requiredOption('--params <file>', 'JSON file with the body (API field names, no image links)')
      .option('--image <path|url>', 'the source image (controlnet: the base image, optional)')
      .option('--mask <path|url>', 'inpaint: the mask, the size of the image (white = repaint)')
      .option('--control <path|url>', 'controlnet: a control image, once per unit in order', collect, [])
      .option('--allow-resize', 'shrink or re-encode images over the service limits instead of refusing')
      .option('--keep-uploads', 'keep the uploaded images in the storage after the task ends')
      .option('--wait', 'wait until the task ends, showing its progress')
      .option('--out <dir>', 'copy the images here (default: print their paths in the image cache)')
      .option('--json', 'print one JSON object { task_id, status, images } and nothing else on stdout')
    if (name === 'controlnet') {
      command.option(
        '--api <version>',
        'v2: /sd/v2/controlnet (default); v3: text2image v3 with the units, under development by the vendor',
        parseControlNetApi,
      )
    }
    connectionOptions(command)
      .addHelpText('after', imageHelp)
      .action(async (options: ImageCommandOptions) => {
        const { runImageCommand } = await import('./image-command')
        done(await runImageCommand(context, name, options))
      })
  }

  const status = program
    .command('status')
    .description('show a task from the history, refreshed from the service while it is unfinished')
    .argument('<task-id>', 'the task id printed by generate')
    .option('--wait', 'wait until the task ends, showing its progress')
    .option('--json', 'print the task as one JSON object')
  connectionOptions(status, false)
    .addHelpText('after', statusHelp)
    .action(async (taskId: string, options: StatusOptions) => {
      const { runStatus } = await import('./status-command')
      done(await runStatus(context, taskId, options))
    })
}

const toolHelp = `
The params file is the tool's body with the API's own field names, without businessTaskId
(img-open chooses it). An image field holds an http(s) link (sent as is) or a local path
(uploaded through the profile's image storage). Field errors name the field and its range.
--json prints { task_id, status, images, result } where result is the tool's output.

Examples:
  $ img-open tool --list
  $ img-open tool comfyui/text2image --params flux.json --wait --out ./renders
  $ img-open tool face/detection --params faces.json --wait --json
  $ img-open request tool/hair/change --params hair.json --wait --json`

/** tool and request: the documented image tools and the custom request. */
function addToolCommands(program: Command, context: CliContext, done: Done): void {
  const tool = program
    .command('tool')
    .description('run a documented image tool (Flux, face swap, detection, outpainting, captions…)')
    .argument('[tool-code]', "the API's tool code (what follows tool/ in the path) or an alias")
    .option('--list', 'list the tools: code, name, required fields')
    .option('--params <file>', "JSON file with the tool's body (API field names)")
    .option('--wait', 'wait until the task ends, showing its progress')
    .option('--out <dir>', 'copy the images here (default: print their paths in the image cache)')
    .option('--json', 'print one JSON object { task_id, status, images, result }')
  connectionOptions(tool)
    .addHelpText('after', toolHelp)
    .action(async (code: string | undefined, options: ToolOptions) => {
      const { runTool } = await import('./tool-command')
      done(await runTool(context, code, options))
    })
  const request = program
    .command('request')
    .description('send a custom request under /AIGCImgOpenServ/saas/ with the profile keys')
    .argument('<path>', 'the path, e.g. tool/hair/change or /AIGCImgOpenServ/saas/tool/hair/change')
    .requiredOption('--params <file>', 'JSON file with the body (businessTaskId is filled in)')
    .option('--tool-code <code>', 'track the task through tool/<code>/queryTask')
    .option('--wait', 'wait until the task ends, showing its progress')
    .option('--out <dir>', 'copy the images here')
    .option('--json', 'print one JSON object { task_id, status, images, result }')
  connectionOptions(request)
    .addHelpText('after', toolHelp)
    .action(async (path: string, options: ToolOptions) => {
      const { runRequest } = await import('./tool-command')
      done(await runRequest(context, path, options))
    })
}

const assetDescriptions: Record<AssetCommand, string> = {
  models: 'list the checkpoints the service offers',
  loras: 'list the LoRAs the service offers',
  vaes: 'list the VAEs the service offers',
  embeddings: 'list the textual-inversion embeddings the service offers',
}

/** history and the four server lists: the read-only commands. */
function addListCommands(program: Command, context: CliContext, done: Done): void {
  program
    .command('history')
    .description('list the newest tasks of the local history')
    .option('--search <text>', 'only tasks whose prompt has these words (word prefixes)')
    .option('--limit <n>', `how many tasks (1-${historyPageLimit})`, parseLimit, 20)
    .option('--json', 'print { total, tasks } as one JSON object')
    .addHelpText('after', historyHelp)
    .action(async (options: HistoryOptions) => {
      const { runHistory } = await import('./history-command')
      done(await runHistory(context, options))
    })

  for (const name of Object.keys(assetDescriptions) as AssetCommand[]) {
    const command = program
      .command(name)
      .description(assetDescriptions[name])
      .option('--json', 'print { kind, total, items } as one JSON object')
    connectionOptions(command)
      .addHelpText('after', assetsHelp(name))
      .action(async (options: AssetsOptions) => {
        const { runAssets } = await import('./assets-command')
        done(await runAssets(context, name, options))
      })
  }
}

const plotHelp = `
Each axis is TYPE: VALUES in A1111's X/Y/Z plot syntax. Types: seed, steps, cfg_scale, sampler,
scheduler, checkpoint, vae, size (512x768), hr_scale, denoising_strength, clip_skip,
controlnet_weight, prompt_sr (the first value is the text replaced). Values: a list "5, 7, 9"
(quote a value holding a comma: a, "b, c"), a range "1-5", a stepped range "1-10 (+2)" or
"1.5-2.5 (+0.5)", or evenly spaced "10-20 [5]"; a seed of -1 is drawn at random. Every value is
checked before anything is sent; each cell is a task in the history. Above --confirm-above tasks
(default 16) the plot starts only with --yes.

Examples:
  $ img-open plot --params base.json --x "steps: 10-30 (+10)" --y "cfg_scale: 5, 7" --wait
  $ img-open plot --params base.json --x "prompt_sr: cat, dog, fox" --z "seed: -1, -1" --wait --out ./plots
  $ img-open plot --params base.json --x "size: 512x768, 768x512" --json --wait`

const parseCount = (text: string): number => {
  const value = Number(text)
  if (!Number.isInteger(value) || value < 0) throw new InvalidArgumentError('a whole number, 0 or more')
  return value
}

/** plot: an X/Y/Z plot from a params file, each cell a task. */
function addPlotCommand(program: Command, context: CliContext, done: Done): void {
  const plot = program
    .command('plot')
    .description('submit an X/Y/Z plot (one task per cell) and compose its grid')
    .requiredOption('--params <file>', 'JSON file with the text2image body: the base of every cell')
    .requiredOption('--x <axis>', 'the X axis, e.g. "steps: 10-30 (+10)"')
    .option('--y <axis>', 'the Y axis, e.g. "cfg_scale: 5, 7"')
    .option('--z <axis>', 'the Z axis (one grid per value, side by side)')
    .option('--wait', 'wait until every cell has ended and print the grid path')
    .option('--out <dir>', 'copy the grid here')
    .option('--json', 'print { plot_id, status, grid, task_ids, cells } as one JSON object')
    .option('--yes', 'start even above the confirmation threshold')
    .option('--confirm-above <n>', 'ask for --yes above this many tasks (default 16)', parseCount)
  connectionOptions(plot)
    .addHelpText('after', plotHelp)
    .action(async (options: PlotOptions) => {
      const { runPlot } = await import('./plot-command')
      done(await runPlot(context, options))
    })
}

/**
 * The `img-open` command tree. Each action loads its command module on use (so `--help` and
 * usage errors answer without loading the services), runs it and hands its exit status to
 * `done`; failures are thrown and turned into one line by the caller.
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
  addTaskCommands(program, context, done)
  addToolCommands(program, context, done)
  addTrainCommand(program, context, done, connectionOptions)
  addListCommands(program, context, done)
  return program
}
