import type { Command } from 'commander'
import type { CliContext } from '../cli-context'
import type { TrainOptions } from '../train-command'
import { connectionOptions, type Done } from './options'

/** `img-open train`: a LoRA from a folder of images (§14); the command module loads on run. */
export function registerTrain(program: Command, context: CliContext, done: Done): void {
  const train = program
    .command('train')
    .description('train a LoRA from a folder of 10–100 images (model training, §14)')
    .requiredOption('--images <dir>', 'folder of PNG, JPEG or WebP training images')
    .requiredOption('--params <file>', 'JSON file with the training fields (API names, e.g. maxEpochs)')
    .option('--trigger <words...>', 'trigger words for the LoRA preset')
    .option('--keep-uploads', 'keep the uploaded images in the storage after the job ends')
    .option('--link-days <n>', 'how long the image links live, 1–7 days (default 7)')
    .option('--wait', 'wait until the LoRA appears in the LoRA list')
    .option('--interval <seconds>', 'seconds between LoRA-list checks while waiting (default 60)')
    .option('--json', 'print one JSON object { task_id, status, lora, preset_id }')
  connectionOptions(train).action(async (options: TrainOptions) => {
    const { runTrain } = await import('../train-command')
    done(await runTrain(context, options))
  })
}
