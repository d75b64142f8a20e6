import { createHistoryMain } from '../../support/history-main'
import type { TestHandler } from '../../support/in-process-main'
import { Failure } from '../settings/fake-main'

type Answer = (input: Record<string, unknown>) => unknown

/**
 * The real image cache and images handlers (images.import, images.get) on a temp dir, as the
 * history tests use them, with `override` to script a procedure main does not run here (the CNT
 * preview) or a failure (throw a Failure). Overrides go through the real dispatcher too.
 */
export function createSourceMain(dataDir: string) {
  const main = createHistoryMain(dataDir)
  return {
    ...main,
    override(method: string, answer: Answer | null) {
      main.override(method, answer as TestHandler | null)
    },
  }
}

export type SourceMain = ReturnType<typeof createSourceMain>
export { Failure }
