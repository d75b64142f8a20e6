import { AppError, procedureNames, type ErrorShape, type Result } from '#contract'
import type { CallContext, Handlers } from '#contract'
import { createDispatcher } from '../../main/ipc/dispatcher'
import { createLogger, createSecretRedactor } from '../../main/services/logger'
import type { EventListener, Transport } from '../../renderer/src/bridge/transport'

export interface RecordedCall {
  readonly method: string
  readonly input: unknown
}

/**
 * What a test serves for one procedure. Typed loosely on purpose: the real dispatcher checks the
 * input against the contract before the handler runs and the answer after, so a stand-in that
 * drifts from the contract fails the test instead of passing a screen something main never sends.
 */
export type TestHandler = (input: never, ctx: CallContext) => unknown
export type TestHandlers = Readonly<Record<string, TestHandler>>

/** A canned answer in the bridge's own shape, or a function of the input giving one. */
export type Answer = Result<unknown> | ((input: never) => Result<unknown> | Promise<Result<unknown>>)

/** Serves a table of canned answers as handlers: `ok` answers their value, failures throw their error. */
export function answersToHandlers(answers: Readonly<Record<string, Answer>>): TestHandlers {
  const fromResult = (result: Result<unknown>) => {
    if (result.ok) return result.value
    throw appErrorOf(result.error)
  }
  return Object.fromEntries(
    Object.entries(answers).map(([method, answer]) => [
      method,
      async (input: never) => fromResult(typeof answer === 'function' ? await answer(input) : answer),
    ]),
  )
}

/** The AppError a handler throws to answer with this error shape. */
export const appErrorOf = (error: ErrorShape) => new AppError(error.code, error.message, error.details)

/**
 * Renderer tests reach main the way the app does: through a Transport whose calls go to the real
 * dispatcher (input validation, output validation and stripping, error shapes), here in-process.
 * `handlers` are the real services' handlers or small stand-ins; a procedure nobody serves answers
 * `not_found`. `override` swaps one procedure's handler until cleared; `emit` pushes an event as
 * main would.
 */
export function createInProcessMain(
  handlers: TestHandlers,
  options: { readonly onCall?: (call: RecordedCall) => void } = {},
) {
  const logger = createLogger({ redactor: createSecretRedactor() })
  const overrides = new Map<string, TestHandler>()
  const listeners = new Set<EventListener>()
  const calls: RecordedCall[] = []
  const served = (method: string): TestHandler => {
    const handler = overrides.get(method) ?? handlers[method]
    if (handler) return handler
    return () => {
      throw new AppError('not_found', `This test serves no ${method}.`)
    }
  }
  // Every procedure resolves its handler at call time, so overrides apply to the next call.
  const lateBound = Object.fromEntries(
    procedureNames.map((name) => [name, (input: never, ctx: CallContext) => served(name)(input, ctx)]),
  ) as unknown as Handlers
  const dispatch = createDispatcher(lateBound, logger)
  const transport: Transport = {
    async call(method, input) {
      const call = { method, input }
      calls.push(call)
      options.onCall?.(call)
      const seen = logger.lines.length
      const result = await dispatch(method, input, { transport: 'in-process' })
      const badOutput = logger.lines.slice(seen).find((line) => line.includes('dispatcher.bad_output'))
      // A stand-in answered something the contract refuses: that is a broken test, say so loudly.
      if (badOutput) throw new Error(`The test's ${method} handler broke the contract: ${badOutput}`)
      return result
    },
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  return {
    transport,
    calls,
    logger,
    /** The inputs `method` was called with, in order. */
    inputsOf: (method: string) => calls.filter((call) => call.method === method).map((call) => call.input),
    override(method: string, handler: TestHandler | null) {
      if (handler) overrides.set(method, handler)
      else overrides.delete(method)
    },
    emit: (name: string, payload: unknown) => listeners.forEach((listener) => listener(name, payload)),
  }
}

export type InProcessMain = ReturnType<typeof createInProcessMain>
