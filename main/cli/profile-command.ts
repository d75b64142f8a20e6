import { procedures, type KeysStatus, type Profile } from '#contract'
import type { Services } from '../services/create-services'
import { CliError, exitCodes, usageError, type ExitCode } from './cli-errors'
import { noteLine, printJson, printLine, type CliContext } from './cli-context'
import { chooseProfile, withServices } from './cli-session'
import { callProcedure, checkInput } from './procedure-call'
import { keyEnv, keysToStore, type GivenKeys, type KeyKind } from './secret-input'

export interface ProfileAddOptions {
  readonly baseUrl: string
  readonly allowInsecureHttp?: boolean
  readonly defaultCheckpoint?: string
  readonly defaultVae?: string
  readonly use?: boolean
  readonly json?: boolean
}

export interface ProfileOptions {
  readonly json?: boolean
  readonly yes?: boolean
}

const addFields = {
  name: 'NAME',
  baseUrl: '--base-url',
  defaultCheckpoint: '--default-checkpoint',
  defaultVae: '--default-vae',
}

/** Key status as people read it: where the keys are and the last four of the id, never more. */
export function describeKeys(context: CliContext, keys: KeysStatus): string {
  if (!keys.required) return context.say('keysNotNeeded')
  if (!keys.set) return context.say('keysNotSet')
  const last4 = keys.keyIdLast4 ?? ''
  return context.say(keys.store === 'keychain' ? 'keysInKeychain' : 'keysThisRun', { last4 })
}

/** A profile as `--json` prints it: what the app shows, snake_case like the other commands. */
export const profileJson = (profile: Profile) => ({
  id: profile.id,
  name: profile.name,
  kind: profile.kind,
  base_url: profile.baseUrl,
  active: profile.active,
  allow_insecure_http: profile.allowInsecureHttp,
  default_checkpoint: profile.defaultCheckpoint,
  default_vae: profile.defaultVae,
  keys: { set: profile.keys.set, store: profile.keys.store, key_id_last4: profile.keys.keyIdLast4 },
  storage: profile.storage === null ? null : { ...profile.storage },
  storage_keys: {
    set: profile.storageKeys.set,
    store: profile.storageKeys.store,
    key_id_last4: profile.storageKeys.keyIdLast4,
  },
})

/**
 * Stores keys given in the environment or at the prompt in the OS keychain. Keys typed at a prompt
 * that the keychain cannot keep are refused (they would be lost at exit); keys from the environment
 * are used per run anyway, so that case is a note. Null when nothing was stored.
 */
export async function saveKeys(
  context: CliContext,
  services: Services,
  save: { profileId: string; kind: KeyKind; given: GivenKeys | null; command: string },
): Promise<KeysStatus | null> {
  const { profileId, kind, given, command } = save
  const env = keyEnv[kind]
  const vars = { envId: env.id, envSecret: env.secret }
  if (given === null) {
    noteLine(context, context.say('keysNotGiven', { ...vars, command }))
    return null
  }
  const keychain = await callProcedure(services, 'credentials.checkKeychain', { recheck: true })
  if (keychain.state !== 'ready') {
    if (given.from === 'prompt') throw new CliError('failure', 'keychainCannotKeep', vars)
    noteLine(context, context.say('keysNotSaved', vars))
    return null
  }
  return kind === 'api'
    ? callProcedure(services, 'credentials.set', {
        profileId,
        accessKeyId: given.id,
        accessKeySecret: given.secret,
      })
    : callProcedure(services, 'credentials.setStorageKeys', {
        profileId,
        accessKeyId: given.id,
        secretAccessKey: given.secret,
      })
}

const profileKeysCommand = (name: string) => `profile keys "${name}"`

/** `img-open profile list`. */
export async function runProfileList(context: CliContext, options: ProfileOptions): Promise<ExitCode> {
  return withServices(context, {}, async (services) => {
    const { profiles } = await callProcedure(services, 'profiles.list', {})
    if (options.json) {
      printJson(context, { profiles: profiles.map(profileJson) })
      return exitCodes.ok
    }
    const width = Math.min(32, Math.max(...profiles.map((profile) => profile.name.length)))
    for (const profile of profiles) {
      const address = profile.baseUrl ?? context.say('demoAddress')
      const storage = profile.storage?.bucket ?? (profile.kind === 'demo' ? context.say('demoStorage') : '-')
      printLine(
        context,
        `${profile.active ? '*' : ' '} ${profile.name.padEnd(width)}  ${address}  ` +
          context.say('profileListTail', { keys: describeKeys(context, profile.keys), storage }),
      )
    }
    return exitCodes.ok
  })
}

/** `img-open profile add NAME --base-url URL`: the profile, then its keys, undone if they fail. */
export async function runProfileAdd(
  context: CliContext,
  name: string,
  options: ProfileAddOptions,
): Promise<ExitCode> {
  const input = {
    name,
    baseUrl: options.baseUrl,
    ...(options.allowInsecureHttp ? { allowInsecureHttp: true } : {}),
    ...(options.defaultCheckpoint ? { defaultCheckpoint: options.defaultCheckpoint } : {}),
    ...(options.defaultVae ? { defaultVae: options.defaultVae } : {}),
  }
  checkInput(procedures['profiles.create'].input, input, addFields)
  const given = await keysToStore(context, 'api')
  return withServices(context, {}, async (services) => {
    let profile = await callProcedure(services, 'profiles.create', input, addFields)
    try {
      await saveKeys(context, services, {
        profileId: profile.id,
        kind: 'api',
        given,
        command: profileKeysCommand(profile.name),
      })
    } catch (error) {
      await callProcedure(services, 'profiles.delete', { id: profile.id })
      throw error
    }
    if (options.use) await callProcedure(services, 'profiles.setActive', { id: profile.id })
    profile = await services.profiles.get(profile.id)
    if (options.json) printJson(context, { profile: profileJson(profile) })
    else
      printLine(
        context,
        context.say('profileAdded', { name: profile.name, keys: describeKeys(context, profile.keys) }),
      )
    return exitCodes.ok
  })
}

/** `img-open profile keys [NAME]`: replaces a profile's API keys (a rotated key). */
export async function runProfileKeys(context: CliContext, name: string | undefined): Promise<ExitCode> {
  return withServices(context, {}, async (services) => {
    const profile = await chooseProfile(services, name)
    if (profile.kind === 'demo') throw usageError('demoNeedsNoKeys')
    const given = await keysToStore(context, 'api')
    const stored = await saveKeys(context, services, {
      profileId: profile.id,
      kind: 'api',
      given,
      command: profileKeysCommand(profile.name),
    })
    if (stored === null) return exitCodes.failure
    printLine(context, context.say('keysSaved', { name: profile.name, keys: describeKeys(context, stored) }))
    return exitCodes.ok
  })
}

/** `img-open profile use NAME`. */
export async function runProfileUse(context: CliContext, name: string): Promise<ExitCode> {
  return withServices(context, {}, async (services) => {
    const profile = await chooseProfile(services, name)
    await callProcedure(services, 'profiles.setActive', { id: profile.id })
    printLine(context, context.say('profileActive', { name: profile.name }))
    return exitCodes.ok
  })
}

/** `img-open profile remove NAME --yes`: the profile and its keys, API and storage. */
export async function runProfileRemove(
  context: CliContext,
  name: string,
  options: ProfileOptions,
): Promise<ExitCode> {
  return withServices(context, {}, async (services) => {
    const profile = await chooseProfile(services, name)
    if (!options.yes) throw usageError('removeNeedsYes', { name: profile.name })
    const { activeProfileId } = await callProcedure(services, 'profiles.delete', { id: profile.id })
    const active = await services.profiles.get(activeProfileId)
    printLine(context, context.say('profileRemoved', { name: profile.name, active: active.name }))
    return exitCodes.ok
  })
}

/** `img-open profile test [NAME]`: lists the models with the profile's keys, as the app's Test does. */
export async function runProfileTest(
  context: CliContext,
  name: string | undefined,
  options: ProfileOptions,
): Promise<ExitCode> {
  return withServices(context, {}, async (services) => {
    const profile = await chooseProfile(services, name)
    const { modelCount } = await callProcedure(services, 'profiles.testConnection', { id: profile.id })
    if (options.json) printJson(context, { profile: profile.name, ok: true, model_count: modelCount })
    else
      printLine(
        context,
        context.say('profileTestOk', {
          name: profile.name,
          address: profile.baseUrl ?? context.say('demoAddress'),
          count: modelCount,
        }),
      )
    return exitCodes.ok
  })
}
