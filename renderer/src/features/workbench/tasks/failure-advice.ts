import type { ErrorCode, ErrorShape } from '#contract'

/**
 * Codes where sending the same task again can succeed: a passing fault of the service, the
 * network or the image storage, or a rate limit. A rejected parameter, refused keys or a missing
 * setup fail the same way every time, so those cards offer the fix instead of a retry.
 */
const retryable = new Set<ErrorCode>([
  'server',
  'timeout',
  'network',
  'protocol',
  'internal',
  'quota',
  'image_unavailable',
  'image_storage_unreachable',
])

export const canRetry = (error: ErrorShape | null): boolean => error !== null && retryable.has(error.code)

/** Codes with their own "what to do" line (`workbench.tasks.fix.<code>`). */
const fixes = [
  'invalid_request',
  'auth',
  'keys_needed',
  'quota',
  'server',
  'timeout',
  'network',
  'image_storage_needed',
  'image_storage_auth',
  'image_too_large',
] as const satisfies readonly ErrorCode[]
type FixCode = (typeof fixes)[number]

export const fixCode = (error: ErrorShape | null): FixCode | null =>
  fixes.find((code) => code === error?.code) ?? null

const text = (value: unknown, max: number) =>
  typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, max) : null

/**
 * What the service said and about which field, from the error's details (untrusted text from the
 * network: shown as plain text, cut short).
 */
export function serviceReason(error: ErrorShape | null): { field: string | null; message: string | null } {
  return {
    field: text(error?.details?.field, 200),
    message: text(error?.details?.serviceMessage, 400),
  }
}
