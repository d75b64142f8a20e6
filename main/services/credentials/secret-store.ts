import type { KeyStore } from '#contract'

/**
 * Where secrets are kept, one value per account under the app's service name. Implementations
 * reject only with AppError (`keychain_unavailable` or `keychain_locked`, with `details.reason`).
 */
export interface SecretStore {
  readonly kind: KeyStore
  get(account: string): Promise<string | null>
  set(account: string, value: string): Promise<void>
  /** True if there was something to delete. */
  delete(account: string): Promise<boolean>
}

/** The app's service name in the OS keychain (what users see in Seahorse, Keychain Access…). */
export const keychainServiceName = 'img-open-workbench'

/**
 * Keys for this run only, for when there is no usable keychain (or the user asks for it). Nothing
 * is written anywhere: when the app quits, the keys are gone and the UI says so beforehand.
 */
export function createSessionSecretStore(): SecretStore {
  const values = new Map<string, string>()
  return {
    kind: 'session',
    get: async (account) => values.get(account) ?? null,
    set: async (account, value) => {
      values.set(account, value)
    },
    delete: async (account) => values.delete(account),
  }
}
