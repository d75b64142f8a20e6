import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { Result } from '#contract'
import { createWebSocketTransport } from '../../renderer/src/bridge/websocket-transport'
import { callKey } from '../../renderer/src/bridge/early-connection'
import { startBrowserBridge, type BrowserBridge } from '../../main/transport/browser-bridge'
import { useServices } from '../support/services'
import { useTempDirs } from '../support/temp-dir'

/**
 * The browser edition's transport taking over the connection early/early-socket.ts opened before the
 * app loaded (issue 13 §10): its answers go to the first matching calls, over the real bridge.
 */
describe('the WebSocket transport adopting the early connection', () => {
  const services = useServices()
  const tempDir = useTempDirs()

  /** The real bridge in front of the real services, counting the calls that reach main. */
  const start = async () => {
    const app = await services({ dataDir: await tempDir() })
    const reached: string[] = []
    const bridge = await startBrowserBridge({
      dispatch: (name, input, context) => {
        reached.push(String(name))
        return app.dispatch(name, input, context)
      },
      events: app.events,
      logger: app.logger,
      rendererDir: await tempDir(),
    })
    opened.push(bridge)
    return { bridge, reached }
  }
  const opened: BrowserBridge[] = []
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((bridge) => bridge.close()))
  })
  const socketTo = (bridge: BrowserBridge, token = bridge.token) => {
    const socket = new WebSocket(`ws://127.0.0.1:${bridge.port}/bridge?token=${token}`, {
      headers: { Origin: bridge.origin },
    })
    socket.on('error', () => undefined)
    return socket as unknown as globalThis.WebSocket
  }
  class PageWebSocket extends WebSocket {
    constructor(url: string) {
      super(url, { headers: { Origin: opened[0]?.origin ?? '' } })
      this.on('error', () => undefined)
    }
  }

  it('gives an early answer to the first identical call only; later calls reach main', async () => {
    const { bridge, reached } = await start()
    const early: Result<unknown> = { ok: true, value: { profiles: [], activeProfileId: 'early' } }
    const transport = createWebSocketTransport({
      url: `ws://127.0.0.1:${bridge.port}/bridge?token=${bridge.token}`,
      WebSocketImpl: PageWebSocket as unknown as typeof globalThis.WebSocket,
      adopt: {
        socket: socketTo(bridge),
        answers: new Map([[callKey('profiles.list', {}), Promise.resolve(early)]]),
        nextId: 7,
      },
    })
    expect(await transport.call('profiles.list', {})).toEqual(early)
    expect(reached).toEqual([])
    const fromMain = await transport.call('profiles.list', {})
    expect(fromMain).toMatchObject({ ok: true, value: { activeProfileId: expect.any(String) } })
    expect(fromMain).not.toEqual(early)
    expect(reached).toEqual(['profiles.list'])
  })

  it('sends a first read the early socket never sent (refused) over a connection of its own', async () => {
    const { bridge, reached } = await start()
    const refused = socketTo(bridge, 'wrong-token')
    await new Promise((closed) => refused.addEventListener('close', closed))
    const transport = createWebSocketTransport({
      url: `ws://127.0.0.1:${bridge.port}/bridge?token=${bridge.token}`,
      WebSocketImpl: PageWebSocket as unknown as typeof globalThis.WebSocket,
      adopt: {
        socket: refused,
        answers: new Map([[callKey('profiles.list', {}), Promise.resolve(undefined)]]),
        nextId: 7,
      },
    })
    expect(await transport.call('profiles.list', {})).toMatchObject({ ok: true })
    expect(reached).toEqual(['profiles.list'])
  })
})
