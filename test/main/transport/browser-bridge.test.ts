import { request } from 'node:http'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { useBrowserBridge } from '../../support/browser-edition'
import { useServices } from '../../support/services'
import { useTempDirs } from '../../support/temp-dir'

interface Outcome {
  readonly opened: boolean
  readonly status?: number
}

type Message = Record<string, unknown>

function connect(
  url: string,
  headers: Record<string, string>,
): Promise<Outcome & { socket?: WebSocket; received?: Message[] }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { headers })
    const received: Message[] = []
    socket.on('message', (raw) => received.push(JSON.parse(raw.toString()) as Message))
    socket.on('open', () => resolve({ opened: true, socket, received }))
    socket.on('unexpected-response', (_req, res) => resolve({ opened: false, status: res.statusCode }))
    socket.on('error', () => resolve({ opened: false }))
  })
}

async function nextMessage(received: Message[] | undefined, predicate: (data: Message) => boolean) {
  await expect.poll(() => received?.some(predicate)).toBe(true)
  return received?.find(predicate)
}

describe('browser edition bridge', () => {
  const tempDir = useTempDirs()
  const services = useServices()
  const startBridge = useBrowserBridge()

  async function bridge() {
    return startBridge(await services({ dataDir: await tempDir() }))
  }

  it('binds 127.0.0.1 only and prints a URL carrying the token', async () => {
    const b = await bridge()
    expect(b.url).toBe(`http://127.0.0.1:${b.port}/?token=${b.token}`)
    expect(b.token.length).toBeGreaterThanOrEqual(32)
  })

  it('round-trips a call and pushes events', async () => {
    const b = await bridge()
    const { socket, received } = await connect(`ws://127.0.0.1:${b.port}/bridge?token=${b.token}`, {
      Origin: b.origin,
    })
    if (!socket) throw new Error('not connected')
    const ready = nextMessage(received, (m) => m.event === 'app.ready')
    socket.send(JSON.stringify({ id: 7, method: 'app.echo', input: { text: 'hi' } }))
    expect(await nextMessage(received, (m) => m.id === 7)).toEqual({
      id: 7,
      result: { ok: true, value: { text: 'hi' } },
    })
    expect(await ready).toMatchObject({ event: 'app.ready' })
    socket.close()
  })

  it('answers a malformed message or payload with the typed error', async () => {
    const b = await bridge()
    const { socket, received } = await connect(`ws://127.0.0.1:${b.port}/bridge?token=${b.token}`, {
      Origin: b.origin,
    })
    if (!socket) throw new Error('not connected')
    socket.send('{not json')
    expect(await nextMessage(received, (m) => m.id === null)).toMatchObject({
      result: { ok: false, error: { code: 'invalid_request' } },
    })
    socket.send(JSON.stringify({ id: 2, method: 'app.echo', input: { text: ['x'] } }))
    expect(await nextMessage(received, (m) => m.id === 2)).toMatchObject({
      result: { ok: false, error: { code: 'invalid_request', details: { procedure: 'app.echo' } } },
    })
    socket.close()
  })

  it.each([
    ['no token', (port: number) => `ws://127.0.0.1:${port}/bridge`, (o: string) => ({ Origin: o }), 401],
    [
      'a wrong token',
      (port: number) => `ws://127.0.0.1:${port}/bridge?token=wrong`,
      (o: string) => ({ Origin: o }),
      401,
    ],
    ['a foreign Origin', null, () => ({ Origin: 'https://evil.example' }), 403],
    ['no Origin', null, () => ({}), 403],
    ['a rebinding Host', null, (o: string) => ({ Origin: o, Host: 'evil.example:80' }), 421],
  ])('refuses a connection with %s', async (_label, makeUrl, makeHeaders, status) => {
    const b = await bridge()
    const url = makeUrl ? makeUrl(b.port) : `ws://127.0.0.1:${b.port}/bridge?token=${b.token}`
    expect(await connect(url, makeHeaders(b.origin))).toEqual({ opened: false, status })
  })

  it('refuses plain HTTP requests with a foreign Host (DNS rebinding)', async () => {
    const b = await bridge()
    const status = await new Promise<number | undefined>((resolve) => {
      request({ host: '127.0.0.1', port: b.port, path: '/', headers: { Host: 'attacker.example' } }, (res) =>
        resolve(res.statusCode),
      ).end()
    })
    expect(status).toBe(421)
  })
})
