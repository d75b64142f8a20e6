import { AppError, type KeychainPlatform, type KeychainProblem } from '#contract'

export const toKeychainPlatform = (platform: NodeJS.Platform): KeychainPlatform =>
  platform === 'linux' || platform === 'darwin' || platform === 'win32' ? platform : 'other'

type Rule = readonly [RegExp, KeychainProblem]

const unavailable = (reason: KeychainProblem['reason']): KeychainProblem => ({
  code: 'keychain_unavailable',
  reason,
})
const locked: KeychainProblem = { code: 'keychain_locked', reason: 'locked' }

/*
 * The texts libsecret/GDBus (Linux), Security.framework (macOS) and the Credential Manager
 * (Windows) put in keytar's errors, as seen on real machines. Order matters: the first match wins.
 */
const rules: readonly Rule[] = [
  // Linux: no session bus, or a bus where nothing provides the Secret Service.
  [/autolaunch|\$DISPLAY|dbus-launch/i, unavailable('no_secret_service')],
  [
    /org\.freedesktop\.secrets was not provided|ServiceUnknown|not provided by any \.service/i,
    unavailable('no_secret_service'),
  ],
  [
    /Could not connect|Connection refused|No such file or directory|Timeout was reached|Did not receive a reply/i,
    unavailable('no_secret_service'),
  ],
  // Linux: a keyring that is locked, or whose unlock prompt was dismissed; macOS: locked in the background.
  [
    /locked collection|is locked|Prompt dismissed|dismissed the prompt|User interaction is not allowed/i,
    locked,
  ],
  // Linux: the daemon runs but has no default keyring; macOS: no default keychain.
  [
    /Object does not exist at path|No such object|aliases\/default|keychain could not be found/i,
    unavailable('no_keyring'),
  ],
  // Everyone: the system refused us.
  [
    /AccessDenied|Access is denied|access denied|not permitted|passphrase you entered is not correct|User canceled/i,
    unavailable('denied'),
  ],
]

/** Maps whatever keytar threw to the problem a user can act on; unknown texts stay `unknown`. */
export function classifyKeychainMessage(message: string): KeychainProblem {
  for (const [pattern, problem] of rules) if (pattern.test(message)) return problem
  return unavailable('unknown')
}

const summaries: Record<KeychainProblem['reason'], string> = {
  not_installed: 'The keychain module (keytar) is not built on this machine.',
  no_secret_service: 'No Secret Service is running (install and start gnome-keyring or KWallet).',
  no_keyring: 'The keychain has no default keyring to store keys in.',
  denied: 'The system keychain refused access.',
  locked: 'The system keychain is locked; unlock it and try again.',
  unreadable: 'The stored keys could not be read.',
  unknown: 'The system keychain did not work.',
}

/**
 * The AppError for a keychain problem. The message is a fixed English sentence (never the raw
 * exception text); the renderer localises from `code`, `details.reason` and `details.platform`.
 */
export function keychainError(problem: KeychainProblem, platform: KeychainPlatform): AppError {
  return new AppError(problem.code, summaries[problem.reason], { reason: problem.reason, platform })
}

/** Reads `reason` back from an AppError made by `keychainError`. */
export function problemOf(error: AppError): KeychainProblem | null {
  if (
    error.code !== 'keychain_unavailable' &&
    error.code !== 'keychain_locked' &&
    error.code !== 'keys_needed'
  )
    return null
  const reason = error.details?.reason
  const known = Object.hasOwn(summaries, String(reason))
  return { code: error.code, reason: known ? (reason as KeychainProblem['reason']) : 'unknown' }
}
