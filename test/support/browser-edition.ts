import { fileURLToPath } from 'node:url'
import { afterEach } from 'vitest'
import type { Services } from '../../main/services/create-services'
import { startBrowserBridge, type BrowserBridge } from '../../main/transport/browser-bridge'

export const builtRendererDir = fileURLToPath(new URL('../../out/renderer', import.meta.url))

/** Serves the built renderer and the services' dispatcher exactly as `npm run start:browser` does. */
export function useBrowserBridge(): (services: Services) => Promise<BrowserBridge> {
  const open: BrowserBridge[] = []
  afterEach(async () => {
    await Promise.all(open.splice(0).map((bridge) => bridge.close()))
  })
  return async (services) => {
    const bridge = await startBrowserBridge({
      dispatch: services.dispatch,
      events: services.events,
      logger: services.logger,
      rendererDir: builtRendererDir,
    })
    open.push(bridge)
    return bridge
  }
}
