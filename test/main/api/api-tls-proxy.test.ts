import { createServer, type Server } from 'node:http'
import { connect, type Socket } from 'node:net'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { tlsWarning } from '../../../main/services/api/api-dispatcher'
import { simulatorTestKeys } from '../../../main/simulator/sim-keys'
import { connectionTo, failureOf, params, useApiKit } from './api-test-kit'
import { makeTestCertificates, type TestCertificates } from './tls-kit'

let certs: TestCertificates
beforeAll(() => {
  certs = makeTestCertificates()
})

describe('TLS is always verified (SECURITY.md #18)', () => {
  const kit = useApiKit()

  it('works with a certificate the client trusts (the control case)', async () => {
    const simulator = await kit.simulator({ tls: certs.server })
    const { api } = kit.client({ ca: certs.caCert })
    expect(simulator.url).toMatch(/^https:/)
    await expect(api.submitText2Image(connectionTo(simulator), 'tls-ok', params())).resolves.toMatchObject({
      taskId: 'tls-ok',
    })
  })

  it('fails closed on a self-signed certificate, before any request reaches the server', async () => {
    const simulator = await kit.simulator({ tls: certs.selfSigned })
    const { api } = kit.client({ ca: certs.caCert })
    const error = await failureOf(api.submitText2Image(connectionTo(simulator), 'tls-self', params()))
    expect(error).toMatchObject({ code: 'network', details: { reason: 'tls' } })
    expect(error.message).toMatch(/certificate could not be verified/)
    expect(simulator.requests.count()).toBe(0)
  })

  it('fails closed on a trusted certificate for another host', async () => {
    const simulator = await kit.simulator({ tls: certs.wrongHost })
    const { api } = kit.client({ ca: certs.caCert })
    const error = await failureOf(api.queryTask(connectionTo(simulator), 'x'))
    expect(error).toMatchObject({ code: 'network', details: { reason: 'tls' } })
    expect(simulator.requests.count()).toBe(0)
  })

  it('still verifies when NODE_TLS_REJECT_UNAUTHORIZED=0 is set, and flags that setting', async () => {
    const simulator = await kit.simulator({ tls: certs.selfSigned })
    const { api } = kit.client()
    const before = process.env.NODE_TLS_REJECT_UNAUTHORIZED
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'
    try {
      expect(tlsWarning(process.env)).toMatch(/NODE_TLS_REJECT_UNAUTHORIZED=0/)
      expect((await failureOf(api.queryTask(connectionTo(simulator), 'x'))).details).toMatchObject({
        reason: 'tls',
      })
    } finally {
      if (before === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED
      else process.env.NODE_TLS_REJECT_UNAUTHORIZED = before
    }
    expect(tlsWarning({})).toBeNull()
  })
})

interface ConnectProxy {
  readonly url: string
  /** `host:port` of every CONNECT request. */
  readonly tunnels: string[]
  /** Every byte the client sent into a tunnel. */
  readonly seen: Buffer[]
  close(): Promise<void>
}

/** A tiny HTTP CONNECT proxy (or one that refuses every tunnel). */
async function startConnectProxy(refuse = false): Promise<ConnectProxy> {
  const tunnels: string[] = []
  const seen: Buffer[] = []
  const sockets = new Set<Socket>()
  const server: Server = createServer((_req, res) => res.writeHead(405).end())
  server.on('connect', (req, client: Socket, head: Buffer) => {
    sockets.add(client)
    tunnels.push(req.url ?? '')
    if (refuse) return void client.end('HTTP/1.1 403 Forbidden\r\n\r\n')
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

describe('HTTPS_PROXY and NO_PROXY are honoured (SECURITY.md #19)', () => {
  const kit = useApiKit()
  const proxies: ConnectProxy[] = []
  afterEach(async () => {
    await Promise.all(proxies.splice(0).map((proxy) => proxy.close()))
  })
  const proxy = async (refuse = false) => {
    const started = await startConnectProxy(refuse)
    proxies.push(started)
    return started
  }

  it('tunnels HTTPS calls through the proxy, which sees only ciphertext', async () => {
    const simulator = await kit.simulator({ tls: certs.server })
    const tunnel = await proxy()
    const { api } = kit.client({ ca: certs.caCert, env: { HTTPS_PROXY: tunnel.url } })
    await api.submitText2Image(connectionTo(simulator), 'via-proxy', params())
    expect(tunnel.tunnels).toEqual([new URL(simulator.url).host])
    expect(simulator.tasks.count()).toBe(1)
    expect(Buffer.concat(tunnel.seen).includes(simulatorTestKeys.accessKeySecret)).toBe(false)
  })

  it('reads the lower-case variable too, and goes direct for hosts in NO_PROXY', async () => {
    const simulator = await kit.simulator({ tls: certs.server })
    const tunnel = await proxy()
    const { api } = kit.client({
      ca: certs.caCert,
      env: { https_proxy: tunnel.url, NO_PROXY: 'example.com,127.0.0.1' },
    })
    await api.queryTask(connectionTo(simulator), 'missing').catch(() => undefined)
    expect(tunnel.tunnels).toEqual([])
    expect(simulator.requests.count()).toBe(1)
  })

  it('fails with a network error naming the proxy when it refuses the tunnel', async () => {
    const simulator = await kit.simulator({ tls: certs.server })
    const tunnel = await proxy(true)
    const { api } = kit.client({ ca: certs.caCert, env: { HTTPS_PROXY: tunnel.url } })
    const error = await failureOf(api.queryTask(connectionTo(simulator), 'x'))
    expect(error).toMatchObject({ code: 'network', details: { reason: 'proxy' } })
    expect(simulator.requests.count()).toBe(0)
  })
})
