import type { Logger } from './logger'

/**
 * Work a service starts and does not wait for (downloads, upload clean-up): a failure is logged
 * under `failureEvent` by its code only, never thrown, and `settled` lets `close()` wait for all of it.
 */
export function createBackgroundWork(
  logger: Logger,
  failureEvent: string,
  codeOf: (error: unknown) => string,
) {
  const pending = new Set<Promise<unknown>>()
  return {
    run(work: Promise<unknown>): void {
      const guarded = work.catch((error: unknown) => logger.error(failureEvent, { code: codeOf(error) }))
      pending.add(guarded)
      void guarded.finally(() => pending.delete(guarded))
    },
    settled: async (): Promise<void> => {
      await Promise.all([...pending])
    },
  }
}
