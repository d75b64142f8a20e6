/**
 * HTTPS_PROXY, HTTP_PROXY and NO_PROXY as every outgoing connection of the app reads them: the API
 * calls and result downloads (undici's EnvHttpProxyAgent) and the image storage (https-proxy-agent,
 * since the AWS SDK takes Node agents). Either case, the lower-case name first, as curl and undici
 * read them. Empty strings stand for unset, so undici never falls back to process.env behind the
 * caller's back and a test's env is the whole truth.
 */
export interface ProxyEnv {
  readonly httpProxy: string
  readonly httpsProxy: string
  readonly noProxy: string
}

const pick = (env: NodeJS.ProcessEnv, name: string): string =>
  env[name.toLowerCase()] ?? env[name.toUpperCase()] ?? ''

export function readProxyEnv(env: NodeJS.ProcessEnv = process.env): ProxyEnv {
  return {
    httpProxy: pick(env, 'http_proxy'),
    httpsProxy: pick(env, 'https_proxy'),
    noProxy: pick(env, 'no_proxy'),
  }
}
