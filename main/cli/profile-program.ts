import { InvalidArgumentError, type Command } from 'commander'
import { storageLimits } from '#contract/schemas/storage'
import type { CliContext } from './cli-context'
import type { Done } from './cli-options'
import type { ProfileAddOptions, ProfileOptions } from './profile-command'
import type { StorageOptions, StorageSetOptions } from './storage-command'

const keysHelp = `
Keys are never taken from the command line. They are read from the environment when set, or
asked for at the terminal (not shown as you type), and kept in the OS keychain:
  API keys      IMG_OPEN_ACCESS_KEY_ID, IMG_OPEN_ACCESS_KEY_SECRET
  storage keys  IMG_OPEN_STORAGE_ACCESS_KEY_ID, IMG_OPEN_STORAGE_SECRET_ACCESS_KEY
Without a keychain (a server, CI) keys are not saved: pass the same variables with each command.`

const profileHelp = `${keysHelp}

Examples:
  $ img-open profile add Work --base-url https://api.example.com --use
  $ IMG_OPEN_ACCESS_KEY_ID=… IMG_OPEN_ACCESS_KEY_SECRET=… img-open profile keys Work
  $ img-open profile list --json
  $ img-open profile test Work
  $ img-open profile remove Old --yes`

const storageHelp = `
Local images (img2img sources, masks, control images, training sets) are uploaded to the profile's
own S3-compatible storage (AWS S3, Aliyun OSS, Tencent COS, Cloudflare R2, MinIO) and sent as a
presigned link.
${keysHelp}

Examples:
  $ img-open storage set --bucket my-images --endpoint https://oss-cn-hangzhou.aliyuncs.com --region cn-hangzhou
  $ img-open storage set --profile Work --bucket renders --endpoint http://127.0.0.1:9000 --path-style
  $ img-open storage test --profile Work
  $ img-open storage keys --profile Work
  $ img-open storage show --json`

const parseExpiry = (text: string): number => {
  const { min, max } = storageLimits.urlExpirySeconds
  const value = Number(text)
  if (!Number.isInteger(value) || value < min || value > max)
    throw new InvalidArgumentError(`use whole seconds from ${min} to ${max} (7 days)`)
  return value
}

/** `img-open profile list|add|keys|use|remove|test`: connection profiles without the app. */
export function addProfileCommands(program: Command, context: CliContext, done: Done): void {
  const profile = program
    .command('profile')
    .description('list, add, choose, test and remove connection profiles')
    .addHelpText('after', profileHelp)
  const load = () => import('./profile-command')
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

/** `img-open storage set|show|test`: the profile's image storage without the app. */
export function addStorageCommands(program: Command, context: CliContext, done: Done): void {
  const storage = program
    .command('storage')
    .description("set up, show and test a profile's image storage (for local images)")
    .addHelpText('after', storageHelp)
  const load = () => import('./storage-command')
  storage
    .command('set')
    .description('set where local images are uploaded, then store the storage keys')
    .option('--profile <name>', 'connection profile by name (default: the active one)')
    .requiredOption('--bucket <name>', 'the bucket')
    .option('--endpoint <url>', 'the S3 endpoint (default: AWS S3 for the region)')
    .option('--region <region>', 'the region (default us-east-1)')
    .option('--prefix <prefix>', 'object keys start with this (default img-open-workbench/)')
    .option('--path-style', 'bucket in the path, not the host name (MinIO and most self-hosted servers)')
    .option('--expiry <seconds>', 'how long presigned links work (default 3600)', parseExpiry)
    .option('--keep-uploads', 'keep uploaded images after their task ends (default: delete them)')
    .option('--json', 'print { profile, storage, keys } as one JSON object')
    .action(async (options: StorageSetOptions) => done(await (await load()).runStorageSet(context, options)))
  for (const [name, description] of [
    ['keys', "replace the storage's access keys (a rotated key)"],
    ['show', "show the profile's image storage; its keys as status only"],
    ['test', 'upload a probe object, fetch it by its presigned link and delete it'],
  ] as const) {
    storage
      .command(name)
      .description(description)
      .option('--profile <name>', 'connection profile by name (default: the active one)')
      .option('--json', 'print the result as one JSON object')
      .action(async (options: StorageOptions) => {
        const commands = await load()
        const runs = {
          keys: commands.runStorageKeys,
          show: commands.runStorageShow,
          test: commands.runStorageTest,
        }
        const run = runs[name]
        done(await run(context, options))
      })
  }
}
