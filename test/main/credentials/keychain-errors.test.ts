import { describe, expect, it } from 'vitest'
import { classifyKeychainMessage } from '../../../main/services/credentials/keychain-errors'
import { createCredentialsService } from '../../../main/services/credentials/credentials-service'
import { createKeytarSecretStore } from '../../../main/services/credentials/keytar-secret-store'
import { createLogger, createSecretRedactor } from '../../../main/services/logger'

describe('keychain failures as users can act on them', () => {
  it.each([
    // Linux, as libsecret/GDBus word them
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'keychain_unavailable', 'no_secret_service'],
    [
      'GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided by any .service files',
      'keychain_unavailable',
      'no_secret_service',
    ],
    ['Could not connect: No such file or directory', 'keychain_unavailable', 'no_secret_service'],
    ['Cannot create an item in a locked collection', 'keychain_locked', 'locked'],
    [
      'Object does not exist at path “/org/freedesktop/secrets/collection/login”',
      'keychain_unavailable',
      'no_keyring',
    ],
    [
      'GDBus.Error:org.freedesktop.DBus.Error.AccessDenied: Rejected send message',
      'keychain_unavailable',
      'denied',
    ],
    // macOS Security.framework
    ['User interaction is not allowed.', 'keychain_locked', 'locked'],
    ['The user name or passphrase you entered is not correct.', 'keychain_unavailable', 'denied'],
    ['A default keychain could not be found.', 'keychain_unavailable', 'no_keyring'],
    // Windows Credential Manager
    ['Access is denied.', 'keychain_unavailable', 'denied'],
    // Anything else stays honest
    ['Something nobody has seen before', 'keychain_unavailable', 'unknown'],
  ])('%s → %s/%s', (message, code, reason) => {
    expect(classifyKeychainMessage(message)).toEqual({ code, reason })
  })

  it('reports keytar that was never built as not_installed, and still runs on session keys', async () => {
    const redactor = createSecretRedactor()
    const logger = createLogger({ redactor })
    const keychain = createKeytarSecretStore({
      logger,
      platform: 'darwin',
      load: () => Promise.reject(new Error("Cannot find module '../build/Release/keytar.node'")),
    })
    await expect(keychain.get('p1')).rejects.toMatchObject({
      code: 'keychain_unavailable',
      details: { reason: 'not_installed', platform: 'darwin' },
    })
    const credentials = createCredentialsService({ keychain, redactor, logger, platform: 'darwin' })
    expect(await credentials.checkKeychain({ recheck: false })).toEqual({
      state: 'unavailable',
      newKeysGoTo: 'session',
      problem: { code: 'keychain_unavailable', reason: 'not_installed' },
      platform: 'darwin',
    })
    const status = await credentials.set(
      'p1',
      { accessKeyId: 'id-000042', accessKeySecret: 'secret-value-1' },
      { sessionOnly: false },
    )
    expect(status).toMatchObject({ set: true, store: 'session', keyIdLast4: '0042' })
    expect(await credentials.read('p1')).toEqual({
      accessKeyId: 'id-000042',
      accessKeySecret: 'secret-value-1',
    })
  })

  it('never puts the raw exception text in what it throws', async () => {
    const logger = createLogger({ redactor: createSecretRedactor() })
    const keychain = createKeytarSecretStore({
      logger,
      load: async () => ({
        getPassword: () => Promise.reject(new Error('weird failure with private detail /home/alice')),
        setPassword: () => Promise.reject(new Error('x')),
        deletePassword: () => Promise.reject(new Error('x')),
      }),
    })
    const error = await keychain.get('p1').catch((e: unknown) => e)
    expect(JSON.stringify({ ...(error as object), message: (error as Error).message })).not.toContain('alice')
  })
})
