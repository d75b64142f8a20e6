import { createServer, type RequestListener, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach } from 'vitest'

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  readonly origin: string
  readonly server: Server
}

/** Starts HTTP servers on 127.0.0.1 for one test; each is closed (connections too) after the test. */
export function useLoopbackServers(): (handler: RequestListener) => Promise<LoopbackServer> {
  const open: Server[] = []
  afterEach(async () => {
    await Promise.all(
      open.splice(0).map(
        (server) =>
          new Promise<void>((resolve) => {
            server.closeAllConnections()
            server.close(() => resolve())
          }),
      ),
    )
  })
  return async (handler) => {
    const server = createServer(handler)
    open.push(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
    return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }
  }
}
