/** The two auth headers every API call carries (§0). */
export const authHeaders = {
  accessKeyId: 'X-Request-req-accessKeyId',
  accessKeySecret: 'X-Request-req-accessKeySecret',
} as const

/** Joins a base URL (which may carry a path prefix, e.g. behind a gateway) and an API path. */
export const joinUrl = (baseUrl: string, path: string): string => `${baseUrl.replace(/\/+$/, '')}${path}`

/** Single-quotes a word for POSIX shells. */
const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`

/** The environment variables a copied curl command reads the keys from. */
export const curlKeyVariables = {
  accessKeyId: 'IMG_OPEN_ACCESS_KEY_ID',
  accessKeySecret: 'IMG_OPEN_ACCESS_KEY_SECRET',
} as const

/**
 * A curl command for one call, with the literal placeholders `$IMG_OPEN_ACCESS_KEY_ID` and
 * `$IMG_OPEN_ACCESS_KEY_SECRET` in the auth headers (expanded by the user's shell): a copied command
 * never contains a real key. No `--location`: curl would forward the secret header to a redirect's
 * host.
 */
export function buildCurlCommand(baseUrl: string, path: string, body: unknown): string {
  return [
    `curl --request POST ${shellQuote(joinUrl(baseUrl, path))}`,
    `--header "${authHeaders.accessKeyId}: $${curlKeyVariables.accessKeyId}"`,
    `--header "${authHeaders.accessKeySecret}: $${curlKeyVariables.accessKeySecret}"`,
    `--header 'Content-Type: application/json'`,
    `--data-raw ${shellQuote(JSON.stringify(body, null, 2))}`,
  ].join(' \\\n')
}
