import { randomBytes } from 'node:crypto'
import { AppError, isAppError, type KeychainProblem, type KeychainStatus, type KeysStatus } from '#contract'
import type { Logger, SecretRedactor } from '../logger'
import { decodeKeys, encodeKeys, type AccessKeys } from './access-keys'
import { keychainError, problemOf, toKeychainPlatform } from './keychain-errors'
import { createSessionSecretStore, type SecretStore } from './secret-store'

export interface CredentialsServiceDeps {
  /** The OS keychain (keytar), or any SecretStore in tests. */
  readonly keychain: SecretStore
  /** Where keys go when there is no usable keychain; memory only. */
  readonly session?: SecretStore
  readonly redactor: SecretRedactor
  readonly logger: Logger
  readonly platform?: NodeJS.Platform
}

/** Which of a profile's two key pairs: the Img Open API's, or its image storage's (S3). */
export type KeyKind = 'api' | 'storage'

/**
 * Every method takes `which` last (default: the API keys). The storage keys (access key id and
 * secret access key of the profile's S3-compatible storage) live beside the API keys, with the
 * same write-only rules, session fallback and redaction.
 */
export interface CredentialsService {
  status(profileId: string, which?: KeyKind): Promise<KeysStatus>
  /**
   * Stores the keys in the keychain. If there is no usable keychain they are kept for this run
   * only and the status says `store: 'session'`; a locked keychain is an error the user can fix
   * (or answer with `sessionOnly`).
   */
  set(
    profileId: string,
    keys: AccessKeys,
    options: { sessionOnly: boolean },
    which?: KeyKind,
  ): Promise<KeysStatus>
  /** Removes the keys from the session and the keychain; refuses while the keychain is locked. */
  clear(profileId: string, which?: KeyKind): Promise<KeysStatus>
  /**
   * The keys themselves, for `resolveConnection` and the image storage only; `keys_needed` (with
   * `details.which`) when there are none.
   */
  read(profileId: string, which?: KeyKind): Promise<AccessKeys>
  checkKeychain(options: { recheck: boolean }): Promise<KeychainStatus>
}

const notSet = (problem: KeychainProblem | null = null): KeysStatus => ({
  required: true,
  set: false,
  store: null,
  keyIdLast4: null,
  problem,
})

const isSet = (keys: AccessKeys, store: SecretStore['kind']): KeysStatus => ({
  required: true,
  set: true,
  store,
  keyIdLast4: keys.accessKeyId.slice(-4),
  problem: null,
})

/*
 * One keychain account per profile and key pair: the profile id for the API keys, and
 * "<profileId>:storage" for the storage keys (a profile id never holds ":", so the two cannot
 * collide). See access-keys.ts for the stored value.
 */
const accountOf = (profileId: string, which: KeyKind) =>
  which === 'api' ? profileId : `${profileId}:storage`

const neededMessages: Record<KeyKind, string> = {
  api: 'This profile needs its access keys.',
  storage: 'This profile needs the access keys of its image storage.',
}

/**
 * Write-only credentials (SECURITY.md #3, #4, #5): keys go into the OS keychain, never to disk in
 * any other form; what comes back out is their status. Every secret that passes through is
 * registered with the redactor so no log line can carry it.
 */
export function createCredentialsService(deps: CredentialsServiceDeps): CredentialsService {
  const { keychain, redactor, logger } = deps
  const session = deps.session ?? createSessionSecretStore()
  const platform = toKeychainPlatform(deps.platform ?? process.platform)
  let health: KeychainStatus = { state: 'unchecked', newKeysGoTo: 'keychain', problem: null, platform }
  let probing: Promise<KeychainStatus> | null = null

  const remember = (problem: KeychainProblem | null) => {
    const state = problem === null ? 'ready' : problem.code === 'keychain_locked' ? 'locked' : 'unavailable'
    health = { state, newKeysGoTo: state === 'unavailable' ? 'session' : 'keychain', problem, platform }
  }

  const decode = (raw: string): AccessKeys | null => {
    const keys = decodeKeys(raw)
    if (keys) registerKeys(keys)
    return keys
  }
  const registerKeys = (keys: AccessKeys) => {
    redactor.register(keys.accessKeySecret)
    redactor.register(keys.accessKeyId)
  }

  /** Keys from this run's memory first (they override the keychain), then the keychain. */
  const lookup = async (
    profileId: string,
    which: KeyKind,
  ): Promise<{ keys: AccessKeys; store: SecretStore['kind'] } | KeysStatus> => {
    const account = accountOf(profileId, which)
    const fromSession = await session.get(account)
    const sessionKeys = fromSession === null ? null : decode(fromSession)
    if (sessionKeys) return { keys: sessionKeys, store: 'session' }
    let raw: string | null
    try {
      raw = await keychain.get(account)
    } catch (error) {
      return notSet(problemOrRethrow(error))
    }
    if (raw === null) return notSet(health.state === 'locked' ? health.problem : null)
    const keys = decode(raw)
    if (!keys) {
      logger.warn('credentials.unreadable_entry', { profileId, which })
      return notSet({ code: 'keys_needed', reason: 'unreadable' })
    }
    return { keys, store: 'keychain' }
  }

  const probe = async (): Promise<KeychainStatus> => {
    const account = `probe.${randomBytes(6).toString('hex')}`
    const value = randomBytes(12).toString('hex')
    try {
      await keychain.set(account, value)
      const back = await keychain.get(account)
      await keychain.delete(account)
      remember(back === value ? null : { code: 'keychain_unavailable', reason: 'unknown' })
    } catch (error) {
      remember(problemOrRethrow(error))
    }
    logger.info('keychain.checked', { state: health.state, reason: health.problem?.reason ?? null })
    return health
  }

  const checkKeychain = ({ recheck }: { recheck: boolean }) => {
    if (!recheck && health.state !== 'unchecked') return Promise.resolve(health)
    probing ??= probe().finally(() => {
      probing = null
    })
    return probing
  }

  return {
    async status(profileId, which = 'api') {
      const found = await lookup(profileId, which)
      return 'keys' in found ? isSet(found.keys, found.store) : found
    },

    async set(profileId, keys, { sessionOnly }, which = 'api') {
      registerKeys(keys)
      const account = accountOf(profileId, which)
      if (sessionOnly) {
        await session.set(account, encodeKeys(keys))
        await forgetInKeychain(account)
        return isSet(keys, 'session')
      }
      try {
        await keychain.set(account, encodeKeys(keys))
      } catch (error) {
        const problem = problemOrRethrow(error)
        remember(problem)
        if (problem.code === 'keychain_locked') throw keychainError(problem, platform)
        logger.warn('credentials.session_only', { profileId, which, reason: problem.reason })
        await session.set(account, encodeKeys(keys))
        return { ...isSet(keys, 'session'), problem }
      }
      remember(null)
      await session.delete(account)
      logger.info('credentials.stored', { profileId, which, store: 'keychain' })
      return isSet(keys, 'keychain')
    },

    async clear(profileId, which = 'api') {
      const account = accountOf(profileId, which)
      await session.delete(account)
      // A locked Secret Service "deletes" nothing without an error, so find out first.
      const keychainNow = await checkKeychain({ recheck: true })
      if (keychainNow.state === 'locked' && keychainNow.problem)
        throw keychainError(keychainNow.problem, platform)
      await forgetInKeychain(account)
      logger.info('credentials.cleared', { profileId, which })
      return notSet()
    },

    async read(profileId, which = 'api') {
      const found = await lookup(profileId, which)
      if ('keys' in found) return found.keys
      const reason = found.problem?.reason ?? 'missing'
      throw new AppError('keys_needed', neededMessages[which], { profileId, reason, platform, which })
    },

    checkKeychain,
  }

  /**
   * Removes an entry where one can be reached. An unreachable keychain is logged, not fatal: callers
   * that must be sure (clear) check for a locked keychain first.
   */
  async function forgetInKeychain(account: string): Promise<void> {
    try {
      await keychain.delete(account)
    } catch (error) {
      const problem = problemOrRethrow(error)
      logger.warn('credentials.keychain_delete_failed', { reason: problem.reason })
    }
  }
}

/** Keychain AppErrors become a problem to report; anything else is a bug and propagates. */
function problemOrRethrow(error: unknown): KeychainProblem {
  const problem = isAppError(error) ? problemOf(error) : null
  if (!problem) throw error
  return problem
}
