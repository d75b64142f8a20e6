/*
 * Tolerant merging of untrusted values (stored drafts, infotext, history records) into typed
 * drafts: a value is taken only when its type fits the field it would replace.
 */

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const fits = (template: unknown, value: unknown) =>
  typeof value === typeof template && (typeof value !== 'number' || Number.isFinite(value))

/** Takes each primitive field of `base` from `source` when the type matches. */
export function mergePrimitives<T extends object>(base: T, source: Record<string, unknown>): T {
  const merged: Record<string, unknown> = Object.fromEntries(Object.entries(base))
  for (const [key, current] of Object.entries(base)) {
    if (typeof current !== 'object' && fits(current, source[key])) merged[key] = source[key]
  }
  return merged as T
}

/** An optional text field: a string sets it ('' clears it), anything else keeps the current value. */
export function optionalText(source: Record<string, unknown>, key: string, current: string | undefined) {
  if (!(key in source)) return current
  const value = source[key]
  if (value === undefined || value === null || value === '') return undefined
  return typeof value === 'string' ? value : current
}

/** An optional number field: a finite number sets it, null clears it, anything else keeps it. */
export function optionalNumber(source: Record<string, unknown>, key: string, current: number | undefined) {
  if (!(key in source)) return current
  const value = source[key]
  if (value === null) return undefined
  return typeof value === 'number' && Number.isFinite(value) ? value : current
}

export const dropUndefined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T
