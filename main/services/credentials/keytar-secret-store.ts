import { AppError } from '#contract'
import type { Logger } from '../logger'
import { classifyKeychainMessage, keychainError, toKeychainPlatform } from './keychain-errors'
import { keychainServiceName, type SecretStore } from './secret-store'

/** The part of keytar the app uses. */
export interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
}

export interface KeytarSecretStoreOptions {
  readonly logger: Logger
  /** Tests use their own service name so they never touch the app's entries. */
  readonly service?: string
  readonly platform?: NodeJS.Platform
  /** Loads keytar; injected in tests to act out a machine where it was never built. */
  readonly load?: () => Promise<KeytarModule>
}

const isKeytar = (value: unknown): value is KeytarModule =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Record<string, unknown>).getPassword === 'function' &&
  typeof (value as Record<string, unknown>).setPassword === 'function' &&
  typeof (value as Record<string, unknown>).deletePassword === 'function'

/**
 * keytar is an optional native module: loaded on first use with a dynamic import, so a machine
 * without it (or without libsecret) still starts and reports `not_installed` instead of crashing.
 */
async function importKeytar(): Promise<KeytarModule> {
  const loaded: unknown = await import('keytar')
  const candidate = (loaded as { default?: unknown }).default ?? loaded
  if (!isKeytar(candidate)) throw new Error('keytar has an unexpected shape')
  return candidate
}

/**
 * The OS keychain (Secret Service on Linux, Keychain on macOS, Credential Manager on Windows)
 * through keytar. This is the only module that imports keytar. Every failure becomes a typed
 * AppError with a reason the UI turns into a fix for the user's platform; the raw text goes only
 * to the (redacted) log.
 */
export function createKeytarSecretStore(options: KeytarSecretStoreOptions): SecretStore {
  const service = options.service ?? keychainServiceName
  const platform = toKeychainPlatform(options.platform ?? process.platform)
  let keytar: Promise<KeytarModule> | null = null
  // A missing keychain fails every call the same way; say so once, not on every profile listing.
  const reported = new Set<string>()
  const report = (event: string, fields: Record<string, unknown>) => {
    const key = `${event}:${String(fields.reason ?? '')}`
    const level = reported.has(key) ? 'debug' : 'warn'
    reported.add(key)
    options.logger[level](event, fields)
  }

  const module = async (): Promise<KeytarModule> => {
    keytar ??= (options.load ?? importKeytar)()
    try {
      return await keytar
    } catch (error) {
      report('keychain.not_installed', { error: describe(error) })
      throw keychainError({ code: 'keychain_unavailable', reason: 'not_installed' }, platform)
    }
  }

  const run = async <T>(operation: string, call: (k: KeytarModule) => Promise<T>): Promise<T> => {
    const k = await module()
    try {
      return await call(k)
    } catch (error) {
      if (error instanceof AppError) throw error
      const message = describe(error)
      const problem = classifyKeychainMessage(message)
      report('keychain.failed', { operation, reason: problem.reason, error: message })
      throw keychainError(problem, platform)
    }
  }

  return {
    kind: 'keychain',
    get: (account) => run('get', (k) => k.getPassword(service, account)),
    set: (account, value) => run('set', (k) => k.setPassword(service, account, value)),
    delete: (account) => run('delete', (k) => k.deletePassword(service, account)),
  }
}

const describe = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).slice(0, 300)
