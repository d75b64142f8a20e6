import { newTaskQueryLagMs } from './api-guesses'

/**
 * Every bound the client keeps. undici's defaults (300 s timeouts, unlimited sizes) are not
 * acceptable (SECURITY.md #15, #16); tests shrink these to keep wall time low.
 */
export interface ApiLimits {
  /** TCP + TLS connect, also through a proxy (≤ 10 s). */
  readonly connectTimeoutMs: number
  /** From request sent to response headers (≤ 60 s). */
  readonly headersTimeoutMs: number
  /** Longest silence between two body chunks (≤ 30 s). */
  readonly bodyTimeoutMs: number
  readonly maxJsonBytes: number
  readonly maxImageBytes: number
  /** Overall deadline of a submit, reconciliation included. */
  readonly submitDeadlineMs: number
  /** Overall deadline of a query, list or image download, retries included. */
  readonly queryDeadlineMs: number
  /** Attempts of an idempotent call (queries, lists, downloads). */
  readonly maxAttempts: number
  /** Attempts of a submit whose connection failed before the request could arrive. */
  readonly submitMaxAttempts: number
  /** First backoff delay; doubles per attempt, with jitter, up to `maxDelayMs`. */
  readonly baseDelayMs: number
  readonly maxDelayMs: number
  /** Total time spent waiting between attempts of one call; a longer Retry-After fails at once. */
  readonly retryBudgetMs: number
  /** How long a lost submit answer is reconciled before the task counts as not created. */
  readonly reconcileWindowMs: number
}

export const defaultApiLimits: ApiLimits = {
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 60_000,
  bodyTimeoutMs: 30_000,
  maxJsonBytes: 4 * 1024 * 1024,
  maxImageBytes: 40 * 1024 * 1024,
  submitDeadlineMs: 120_000,
  queryDeadlineMs: 60_000,
  maxAttempts: 4,
  submitMaxAttempts: 3,
  baseDelayMs: 400,
  maxDelayMs: 8_000,
  retryBudgetMs: 30_000,
  reconcileWindowMs: newTaskQueryLagMs,
}

/** Defaults overridden by what the caller gives; hard ceilings from SECURITY.md #15 still apply. */
export function resolveApiLimits(overrides: Partial<ApiLimits> = {}): ApiLimits {
  const limits = { ...defaultApiLimits, ...overrides }
  return {
    ...limits,
    connectTimeoutMs: Math.min(limits.connectTimeoutMs, 10_000),
    headersTimeoutMs: Math.min(limits.headersTimeoutMs, 60_000),
    bodyTimeoutMs: Math.min(limits.bodyTimeoutMs, 30_000),
  }
}
