import type { Command } from 'commander'
import type { AssetCommand, AssetsOptions } from '../assets-command'
import type { CliContext } from '../cli-context'
import { connectionOptions, type Done } from './options'

const assetsHelp = (command: string) => `
Examples:
  $ img-open ${command}
  $ img-open ${command} --profile Work --json`

const assetDescriptions: Record<AssetCommand, string> = {
  models: 'list the checkpoints the service offers',
  loras: 'list the LoRAs the service offers',
  vaes: 'list the VAEs the service offers',
  embeddings: 'list the textual-inversion embeddings the service offers',
}

/** models, loras, vaes and embeddings: the service's lists. */
export function registerAssetCommands(program: Command, context: CliContext, done: Done): void {
  for (const name of Object.keys(assetDescriptions) as AssetCommand[]) {
    const command = program
      .command(name)
      .description(assetDescriptions[name])
      .option('--json', 'print { kind, total, items } as one JSON object')
    connectionOptions(command)
      .addHelpText('after', assetsHelp(name))
      .action(async (options: AssetsOptions) => {
        const { runAssets } = await import('../assets-command')
        done(await runAssets(context, name, options))
      })
  }
}
