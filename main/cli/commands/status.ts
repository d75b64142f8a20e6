import type { Command } from 'commander'
import type { CliContext } from '../cli-context'
import type { StatusOptions } from '../status-command'
import { connectionOptions, type Done } from './options'

const statusHelp = `
Examples:
  $ img-open status iowmkq3x9a1f0c2b7e4d95
  $ img-open status iowmkq3x9a1f0c2b7e4d95 --wait --json`

/** `img-open status`: one task from the history, refreshed while it is unfinished. */
export function registerStatus(program: Command, context: CliContext, done: Done): void {
  const status = program
    .command('status')
    .description('show a task from the history, refreshed from the service while it is unfinished')
    .argument('<task-id>', 'the task id printed by generate')
    .option('--wait', 'wait until the task ends, showing its progress')
    .option('--json', 'print the task as one JSON object')
  connectionOptions(status, false)
    .addHelpText('after', statusHelp)
    .action(async (taskId: string, options: StatusOptions) => {
      const { runStatus } = await import('../status-command')
      done(await runStatus(context, taskId, options))
    })
}
