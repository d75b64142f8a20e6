import type { z } from 'zod'
import {
  AppError,
  isProcedureName,
  procedures,
  type CallContext,
  type ErrorShape,
  type Handlers,
  type Result,
} from '#contract'
import type { Logger } from '../services/logger'

export type Dispatch = (name: unknown, payload: unknown, ctx: CallContext) => Promise<Result<unknown>>

const failure = (error: ErrorShape): Result<never> => ({ ok: false, error })

const describeIssues = (issues: readonly z.core.$ZodIssue[]) =>
  issues.slice(0, 20).map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }))

/**
 * The single boundary every transport goes through: validate the payload, run the handler,
 * validate (and so strip) the answer, and turn any failure into one ErrorShape. Unknown errors
 * become `internal` with a generic message: no stack, no exception text that might carry data.
 */
export function createDispatcher(handlers: Handlers, logger: Logger): Dispatch {
  return async (name, payload, ctx) => {
    if (!isProcedureName(name)) {
      return failure({
        code: 'invalid_request',
        message: 'Unknown procedure.',
        details: { procedure: String(name) },
      })
    }
    const procedure = procedures[name]
    const parsed = procedure.input.safeParse(payload)
    if (!parsed.success) {
      return failure({
        code: 'invalid_request',
        message: `Invalid request for ${name}.`,
        details: { procedure: name, issues: describeIssues(parsed.error.issues) },
      })
    }
    try {
      const handler = handlers[name] as (input: unknown, ctx: CallContext) => unknown
      const value: unknown = await handler(parsed.data, ctx)
      const checked = procedure.output.safeParse(value)
      if (!checked.success) {
        logger.error('dispatcher.bad_output', {
          procedure: name,
          issues: describeIssues(checked.error.issues),
        })
        return failure({ code: 'internal', message: 'The app produced an unexpected answer.' })
      }
      return { ok: true, value: checked.data }
    } catch (error) {
      if (error instanceof AppError) return failure(error.toShape())
      logger.error('dispatcher.unexpected', {
        procedure: name,
        error: error instanceof Error ? error.name : 'unknown',
      })
      return failure({ code: 'internal', message: 'Something went wrong inside the app.' })
    }
  }
}
