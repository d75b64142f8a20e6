import type { ErrorShape } from '#contract'

/*
 * The service's concurrency limit and its "too many tasks" answer are not documented (API doc §7:
 * the status-code appendix was not stored). The client maps HTTP 429, business code "429" and
 * rate-limit wording to `quota` (api-guesses.ts guess 5), the same class as an empty balance; only
 * the first kind is worth waiting for, so it is told apart here by what the answer carried.
 */
const tooManyWording = /too many|concurren|rate.?limit|try again later|限流|频繁|并发|任务过多|稍后/i

/** Whether a refused submit said "too many tasks / slow down" (retry later) rather than "no balance". */
export function isTooManyTasks(error: ErrorShape | null | undefined): boolean {
  if (!error || error.code !== 'quota') return false
  const details = error.details ?? {}
  if (details.httpStatus === 429 || details.serviceCode === '429') return true
  const said = details.serviceMessage
  return typeof said === 'string' && tooManyWording.test(said)
}

/**
 * A task recorded `submitting` whose request never left (the app was killed in between) ends
 * `not_found` once the tracker has looked long enough (task-tracker.ts); the service surely has no
 * such task, so the queue may send it again under the same id.
 */
export const neverArrived = (error: ErrorShape | null | undefined): boolean => error?.code === 'not_found'

export interface BackoffLimits {
  /** First wait after a refusal; doubles per refusal up to `maxDelayMs`. */
  readonly baseDelayMs: number
  readonly maxDelayMs: number
}

export const defaultBackoff: BackoffLimits = { baseDelayMs: 5_000, maxDelayMs: 120_000 }

/**
 * How long to wait after the `attempt`-th refusal: the service's Retry-After when it gave one
 * (capped), else doubling from the base, with up to 20 % jitter so several profiles or windows
 * do not come back in step.
 */
export function retryDelayMs(
  limits: BackoffLimits,
  attempt: number,
  error: ErrorShape | undefined,
  random: () => number,
): number {
  const said = error?.details?.retryAfterMs
  const base =
    typeof said === 'number' && Number.isFinite(said) && said > 0
      ? said
      : limits.baseDelayMs * 2 ** Math.max(0, attempt - 1)
  return Math.round(Math.min(limits.maxDelayMs, base) * (1 + 0.2 * random()))
}
