import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import type { Dispatch } from '../ipc/dispatcher'
import type { EventBus } from '../services/event-bus'
import type { Logger } from '../services/logger'
import { createLaunchCodes } from './launch-codes'
import { readStaticAsset, securityHeaders } from './static-files'
import { parseClientMessage, type ServerMessage } from './wire'

export interface BrowserBridgeOptions {
  readonly dispatch: Dispatch
  readonly events: EventBus
  readonly logger: Logger
  /** The built renderer (index.html and assets). */
  readonly rendererDir: string
  /** 0 picks a free port. */
  readonly port?: number
  /** Fixed only in tests; otherwise a fresh random token per launch. */
  readonly token?: string
  /** How long a launch code stays valid (default 60 s), and the clock it is measured by. */
  readonly launchCodeTtlMs?: number
  readonly clock?: () => number
}

export interface BrowserBridge {
  /** The address with the token: for the terminal only, never for a command line. */
  readonly url: string
  /** A one-time address for the browser opener: it carries no token (launch-codes.ts). */
  launchUrl(): string
  readonly origin: string
  readonly port: number
  readonly token: string
  close(): Promise<void>
}

/** Largest message a page may send (room for a source image as a data URL later). */
const maxPayloadBytes = 32 * 1024 * 1024

const sameSecret = (given: string, expected: string) => {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

const launchRefusedText = [
  'This launch link was already used or has expired. Open the address printed in the terminal where the app runs.',
  '此启动链接已被使用或已过期。请打开运行本应用的终端中显示的地址。',
].join('\n')

/**
 * The browser edition's server: the built renderer over HTTP and the IPC contract over a WebSocket,
 * bound to 127.0.0.1 only. Every WebSocket needs the per-launch token and our own Origin; every
 * request needs our own Host header, which defeats DNS rebinding.
 */
export async function startBrowserBridge(options: BrowserBridgeOptions): Promise<BrowserBridge> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const launchCodes = createLaunchCodes({ ttlMs: options.launchCodeTtlMs ?? 60_000, now: options.clock })
  let port = 0
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`])
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`])
  const hostAllowed = (req: IncomingMessage) => allowedHosts().has(req.headers.host ?? '')

  const server = createServer(async (req, res) => {
    if (!hostAllowed(req)) {
      res.writeHead(421, { 'Content-Type': 'text/plain' }).end('Misdirected request')
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end()
      return
    }
    const launchCode = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('launch')
    if (launchCode !== null) {
      if (launchCodes.redeem(launchCode)) {
        res.writeHead(303, { Location: `/?token=${token}`, 'Cache-Control': 'no-store', ...securityHeaders })
        res.end()
      } else {
        options.logger.warn('bridge.launch_refused', { reason: 'used_or_expired' })
        res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders })
        res.end(launchRefusedText)
      }
      return
    }
    const asset = await readStaticAsset(options.rendererDir, req.url ?? '/')
    if (!asset) {
      res.writeHead(404, { 'Content-Type': 'text/plain', ...securityHeaders }).end('Not found')
      return
    }
    res.writeHead(200, { 'Content-Type': asset.contentType, 'Cache-Control': 'no-cache', ...securityHeaders })
    res.end(req.method === 'HEAD' ? undefined : asset.body)
  })

  const wss = new WebSocketServer({ noServer: true, maxPayload: maxPayloadBytes })
  const refuse = (socket: Duplex, status: string, reason: string) => {
    options.logger.warn('bridge.refused', { reason })
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
  }

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (url.pathname !== '/bridge') return refuse(socket, '404 Not Found', 'path')
    if (!hostAllowed(req)) return refuse(socket, '421 Misdirected Request', 'host')
    if (!allowedOrigins().has(req.headers.origin ?? '')) return refuse(socket, '403 Forbidden', 'origin')
    if (!sameSecret(url.searchParams.get('token') ?? '', token))
      return refuse(socket, '401 Unauthorized', 'token')
    wss.handleUpgrade(req, socket, head, (ws) => serveConnection(ws))
  })

  const serveConnection = (ws: WebSocket) => {
    const send = (message: ServerMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message))
    }
    const unsubscribe = options.events.subscribe((event, payload) => send({ event, payload }))
    ws.on('close', unsubscribe)
    ws.on('message', async (data, isBinary) => {
      const message = isBinary ? null : parseClientMessage(data.toString())
      if (!message) {
        send({
          id: null,
          result: { ok: false, error: { code: 'invalid_request', message: 'Malformed message.' } },
        })
        return
      }
      send({
        id: message.id,
        result: await options.dispatch(message.method, message.input, { transport: 'websocket' }),
      })
    })
    send({ event: 'app.ready', payload: { at: Date.now() } })
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', resolve)
  })
  port = (server.address() as AddressInfo).port
  const origin = `http://127.0.0.1:${port}`
  options.logger.info('bridge.listening', { port })

  return {
    url: `${origin}/?token=${token}`,
    launchUrl: () => `${origin}/?launch=${launchCodes.issue()}`,
    origin,
    port,
    token,
    async close() {
      for (const client of wss.clients) client.terminate()
      wss.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
