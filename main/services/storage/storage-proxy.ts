import { Agent as HttpAgent, type ClientRequest } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import { connect as connectTcp, isIP, type Socket } from 'node:net'
import { connect as connectTls } from 'node:tls'
import { HttpsProxyAgent } from 'https-proxy-agent'
import { AppError } from '#contract'
import { readProxyEnv } from '../api/proxy-env'

/** The SDK's connection pools for `http:` and `https:` endpoints. */
export interface StorageAgents {
  readonly httpAgent: HttpAgent
  readonly httpsAgent: HttpAgent
}

/** A NO_PROXY entry: a host (and its subdomains), on any port (0) or one port. */
interface NoProxyEntry {
  readonly hostname: string
  readonly port: number
}
type NoProxy = 'everything' | readonly NoProxyEntry[]

/** The code of a proxy that refused the tunnel or could not be reached (storage-errors.ts reads it). */
export const proxyFailureCode = 'ERR_STORAGE_PROXY'

type ConnectOptions = Parameters<HttpsProxyAgent<string>['connect']>[1]

const withoutBrackets = (host: string) => host.replace(/^\[(.*)\]$/, '$1').toLowerCase()

/** NO_PROXY by undici's rules, so that API calls and storage calls bypass the proxy for the same hosts. */
function parseNoProxy(value: string): NoProxy {
  if (value === '*') return 'everything'
  return value
    .split(/[,\s]/)
    .filter((entry) => entry !== '')
    .map((entry) => {
      const withPort = /^(.+):(\d+)$/.exec(entry)
      return {
        hostname: withoutBrackets((withPort?.[1] ?? entry).replace(/^\*?\./, '')),
        port: withPort ? Number(withPort[2]) : 0,
      }
    })
}

function bypasses(noProxy: NoProxy, host: string, port: number): boolean {
  if (noProxy === 'everything') return true
  const hostname = withoutBrackets(host)
  return noProxy.some(
    (entry) =>
      (entry.port === 0 || entry.port === port) &&
      (hostname === entry.hostname || hostname.endsWith(`.${entry.hostname}`)),
  )
}

const proxyFailure = (): Error =>
  Object.assign(new Error('The proxy did not open a tunnel to the image storage.'), {
    code: proxyFailureCode,
  })

/** A proxy address as people write it: `proxy:3128` means `http://proxy:3128`. */
function proxyUrl(value: string): URL {
  try {
    return new URL(value.includes('://') ? value : `http://${value}`)
  } catch {
    // The value is not quoted: it may carry the proxy's user and password.
    throw new AppError('image_storage_unreachable', 'HTTPS_PROXY or HTTP_PROXY is not a proxy address.', {
      reason: 'proxy',
    })
  }
}

/**
 * Storage calls through the proxy's CONNECT tunnel, except to hosts in NO_PROXY, which are reached
 * directly. The storage's certificate is verified inside the tunnel as well, whatever
 * NODE_TLS_REJECT_UNAUTHORIZED says. A refused tunnel is an error of its own: without this check,
 * the proxy's 403 would reach the SDK as the storage's answer and read as refused keys.
 */
class StorageProxyAgent extends HttpsProxyAgent<string> {
  readonly #noProxy: NoProxy

  constructor(proxy: URL, noProxy: NoProxy) {
    super(proxy, { keepAlive: true, maxSockets: 50, rejectUnauthorized: true })
    this.#noProxy = noProxy
  }

  override async connect(req: ClientRequest, options: ConnectOptions): Promise<Socket> {
    const host = options.host ?? ''
    const port = Number(options.port) || (options.secureEndpoint ? 443 : 80)
    if (bypasses(this.#noProxy, host, port)) return connectDirectly(options.secureEndpoint, host, port)
    let tunnelOpened = false
    req.once('proxyConnect', (answer: { statusCode?: number }) => {
      tunnelOpened = answer.statusCode === 200
    })
    let socket: Socket
    try {
      socket = await super.connect(
        req,
        options.secureEndpoint ? { ...options, rejectUnauthorized: true } : options,
      )
    } catch {
      throw proxyFailure()
    }
    if (!tunnelOpened) {
      socket.destroy()
      throw proxyFailure()
    }
    return socket
  }
}

function connectDirectly(secure: boolean, host: string, port: number): Socket {
  if (!secure) return connectTcp({ host, port })
  return connectTls({
    host,
    port,
    ...(isIP(host) === 0 ? { servername: host } : {}),
    rejectUnauthorized: true,
    ALPNProtocols: ['http/1.1'],
  })
}

/**
 * The storage client's connection pools, honouring HTTPS_PROXY, HTTP_PROXY and NO_PROXY (either
 * case) from `env` as the API calls do (api-dispatcher.ts): `https:` endpoints use HTTPS_PROXY, else
 * HTTP_PROXY; `http:` endpoints use HTTP_PROXY. The AWS SDK reads none of these itself. Without a
 * proxy these are plain keep-alive pools; TLS is always verified.
 */
export function createStorageAgents(env: NodeJS.ProcessEnv): StorageAgents {
  const proxy = readProxyEnv(env)
  const noProxy = parseNoProxy(proxy.noProxy)
  const httpProxy = proxy.httpProxy
  const httpsProxy = proxy.httpsProxy || httpProxy
  const pool = { keepAlive: true, maxSockets: 50 }
  const httpAgent =
    httpProxy === '' ? new HttpAgent(pool) : new StorageProxyAgent(proxyUrl(httpProxy), noProxy)
  const httpsAgent =
    httpsProxy === ''
      ? new HttpsAgent({ ...pool, rejectUnauthorized: true })
      : new StorageProxyAgent(proxyUrl(httpsProxy), noProxy)
  return { httpAgent, httpsAgent }
}
