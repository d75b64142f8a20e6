import type { Command } from 'commander'
import type { CliContext } from '../cli-context'
import type { PlotOptions } from '../plot-command'
import { connectionOptions, parseCount, type Done } from './options'

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

/** `img-open plot`: an X/Y/Z plot from a params file, each cell a task. */
export function registerPlot(program: Command, context: CliContext, done: Done): void {
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
      const { runPlot } = await import('../plot-command')
      done(await runPlot(context, options))
    })
}
