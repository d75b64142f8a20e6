import type { ApiConnection } from '../api/api-types'

/** The longest string kept from an answer, and the most JSON kept of a whole answer. */
export const untrustedLimits = { textChars: 20_000, answerChars: 64_000, depth: 12 } as const

/** The secrets an answer must never carry into the app's files: the profile's keys (SECURITY.md #25). */
export const secretsOf = (connection: ApiConnection): string[] =>
  connection.auth
    ? [connection.auth.accessKeySecret, connection.auth.accessKeyId].filter((s) => s.length >= 8)
    : []

/** A string from the network with every secret replaced and its length capped. */
export function cleanText(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) out = out.split(secret).join('[redacted]')
  return out.length > untrustedLimits.textChars ? out.slice(0, untrustedLimits.textChars) : out
}

/**
 * A JSON value from the network with every string cleaned (keys too), nesting bounded; a value
 * whose JSON would exceed `answerChars` is replaced by a note, so no answer fills the history.
 */
export function cleanValue(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') return cleanText(value, secrets)
  if (typeof value !== 'object' || value === null) return value
  if (depth >= untrustedLimits.depth) return '[too deep]'
  const cleaned = Array.isArray(value)
    ? value.slice(0, 1000).map((item) => cleanValue(item, secrets, depth + 1))
    : Object.fromEntries(
        Object.entries(value)
          .slice(0, 1000)
          .map(([key, inner]) => [cleanText(key, secrets), cleanValue(inner, secrets, depth + 1)]),
      )
  if (depth === 0 && JSON.stringify(cleaned).length > untrustedLimits.answerChars)
    return { truncated: true, note: 'The answer was too large to keep.' }
  return cleaned
}
