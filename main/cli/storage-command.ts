import { z } from 'zod'
import { storageConfigSchema, type Profile } from '#contract'
import { exitCodes, usageError, type ExitCode } from './cli-errors'
import { printJson, printLine, type CliContext } from './cli-context'
import { chooseProfile, withServices } from './cli-session'
import { callProcedure, checkInput } from './procedure-call'
import { describeKeys, saveKeys } from './profile-command'
import { keysToStore } from './secret-input'

export interface StorageOptions {
  readonly profile?: string
  readonly json?: boolean
}

export interface StorageSetOptions extends StorageOptions {
  readonly bucket: string
  readonly endpoint?: string
  readonly region?: string
  readonly prefix?: string
  readonly pathStyle?: boolean
  readonly expiry?: number
  readonly keepUploads?: boolean
}

/** The schema's paths and the options they come from, so a refused value names the option. */
const storageFields = {
  'storage.bucket': '--bucket',
  'storage.endpoint': '--endpoint',
  'storage.region': '--region',
  'storage.prefix': '--prefix',
  'storage.urlExpirySeconds': '--expiry',
}

const storageJson = (profile: Profile) => ({
  profile: profile.name,
  storage: profile.storage === null ? null : { ...profile.storage },
  keys: {
    set: profile.storageKeys.set,
    store: profile.storageKeys.store,
    key_id_last4: profile.storageKeys.keyIdLast4,
  },
})

/** `img-open storage set --bucket B [--endpoint URL …]`: where local images go, then its keys. */
export async function runStorageSet(context: CliContext, options: StorageSetOptions): Promise<ExitCode> {
  const storage = {
    bucket: options.bucket,
    ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
    ...(options.region !== undefined ? { region: options.region } : {}),
    ...(options.prefix !== undefined ? { prefix: options.prefix } : {}),
    ...(options.expiry !== undefined ? { urlExpirySeconds: options.expiry } : {}),
    forcePathStyle: options.pathStyle === true,
    keepUploads: options.keepUploads === true,
  }
  checkInput(z.object({ storage: storageConfigSchema }), { storage }, storageFields)
  return withServices(context, {}, async (services) => {
    const chosen = await chooseProfile(services, options.profile)
    if (chosen.kind === 'demo') throw usageError('demoStorageBuiltIn')
    const given = await keysToStore(context, 'storage')
    await callProcedure(services, 'profiles.setStorage', { id: chosen.id, storage }, storageFields)
    const command = storageKeysCommand(chosen)
    await saveKeys(context, services, { profileId: chosen.id, kind: 'storage', given, command })
    const profile = await services.profiles.get(chosen.id)
    if (options.json) printJson(context, storageJson(profile))
    else
      printLine(
        context,
        context.say('storageSaved', {
          name: profile.name,
          bucket: options.bucket,
          endpoint: options.endpoint ?? 'AWS S3',
          keys: describeKeys(context, profile.storageKeys),
        }),
      )
    return exitCodes.ok
  })
}

const storageKeysCommand = (profile: Profile) => `storage keys --profile "${profile.name}"`

/** `img-open storage keys`: replaces the storage's keys (a rotated key). */
export async function runStorageKeys(context: CliContext, options: StorageOptions): Promise<ExitCode> {
  return withServices(context, {}, async (services) => {
    const profile = await chooseProfile(services, options.profile)
    if (profile.kind === 'demo') throw usageError('demoStorageBuiltIn')
    if (profile.storage === null) throw usageError('storageNone', { name: profile.name })
    const given = await keysToStore(context, 'storage')
    const command = storageKeysCommand(profile)
    const stored = await saveKeys(context, services, {
      profileId: profile.id,
      kind: 'storage',
      given,
      command,
    })
    if (stored === null) return exitCodes.failure
    printLine(context, context.say('keysSaved', { name: profile.name, keys: describeKeys(context, stored) }))
    return exitCodes.ok
  })
}

/** `img-open storage show`: the profile's storage settings; the keys as status only. */
export async function runStorageShow(context: CliContext, options: StorageOptions): Promise<ExitCode> {
  return withServices(context, {}, async (services) => {
    const profile = await chooseProfile(services, options.profile)
    if (options.json) {
      printJson(context, storageJson(profile))
      return exitCodes.ok
    }
    const storage = profile.storage
    if (storage === null) {
      printLine(
        context,
        context.say(profile.kind === 'demo' ? 'storageDemo' : 'storageNone', { name: profile.name }),
      )
      return exitCodes.ok
    }
    const yesNo = (value: boolean) => context.say(value ? 'yes' : 'no')
    printLine(
      context,
      context.say('storageShow', {
        name: profile.name,
        endpoint: storage.endpoint ?? 'AWS S3',
        region: storage.region,
        bucket: storage.bucket,
        prefix: storage.prefix,
        pathStyle: yesNo(storage.forcePathStyle),
        expiry: storage.urlExpirySeconds,
        keep: yesNo(storage.keepUploads),
        keys: describeKeys(context, profile.storageKeys),
      }),
    )
    return exitCodes.ok
  })
}

/** `img-open storage test`: uploads a probe, fetches it by its link and deletes it, as the app's Test does. */
export async function runStorageTest(context: CliContext, options: StorageOptions): Promise<ExitCode> {
  return withServices(context, {}, async (services) => {
    const profile = await chooseProfile(services, options.profile)
    const probe = await callProcedure(services, 'profiles.testStorage', { id: profile.id })
    if (options.json)
      printJson(context, {
        profile: profile.name,
        ok: true,
        bucket: probe.bucket,
        object_key: probe.objectKey,
      })
    else printLine(context, context.say('storageTestOk', { name: profile.name, bucket: probe.bucket }))
    return exitCodes.ok
  })
}
