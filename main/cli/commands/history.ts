import type { Command } from 'commander'
import { historyPageLimit } from '#contract/limits'
import type { CliContext } from '../cli-context'
import type { HistoryOptions } from '../history-command'
import { parseLimit, type Done } from './options'

const historyHelp = `
Examples:
  $ img-open history
  $ img-open history --search "lighthouse dusk" --limit 5 --json`

/** `img-open history`: the newest tasks of the local history. */
export function registerHistory(program: Command, context: CliContext, done: Done): void {
  program
    .command('history')
    .description('list the newest tasks of the local history')
    .option('--search <text>', 'only tasks whose prompt has these words (word prefixes)')
    .option('--limit <n>', `how many tasks (1-${historyPageLimit})`, parseLimit, 20)
    .option('--json', 'print { total, tasks } as one JSON object')
    .addHelpText('after', historyHelp)
    .action(async (options: HistoryOptions) => {
      const { runHistory } = await import('../history-command')
      done(await runHistory(context, options))
    })
}
