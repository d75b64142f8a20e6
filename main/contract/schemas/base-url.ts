import { z } from 'zod'

/**
 * Only plain http(s) origins with an optional path: no user:password@ (that would put a secret in
 * the settings file), no query or fragment (the API paths are appended to it).
 */
export function checkBaseUrl(
  text: string,
): 'ok' | 'not_a_url' | 'not_http' | 'has_credentials' | 'has_query' {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return 'not_a_url'
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'not_http'
  if (url.hostname === '') return 'not_a_url'
  if (url.username !== '' || url.password !== '') return 'has_credentials'
  if (url.search !== '' || url.hash !== '' || text.includes('?') || text.includes('#')) return 'has_query'
  return 'ok'
}

/** This machine: `localhost` (and `*.localhost`), 127.0.0.0/8 and ::1, which no network carries. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '')
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '::1' ||
    /^127(?:\.\d{1,3}){3}$/.test(host)
  )
}

/**
 * True when an API base URL would carry the access keys in clear: plain http: to another machine
 * (SECURITY.md #27). Keys go there only when the profile explicitly allows it.
 */
export function sendsKeysInClear(baseUrl: string): boolean {
  try {
    const url = new URL(baseUrl)
    return url.protocol === 'http:' && !isLoopbackHost(url.hostname)
  } catch {
    return false
  }
}

export const baseUrlSchema = z
  .string()
  .trim()
  .min(1)
  .max(2048)
  .refine((text) => checkBaseUrl(text) === 'ok', 'Use an http:// or https:// address without a query.')
