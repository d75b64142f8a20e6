import { createServices, type Services, type ServicesConfig } from '../../main/services/create-services'
import { afterEach } from 'vitest'

/** Builds the real services on a temp data dir; closed after each test. */
export function useServices(): (config: Partial<ServicesConfig> & { dataDir: string }) => Promise<Services> {
  const open: Services[] = []
  afterEach(async () => {
    await Promise.all(open.splice(0).map((services) => services.close()))
  })
  return async (config) => {
    const services = await createServices({ edition: 'test', version: '0.0.0-test', ...config })
    open.push(services)
    return services
  }
}
