import { afterEach } from 'vitest'
import { createHistoryStore, type HistoryStore } from '../../../main/services/history/history-store'
import { createLogger, createSecretRedactor, type MemoryLogger } from '../../../main/services/logger'

export interface OpenOptions {
  readonly clock?: () => number
}

/** Opens history stores on given folders; every store still open is closed after the test. */
export function useHistoryStores(): (
  dataDir: string,
  options?: OpenOptions,
) => HistoryStore & { logger: MemoryLogger } {
  const open: HistoryStore[] = []
  afterEach(() => {
    for (const store of open.splice(0)) store.close()
  })
  return (dataDir, options = {}) => {
    const logger = createLogger({ redactor: createSecretRedactor() })
    const store = createHistoryStore({ dataDir, clock: options.clock ?? Date.now, logger })
    open.push(store)
    return Object.assign(store, { logger })
  }
}
