/** Small helpers the request body builders share. */

/** Adds `key: value` only when the value is set, so optional fields are absent rather than null. */
export const optional = (key: string, value: unknown): Record<string, unknown> =>
  value === undefined ? {} : { [key]: value }

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * A copy of `body` without the fields at `paths` ("a" or "a.b"), for endpoints whose table lacks
 * a field the shared params carry (contract `unsentFields`). Only optional
 * fields are ever listed, so the result still has the body's type.
 */
export function omitFields<T extends Record<string, unknown>>(body: T, paths: readonly string[]): T {
  const out: Record<string, unknown> = { ...body }
  for (const path of paths) {
    const [head = '', ...rest] = path.split('.')
    if (!(head in out)) continue
    const inner = out[head]
    if (rest.length === 0) delete out[head]
    else if (isRecord(inner)) out[head] = omitFields(inner, [rest.join('.')])
  }
  return out as T
}
