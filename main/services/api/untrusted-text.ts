/*
 * Everything a service answers is untrusted (SECURITY.md #25): a broken or hostile server may echo
 * the access keys back in any string (`msg`, `code`, `data.field`, a task's `desc`, a caption, a file
 * name) and may send text of any length. The API layer passes every parsed answer through
 * `cleanUntrusted` before anything reads it, so every reader (errors, task snapshots, history,
 * events, exports, logs) only ever sees cleaned strings, by construction.
 */

/** What a secret is replaced with (the same marker the logger's redactor writes). */
export const redactedMarker = '[redacted]'

export const untrustedLimits = {
  /** Longest text kept: a caption or an expanded prompt fits; a flood does not. */
  textChars: 4000,
  /** Longest object key kept. */
  keyChars: 200,
  /** Deeper nesting than any real answer has is dropped (the walk is recursive). */
  depth: 32,
  /** Shorter values would redact ordinary words; real keys are far longer (as in the logger). */
  minSecretChars: 6,
} as const

/**
 * Image payloads (a `data:image/…` URL or bare base64, as A1111-style previews come) are data, not
 * text: they keep their length, which the answer's size cap already bounds.
 */
const isImagePayload = (text: string): boolean =>
  /^data:image\/[\w.+-]+;base64,[A-Za-z0-9+/=\r\n]*$/i.test(text) ||
  (text.length >= 64 && /^[A-Za-z0-9+/=\r\n]+$/.test(text))

/** Each secret as it could appear in a string: as is, and percent-encoded (echoed in a URL). */
function computeSecretForms(secrets: readonly string[]): string[] {
  const forms = new Set<string>()
  for (const secret of secrets) {
    if (secret.length < untrustedLimits.minSecretChars) continue
    forms.add(secret)
    forms.add(encodeURIComponent(secret))
  }
  // Longest first, so a form containing another is replaced whole.
  return [...forms].sort((a, b) => b.length - a.length)
}

/** The forms of the last secret list seen: every answer of a connection is cleaned of the same keys. */
let lastForms: { readonly key: string; readonly forms: readonly string[] } = { key: '', forms: [] }

function secretForms(secrets: readonly string[]): readonly string[] {
  const key = JSON.stringify(secrets)
  if (key !== lastForms.key) lastForms = { key, forms: computeSecretForms(secrets) }
  return lastForms.forms
}

function cleanString(text: string, forms: readonly string[], max: number): string {
  let out = text
  for (const form of forms) if (out.includes(form)) out = out.split(form).join(redactedMarker)
  // Only text over the cap needs the (linear) image-payload test: most strings are short.
  return out.length <= max || isImagePayload(out) ? out : out.slice(0, max)
}

/** Defines an own property, so a "__proto__" key stays a key, never a prototype. */
const defineKey = (target: Record<string, unknown>, key: string, value: unknown): void => {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

function walk(value: unknown, forms: readonly string[], depth: number): unknown {
  if (typeof value === 'string') return cleanString(value, forms, untrustedLimits.textChars)
  if (typeof value !== 'object' || value === null) return value
  if (depth >= untrustedLimits.depth) return null
  if (Array.isArray(value)) return value.map((item) => walk(item, forms, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value))
    defineKey(out, cleanString(key, forms, untrustedLimits.keyChars), walk(item, forms, depth + 1))
  return out
}

/**
 * Cleans a value this module owns (fresh from JSON.parse) in place: no copy of an answer that is
 * almost always clean. `forms` is empty when the raw text showed no secret could be inside.
 */
function cleanInPlace(value: unknown, forms: readonly string[], depth: number): unknown {
  if (typeof value === 'string') return cleanString(value, forms, untrustedLimits.textChars)
  if (typeof value !== 'object' || value === null) return value
  if (depth >= untrustedLimits.depth) return null
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) value[i] = cleanInPlace(value[i], forms, depth + 1)
    return value
  }
  const fields = value as Record<string, unknown>
  for (const key of Object.keys(fields)) {
    const item = cleanInPlace(fields[key], forms, depth + 1)
    const cleanKey = cleanString(key, forms, untrustedLimits.keyChars)
    if (cleanKey === key) {
      if (item !== fields[key]) defineKey(fields, key, item)
      continue
    }
    delete fields[key]
    defineKey(fields, cleanKey, item)
  }
  return fields
}

/**
 * A copy of `value` (a parsed answer, or one string) in which every string and object key has each
 * of `secrets` (and its percent-encoded form) replaced by `[redacted]` and is capped in length;
 * numbers, booleans and null pass unchanged. Never throws.
 */
export function cleanUntrusted(value: string, secrets: readonly string[]): string
export function cleanUntrusted(value: unknown, secrets: readonly string[]): unknown
export function cleanUntrusted(value: unknown, secrets: readonly string[]): unknown {
  return walk(value, secretForms(secrets), 0)
}

/**
 * An answer's JSON text parsed and cleaned as `cleanUntrusted` cleans it (undefined when it is not
 * JSON), without the copy: the parsed value is this call's own. When the text holds no secret form
 * and no escape (an escape could spell a secret out), no string can hold one and only the length
 * and depth caps are applied.
 */
export function parseUntrusted(text: string, secrets: readonly string[]): unknown {
  let parsed: unknown
  try {
    parsed = JSON.parse(text) as unknown
  } catch {
    return undefined
  }
  const forms = secretForms(secrets)
  const mayHoldSecret = text.includes('\\') || forms.some((form) => text.includes(form))
  return cleanInPlace(parsed, mayHoldSecret ? forms : [], 0)
}
