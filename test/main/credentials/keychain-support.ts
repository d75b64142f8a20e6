import { randomUUID } from 'node:crypto'
import keytar from 'keytar'
import { afterEach } from 'vitest'
import { createServices, type Services } from '../../../main/services/create-services'
import { useTempDirs } from '../../support/temp-dir'

/**
 * Real services on a temp data dir, with the real OS keychain under a service name of their own
 * (so tests never touch the app's entries). Every entry under that name is removed afterwards.
 */
export interface KeychainServices {
  readonly services: Services
  readonly service: string
  readonly dataDir: string
  /** Closes the services now (as when the app quits); safe to call again. */
  close(): Promise<void>
}

export function useKeychainServices(): () => Promise<KeychainServices> {
  const tempDir = useTempDirs()
  const opened: KeychainServices[] = []
  afterEach(async () => {
    for (const { close, service } of opened.splice(0)) {
      await close()
      for (const { account } of await keytar.findCredentials(service))
        await keytar.deletePassword(service, account)
    }
  })
  return async () => {
    const dataDir = await tempDir()
    const service = `img-open-workbench-test-${randomUUID()}`
    const services = await createServices({
      dataDir,
      edition: 'test',
      version: '0.0.0-test',
      keychainService: service,
    })
    let closing: Promise<void> | null = null
    const close = () => (closing ??= services.close())
    const handle = { services, service, dataDir, close }
    opened.push(handle)
    return handle
  }
}

/** Calls a procedure the way the renderer does and returns the value, or throws the error shape. */
export async function call(services: Services, name: string, input: unknown): Promise<unknown> {
  const result = await services.dispatch(name, input, { transport: 'in-process' })
  if (!result.ok) throw Object.assign(new Error(result.error.message), result.error)
  return result.value
}
