import type { Command } from 'commander'
import type { CliContext } from '../cli-context'
import type { ProfileAddOptions, ProfileOptions } from '../profile-command'
import { keysHelp } from './keys-help'
import type { Done } from './options'

const profileHelp = `${keysHelp}

Examples:
  $ img-open profile add Work --base-url https://api.example.com --use
  $ IMG_OPEN_ACCESS_KEY_ID=… IMG_OPEN_ACCESS_KEY_SECRET=… img-open profile keys Work
  $ img-open profile list --json
  $ img-open profile test Work
  $ img-open profile remove Old --yes`

/** `img-open profile list|add|keys|use|remove|test`: connection profiles without the app. */
export function registerProfile(program: Command, context: CliContext, done: Done): void {
  const profile = program
    .command('profile')
    .description('list, add, choose, test and remove connection profiles')
    .addHelpText('after', profileHelp)
  const load = () => import('../profile-command')
  profile
    .command('list')
    .description('every profile; * marks the active one; keys as status only')
    .option('--json', 'print { profiles } as one JSON object')
    .action(async (options: ProfileOptions) => done(await (await load()).runProfileList(context, options)))
  profile
    .command('add <name>')
    .description('add a profile for an Img Open address and store its keys in the OS keychain')
    .requiredOption('--base-url <url>', 'the API address, e.g. https://api.example.com')
    .option('--allow-insecure-http', 'accept a plain http:// address on another machine (keys unencrypted)')
    .option('--default-checkpoint <name>', 'checkpoint used when a params file names none')
    .option('--default-vae <name>', 'VAE used when a params file names none')
    .option('--use', 'make it the active profile')
    .option('--json', 'print { profile } as one JSON object')
    .addHelpText('after', keysHelp)
    .action(async (name: string, options: ProfileAddOptions) =>
      done(await (await load()).runProfileAdd(context, name, options)),
    )
  profile
    .command('keys [name]')
    .description("replace a profile's API keys (default: the active profile)")
    .addHelpText('after', keysHelp)
    .action(async (name: string | undefined) => done(await (await load()).runProfileKeys(context, name)))
  profile
    .command('use <name>')
    .description('make a profile the active one')
    .action(async (name: string) => done(await (await load()).runProfileUse(context, name)))
  profile
    .command('remove <name>')
    .description('delete a profile and its keys (not the built-in demo)')
    .option('--yes', 'confirm')
    .action(async (name: string, options: ProfileOptions) =>
      done(await (await load()).runProfileRemove(context, name, options)),
    )
  profile
    .command('test [name]')
    .description("list the service's models with the profile's keys (default: the active profile)")
    .option('--json', 'print { profile, ok, model_count } as one JSON object')
    .action(async (name: string | undefined, options: ProfileOptions) =>
      done(await (await load()).runProfileTest(context, name, options)),
    )
}
