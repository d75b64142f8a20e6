import { AppError } from '#contract'
import {
  abortError,
  attemptJson,
  backoffDelay,
  callSignals,
  pause,
  type Attempt,
  type CallContext,
  type CallSignals,
} from './api-call'
import { apiPaths } from './api-paths'
import type { ApiConnection, CallOptions } from './api-types'

export interface SubmitCall {
  readonly connection: ApiConnection
  readonly path: string
  /** The caller-chosen id carried in the body; every resend carries the same one. */
  readonly taskId: string
  readonly body: unknown
  readonly options: CallOptions
  /**
   * Where a lost answer is reconciled (`{businessTaskId}` queries): the SD realtime query by
   * default; a tool's own `/tool/{toolCode}/queryTask` for tool tasks; null when the endpoint has
   * no query (model training), so a lost answer stays `unknown`.
   */
  readonly reconcilePath?: string | null
}

export type SubmitOutcome =
  { readonly kind: 'answered'; readonly data: unknown } | { readonly kind: 'reconciled' }

type Failed = Extract<Attempt<unknown>, { ok: false }>

/** Whether the task exists on the service: found, surely not there, or could not be told. */
type Presence = 'exists' | 'absent' | 'unknown'

const withDetails = (error: AppError, extra: Record<string, unknown>): AppError =>
  new AppError(error.code, error.message, { ...error.details, ...extra })

/** A failure that may hide an accepted submit: the answer was lost, cut, unreadable or a 5xx. */
const mayHideAcceptedTask = (failed: Failed): boolean =>
  failed.mayHaveArrived && ['network', 'timeout', 'server', 'protocol'].includes(failed.error.code)

/**
 * Asks the task's query (`reconcilePath`) whether `taskId` exists, for up to `reconcileWindowMs`
 * (a new task may take a moment to become queryable: guess 3). Any answer with data means it
 * exists, whatever its state; only repeated "not found" means absent.
 */
async function reconcile(ctx: CallContext, call: SubmitCall, signals: CallSignals): Promise<Presence> {
  if (call.reconcilePath === null) return 'unknown'
  const started = ctx.timers.now()
  for (let attempt = 1; ; attempt += 1) {
    const result = await attemptJson(
      ctx,
      call.connection,
      call.reconcilePath ?? apiPaths.queryTask,
      { businessTaskId: call.taskId },
      signals,
    )
    if (result.ok && result.value !== null) return 'exists'
    const notFound = result.ok || result.error.code === 'not_found'
    const elapsed = ctx.timers.now() - started
    if (elapsed >= ctx.limits.reconcileWindowMs || signals.signal.aborted)
      return notFound ? 'absent' : 'unknown'
    try {
      await pause(
        ctx,
        Math.min(backoffDelay(ctx, attempt), ctx.limits.reconcileWindowMs - elapsed),
        signals,
        call.path,
      )
    } catch {
      return 'unknown'
    }
  }
}

/**
 * Submits once, safely (SECURITY.md #17):
 * - a connection that failed before the request could arrive (refused, DNS, TLS, proxy, connect
 *   timeout) is retried with the same task id, with backoff, up to `submitMaxAttempts`;
 * - a request that may have arrived but whose answer was lost (reset, timeout, 5xx, unreadable) is
 *   reconciled with status queries, never blindly resent: found ⇒ done; surely absent after a cut
 *   connection ⇒ resent with the same id; otherwise the error, marked `submitOutcome` so the tasks
 *   service reconciles later;
 * - any other answer (auth, quota, invalid_request…) is final.
 */
export async function submitWithReconcile(ctx: CallContext, call: SubmitCall): Promise<SubmitOutcome> {
  const signals = callSignals(call.options.signal, call.options.deadlineMs ?? ctx.limits.submitDeadlineMs)
  try {
    for (let attempt = 1; ; attempt += 1) {
      const result = await attemptJson(ctx, call.connection, call.path, call.body, signals)
      if (result.ok) return { kind: 'answered', data: result.value }
      if (signals.signal.aborted)
        throw withDetails(abortError(signals, call.path), { taskId: call.taskId, submitOutcome: 'unknown' })
      if (!result.mayHaveArrived) {
        if (!result.retryable || attempt >= ctx.limits.submitMaxAttempts)
          throw withDetails(result.error, { submitOutcome: 'not_created' })
        ctx.logger.info('api.submit.resend', { taskId: call.taskId, attempt, code: result.error.code })
        await pause(ctx, backoffDelay(ctx, attempt), signals, call.path)
        continue
      }
      if (!mayHideAcceptedTask(result)) throw result.error
      const presence = await reconcile(ctx, call, signals)
      ctx.logger.info('api.submit.reconciled', {
        taskId: call.taskId,
        attempt,
        presence,
        code: result.error.code,
      })
      if (presence === 'exists') return { kind: 'reconciled' }
      if (presence === 'absent' && !result.answered && attempt < ctx.limits.submitMaxAttempts) continue
      const error = signals.signal.aborted ? abortError(signals, call.path) : result.error
      throw withDetails(error, {
        taskId: call.taskId,
        submitOutcome: presence === 'absent' ? 'not_created' : 'unknown',
      })
    }
  } finally {
    signals.dispose()
  }
}
