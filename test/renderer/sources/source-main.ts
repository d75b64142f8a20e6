import type { Result } from '#contract'
import type { Transport } from '../../../renderer/src/bridge/transport'
import { createHistoryMain } from '../../support/history-main'
import { Failure } from '../settings/fake-main'

type Answer = (input: Record<string, unknown>) => unknown

/**
 * The real image cache and images handlers (images.import, images.get) on a temp dir, as the
 * history tests use them, with `override` to script a procedure main does not run here (the CNT
 * preview) or a failure (throw a Failure).
 */
export function createSourceMain(dataDir: string) {
  const main = createHistoryMain(dataDir)
  const overrides = new Map<string, Answer>()
  const transport: Transport = {
    async call(method, input): Promise<Result<unknown>> {
      const answer = overrides.get(method)
      if (!answer) return main.transport.call(method, input)
      main.calls.push({ method, input })
      try {
        return { ok: true, value: await answer((input ?? {}) as Record<string, unknown>) }
      } catch (error) {
        if (error instanceof Failure) return { ok: false, error: error.error }
        throw error
      }
    },
    onEvent: main.transport.onEvent,
  }
  return {
    ...main,
    transport,
    /** The inputs `method` was called with, in order. */
    inputsOf: (method: string) =>
      main.calls.filter((call) => call.method === method).map((call) => call.input),
    override(method: string, answer: Answer | null) {
      if (answer) overrides.set(method, answer)
      else overrides.delete(method)
    },
  }
}

export type SourceMain = ReturnType<typeof createSourceMain>
export { Failure }
