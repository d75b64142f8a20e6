import { EnvHttpProxyAgent, request, type Dispatcher } from 'undici'
import { AppError } from '#contract'
import { readProxyEnv } from '../api/proxy-env'
import { guardedLookup, isInternalHost } from './address-guard'
import { mediaSniffLength, sniffMedia, type MediaType, type SniffedMedia } from './media-sniff'

/** Caps and timeouts of result downloads (SECURITY.md #15, #16, #26); tests shrink them. */
export interface MediaLimits {
  readonly maxBytes: Readonly<Record<MediaType, number>>
  readonly maxRedirects: number
  readonly connectTimeoutMs: number
  readonly headersTimeoutMs: number
  readonly bodyTimeoutMs: number
  readonly deadlineMs: number
}

export const defaultMediaLimits: MediaLimits = {
  maxBytes: { image: 40 * 1024 * 1024, audio: 64 * 1024 * 1024, video: 256 * 1024 * 1024 },
  maxRedirects: 5,
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 60_000,
  bodyTimeoutMs: 30_000,
  deadlineMs: 5 * 60_000,
}

export interface DownloadedMedia extends SniffedMedia {
  readonly bytes: Buffer
  /** Where the bytes came from after redirects. */
  readonly finalUrl: string
}

export interface MediaDownloader {
  /**
   * Downloads one result file: `http:`/`https:` only, no credentials (no auth header, no user
   * info in the URL), redirects followed only to http(s) and re-checked, capped per media type
   * (with or without content-length), the bytes sniffed before they are kept; never to a loopback
   * or private address unless `allowInternal` (the profile's own base URL is one).
   */
  download(url: string, options: { allowInternal: boolean; signal?: AbortSignal }): Promise<DownloadedMedia>
  close(): Promise<void>
}

const refused = (reason: string, message: string) =>
  new AppError('invalid_request', message, { field: 'url', reason })

const protocolError = (reason: string, message: string, extra: Record<string, unknown> = {}) =>
  new AppError('protocol', message, { reason, ...extra })

/** The URL if it may be fetched at all; throws a typed error naming why not. */
export function checkMediaUrl(text: string, allowInternal: boolean): URL {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw refused('not_a_url', 'The result link is not a URL.')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw refused('scheme', 'Only http(s) result links are downloaded.')
  if (url.username !== '' || url.password !== '')
    throw refused('credentials', 'A result link carrying credentials is not downloaded.')
  if (!allowInternal && isInternalHost(url.hostname))
    throw refused('internal_address', 'A result link to a loopback or private address is not downloaded.')
  return url
}

const maxOf = (limits: MediaLimits) => Math.max(...Object.values(limits.maxBytes))

async function readCapped(body: Dispatcher.ResponseData['body'], limits: MediaLimits) {
  const chunks: Buffer[] = []
  let size = 0
  let sniffed: SniffedMedia | null = null
  for await (const chunk of body) {
    const buffer = chunk as Buffer
    chunks.push(buffer)
    size += buffer.length
    if (!sniffed && size >= mediaSniffLength) {
      sniffed = sniffMedia(Buffer.concat(chunks).subarray(0, 64))
      if (!sniffed) {
        body.destroy()
        throw protocolError('not_media', 'The result link did not serve an image, video or audio file.')
      }
    }
    const cap = sniffed ? limits.maxBytes[sniffed.type] : maxOf(limits)
    if (size > cap) {
      body.destroy()
      throw protocolError('too_large', 'The result file is larger than the app accepts.', { limitBytes: cap })
    }
  }
  const bytes = Buffer.concat(chunks)
  sniffed ??= sniffMedia(bytes)
  if (!sniffed)
    throw protocolError('not_media', 'The result link did not serve an image, video or audio file.')
  return { bytes, sniffed }
}

const transportError = (error: unknown, deadline: AbortSignal, caller?: AbortSignal): AppError => {
  if (error instanceof AppError) return error
  if (caller?.aborted) return new AppError('cancelled', 'The download was cancelled.')
  const code = (error as { code?: unknown }).code
  if (code === 'EINTERNAL' || (error as { cause?: { code?: unknown } }).cause?.code === 'EINTERNAL')
    return refused('internal_address', 'A result link to a loopback or private address is not downloaded.')
  if (deadline.aborted || (typeof code === 'string' && code.includes('TIMEOUT')))
    return new AppError('timeout', 'The result download took too long.')
  return new AppError('network', 'The result file could not be downloaded.')
}

/**
 * Result downloads honour HTTPS_PROXY / HTTP_PROXY / NO_PROXY from `env` as the API calls and the
 * storage do (SECURITY.md #19, proxy-env.ts). Two pools: the guarded one resolves names itself and
 * refuses internal addresses at connect time. Through a proxy the proxy resolves the name, so
 * there only the link's own host is checked (a literal private address or `localhost` is still
 * refused before anything is sent); the connection to the proxy itself is never refused for being
 * internal, as company proxies usually are.
 */
export function createMediaDownloader(
  overrides: Partial<MediaLimits> = {},
  env: NodeJS.ProcessEnv = process.env,
): MediaDownloader {
  const limits = { ...defaultMediaLimits, ...overrides }
  const tls = { timeout: limits.connectTimeoutMs, rejectUnauthorized: true }
  const pool = (connect: typeof tls & { lookup?: typeof guardedLookup }) =>
    new EnvHttpProxyAgent({
      ...readProxyEnv(env),
      connect,
      // Through a proxy: `proxyTls` reaches the proxy, `requestTls` is verified inside the tunnel.
      proxyTls: { timeout: limits.connectTimeoutMs },
      requestTls: tls,
      headersTimeout: limits.headersTimeoutMs,
      bodyTimeout: limits.bodyTimeoutMs,
    })
  const guarded = pool({ ...tls, lookup: guardedLookup })
  const open = pool(tls)

  return {
    async download(text, options) {
      const deadline = AbortSignal.timeout(limits.deadlineMs)
      const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline
      let url = checkMediaUrl(text, options.allowInternal)
      try {
        for (let hop = 0; ; hop += 1) {
          const response = await request(url, {
            method: 'GET',
            headers: { accept: 'image/*, video/*, audio/*' },
            dispatcher: options.allowInternal ? open : guarded,
            signal,
          })
          if (response.statusCode >= 300 && response.statusCode < 400) {
            await response.body.dump()
            const location = response.headers.location
            if (typeof location !== 'string' || hop >= limits.maxRedirects)
              throw protocolError('redirect', 'The result link redirected too often or nowhere.')
            url = checkMediaUrl(new URL(location, url).toString(), options.allowInternal)
            continue
          }
          if (response.statusCode < 200 || response.statusCode >= 300) {
            await response.body.dump()
            throw response.statusCode === 404 || response.statusCode === 410 || response.statusCode === 403
              ? new AppError('not_found', 'The result file is no longer available.', {
                  httpStatus: response.statusCode,
                })
              : protocolError('http_status', 'The result server answered unexpectedly.', {
                  httpStatus: response.statusCode,
                })
          }
          const declared = Number(response.headers['content-length'])
          if (Number.isFinite(declared) && declared > maxOf(limits)) {
            response.body.destroy()
            throw protocolError('too_large', 'The result file is larger than the app accepts.', {
              limitBytes: maxOf(limits),
            })
          }
          const { bytes, sniffed } = await readCapped(response.body, limits)
          return { ...sniffed, bytes, finalUrl: url.toString() }
        }
      } catch (error) {
        throw transportError(error, deadline, options.signal)
      }
    },
    async close() {
      await Promise.all([guarded.close(), open.close()])
    },
  }
}
