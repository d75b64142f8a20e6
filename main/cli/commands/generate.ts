import type { Command } from 'commander'
import { dynamicPromptLimits } from '#contract/limits'
import type { CliContext } from '../cli-context'
import type { GenerateOptions } from '../generate-command'
import { connectionOptions, parseDynamicCount, parseDynamicMode, type Done } from './options'

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

/** `img-open generate`: a text2image task from a params file. */
export function registerGenerate(program: Command, context: CliContext, done: Done): void {
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
      const { runGenerate } = await import('../generate-command')
      done(await runGenerate(context, options))
    })
}
