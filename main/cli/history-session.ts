import { join } from 'node:path'
import { AppError } from '#contract/errors'
import { makeDataDirPrivate } from '../services/fs/private-files'
import { createHistoryStore, type HistoryStore } from '../services/history/history-store'
import { cacheLayout, isCacheKey } from '../services/images/cache-layout'
import type { ImageCache } from '../services/images/image-cache'
import { createLogger, createSecretRedactor } from '../services/logger'
import { noteLine, type CliContext } from './cli-context'

/** What a command that only reads the local history needs: the store and the cached files. */
export interface HistorySession {
  readonly history: HistoryStore
  readonly images: Pick<ImageCache, 'locate'>
}

/**
 * A damaged history was rebuilt while opening: say so once, with where the damaged copy is. Told
 * here, the notice is acknowledged, as the app's History screen does when it is dismissed.
 */
export function tellRecovery(context: CliContext, history: HistoryStore): void {
  const recovery = history.pendingRecovery()
  if (!recovery) return
  const lost =
    recovery.lost === null
      ? context.say('historyLostUnknown')
      : context.say('historyLostCount', { count: recovery.lost })
  const file = join(context.dataDir, recovery.keptAs)
  noteLine(context, context.say('historyRecovered', { recovered: recovery.recovered, lost, file }))
  history.acknowledgeRecovery()
}

/**
 * Runs `work` on the data folder's history alone, and closes it whatever happens. For read-only
 * commands (`history`): no keychain, profiles, API client, queue or image cache is built, so the
 * command starts in a fraction of the time the whole services take (issue 17 §3). The history's
 * lock, recovery and the data folder's privacy are the same as with the services.
 */
export async function withHistory<T>(
  context: CliContext,
  work: (session: HistorySession) => Promise<T>,
): Promise<T> {
  await makeDataDirPrivate(context.dataDir)
  const logger = createLogger({
    file: join(context.dataDir, 'logs', 'main.log'),
    redactor: createSecretRedactor(),
  })
  const history = createHistoryStore({ dataDir: context.dataDir, clock: Date.now, logger })
  const layout = cacheLayout(context.dataDir)
  const locate = (cacheKey: string) => {
    if (!isCacheKey(cacheKey)) throw new AppError('invalid_request', 'Not an image cache key.')
    return layout.findFull(cacheKey)
  }
  try {
    tellRecovery(context, history)
    return await work({ history, images: { locate } })
  } finally {
    history.close()
  }
}
