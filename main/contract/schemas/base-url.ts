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

export const baseUrlSchema = z
  .string()
  .trim()
  .min(1)
  .max(2048)
  .refine((text) => checkBaseUrl(text) === 'ok', 'Use an http:// or https:// address without a query.')
