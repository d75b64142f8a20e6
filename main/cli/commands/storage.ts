import { InvalidArgumentError, type Command } from 'commander'
import { storageLimits } from '#contract/limits'
import type { CliContext } from '../cli-context'
import type { StorageOptions, StorageSetOptions } from '../storage-command'
import { keysHelp } from './keys-help'
import type { Done } from './options'

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

/** `img-open storage set|show|test`: the profile's image storage without the app. */
export function registerStorage(program: Command, context: CliContext, done: Done): void {
  const storage = program
    .command('storage')
    .description("set up, show and test a profile's image storage (for local images)")
    .addHelpText('after', storageHelp)
  const load = () => import('../storage-command')
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
