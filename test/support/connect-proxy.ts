import { createServer, type Server } from 'node:http'
import { connect, type Socket } from 'node:net'
import { afterEach } from 'vitest'

export interface ConnectProxy {
  readonly url: string
  /** `host:port` of every CONNECT request. */
  readonly tunnels: string[]
  /** Every byte the client sent into a tunnel. */
  readonly seen: Buffer[]
  close(): Promise<void>
}

/**
 * How the proxy answers a CONNECT: it opens the tunnel, refuses it (403), or never answers (as a
 * proxy that hangs).
 */
export type ConnectProxyMode = 'tunnel' | 'refuse' | 'silent'

/** A tiny HTTP CONNECT proxy on 127.0.0.1. */
export async function startConnectProxy(mode: ConnectProxyMode = 'tunnel'): Promise<ConnectProxy> {
  const tunnels: string[] = []
  const seen: Buffer[] = []
  const sockets = new Set<Socket>()
  const server: Server = createServer((_req, res) => res.writeHead(405).end())
  server.on('connect', (req, client: Socket, head: Buffer) => {
    sockets.add(client)
    tunnels.push(req.url ?? '')
    client.on('error', () => undefined)
    if (mode === 'silent') return
    if (mode === 'refuse') return void client.end('HTTP/1.1 403 Forbidden\r\n\r\n')
    const [host, port] = (req.url ?? '').split(':')
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) upstream.write(head)
      client.on('data', (chunk: Buffer) => seen.push(chunk))
      client.pipe(upstream).pipe(client)
    })
    sockets.add(upstream)
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    seen,
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

/** Proxies for one test, closed after it. */
export function useConnectProxies(): (mode?: ConnectProxyMode) => Promise<ConnectProxy> {
  const proxies: ConnectProxy[] = []
  afterEach(async () => {
    await Promise.all(proxies.splice(0).map((proxy) => proxy.close()))
  })
  return async (mode) => {
    const started = await startConnectProxy(mode)
    proxies.push(started)
    return started
  }
}
