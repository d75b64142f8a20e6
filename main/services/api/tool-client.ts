import { attemptJson, withRetries, type CallContext } from './api-call'
import { apiError } from './api-errors'
import { nullDataMeansNotFound } from './api-guesses'
import type { ApiConnection, CallOptions } from './api-types'
import { submitWithReconcile, type SubmitOutcome } from './submit'

/** One tool or custom submit: the body already carries the client-chosen `businessTaskId`. */
export interface ToolSubmit {
  readonly path: string
  readonly taskId: string
  readonly body: Record<string, unknown>
  /**
   * Where a lost answer is looked up (`tool/{toolCode}/queryTask`); null where no query exists
   * (model training, §14): a lost answer is then reported as `submitOutcome: 'unknown'`.
   */
  readonly queryPath: string | null
}

/**
 * The calls every tool row and the custom request share, generic over the path: the rows
 * (tool-rows.ts) say what to send, tools/ reads the answers with the contract's completion rule.
 */
export interface ToolCalls {
  /**
   * Sends a tool body with the at-most-one-task guarantee of SD submits (submit.ts): answers the
   * answer's `data`, or `reconciled` when the answer was lost and the query found the task.
   */
  submitTool(connection: ApiConnection, call: ToolSubmit, options?: CallOptions): Promise<SubmitOutcome>
  /** The raw `data` of `{ businessTaskId }` posted to a tool's query path; `not_found` for null data. */
  queryToolData(
    connection: ApiConnection,
    queryPath: string,
    taskId: string,
    options?: CallOptions,
  ): Promise<unknown>
}

const taskIdPattern = /^[\w.:-]{1,128}$/

export function createToolCalls(ctx: CallContext): ToolCalls {
  return {
    async submitTool(connection, call, options = {}) {
      if (!taskIdPattern.test(call.taskId)) throw apiError('invalid_request', { field: 'businessTaskId' })
      return submitWithReconcile(ctx, {
        connection,
        path: call.path,
        taskId: call.taskId,
        body: call.body,
        options,
        reconcilePath: call.queryPath,
      })
    },
    async queryToolData(connection, queryPath, taskId, options = {}) {
      if (!taskIdPattern.test(taskId)) throw apiError('invalid_request', { field: 'businessTaskId' })
      const data = await withRetries(ctx, {
        path: queryPath,
        signal: options.signal,
        deadlineMs: options.deadlineMs ?? ctx.limits.queryDeadlineMs,
        attempt: (signals) => attemptJson(ctx, connection, queryPath, { businessTaskId: taskId }, signals),
      })
      if (data === null && nullDataMeansNotFound) throw apiError('not_found', { path: queryPath, taskId })
      return data
    },
  }
}
