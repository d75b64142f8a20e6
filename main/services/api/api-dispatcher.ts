import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici'
import type { ApiLimits } from './api-limits'
import { readProxyEnv } from './proxy-env'

export interface ApiDispatcherOptions {
  readonly limits: Pick<ApiLimits, 'connectTimeoutMs' | 'headersTimeoutMs' | 'bodyTimeoutMs'>
  /**
   * Where HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either case) are read; `process.env` by default.
   * Tests pass their own so they never depend on the machine's proxy settings.
   */
  readonly env?: NodeJS.ProcessEnv
  /**
   * Extra trusted CA certificates (PEM), e.g. a company's TLS-inspecting proxy. Verification is never
   * turned off: there is no option for that.
   */
  readonly ca?: string | readonly string[]
}

/**
 * The one keep-alive connection pool API calls go through. It honours HTTPS_PROXY, HTTP_PROXY and
 * NO_PROXY (HTTPS through a CONNECT tunnel), bounds connect/headers/body time, and verifies TLS.
 * Empty strings are passed for unset variables so undici does not fall back to process.env behind
 * the caller's back.
 */
export function createApiDispatcher(options: ApiDispatcherOptions): Dispatcher {
  const ca = options.ca === undefined ? {} : { ca: [options.ca].flat() }
  // rejectUnauthorized is explicit so NODE_TLS_REJECT_UNAUTHORIZED=0 cannot turn verification off here.
  const tls = { timeout: options.limits.connectTimeoutMs, rejectUnauthorized: true, ...ca }
  const pool = {
    headersTimeout: options.limits.headersTimeoutMs,
    bodyTimeout: options.limits.bodyTimeoutMs,
    keepAliveTimeout: 10_000,
    keepAliveMaxTimeout: 60_000,
    // Hundreds of tasks in flight share a few sockets per host instead of opening one each.
    connections: 32,
  }
  const proxy = readProxyEnv(options.env)
  // Without a proxy every request goes direct: a plain Agent is what EnvHttpProxyAgent would pick for
  // each one anyway, minus its per-request URL parse and NO_PROXY match (the query path's hot loop).
  if (proxy.httpProxy === '' && proxy.httpsProxy === '') return new Agent({ ...pool, connect: tls })
  return new EnvHttpProxyAgent({
    ...proxy,
    connect: tls,
    // Through a proxy: `proxyTls` for the connection to the proxy, `requestTls` inside the tunnel.
    proxyTls: { timeout: options.limits.connectTimeoutMs },
    requestTls: tls,
    ...pool,
  })
}

/**
 * A start-up warning when TLS verification was turned off for the whole process
 * (`NODE_TLS_REJECT_UNAUTHORIZED=0`), which would let anyone on the network read the access keys.
 * Null when all is well.
 */
export function tlsWarning(env: NodeJS.ProcessEnv = process.env): string | null {
  return env.NODE_TLS_REJECT_UNAUTHORIZED === '0'
    ? 'NODE_TLS_REJECT_UNAUTHORIZED=0 is set: TLS certificates are not verified for this process, so the access keys could be intercepted. Unset it.'
    : null
}
