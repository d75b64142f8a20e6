import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '#contract'
import { createHistoryHandlers } from '../../main/services/history/history-handlers'
import { createHistoryStore } from '../../main/services/history/history-store'
import { createImageCache } from '../../main/services/images/image-cache'
import { createImagesHandlers } from '../../main/services/images/images-handlers'
import { createLogger, createSecretRedactor } from '../../main/services/logger'
import { demoProfile } from './demo-profile'
import { createInProcessMain, type TestHandlers } from './in-process-main'
import { paintImage } from '../../main/simulator/png'

export { makeTaskRecord } from '../main/history/fixtures/task-records'
export { makeImageTaskRecord, makeTaskInput } from '../main/history/fixtures/image-task-records'

export type { RecordedCall } from './in-process-main'

/**
 * The real history store and image cache on a temp dir behind the real dispatcher and history
 * handlers, as an in-process renderer transport. The archive lookup answers "not found" (no service here);
 * `profiles.list` answers the demo profile. `emit` pushes an event as main would.
 */
export function createHistoryMain(dataDir: string, options: { damagedFile?: boolean } = {}) {
  // A file that is not SQLite at all: start-up keeps it aside and reports a recovery.
  if (options.damagedFile) writeFileSync(join(dataDir, 'history.db'), 'not a database; damaged '.repeat(300))
  const logger = createLogger({ redactor: createSecretRedactor() })
  const store = createHistoryStore({ dataDir, clock: Date.now, logger })
  const imageCache = createImageCache({ dataDir, logger })
  const notFound = () => Promise.reject(new AppError('not_found', 'The task does not exist.'))
  const handlers = {
    ...createHistoryHandlers({
      store,
      imageCache,
      api: { queryArchivedTask: notFound },
      profiles: {
        list: async () => ({ profiles: [demoProfile], activeProfileId: 'demo' }),
        get: async () => demoProfile,
        resolveConnection: async () => ({ baseUrl: 'http://127.0.0.1:9', auth: null }),
      },
      clock: Date.now,
      logger,
    }),
    ...createImagesHandlers({ imageCache }),
    'profiles.list': () => ({ profiles: [demoProfile], activeProfileId: 'demo' }),
  } as unknown as TestHandlers
  const main = createInProcessMain(handlers)
  return {
    ...main,
    store,
    imageCache,
    /** Caches a small generated PNG, as a finished task's download would; answers its cache key. */
    putImage: async (name: string) =>
      (await imageCache.put(paintImage({ key: name, width: 32, height: 32, progress: 1 }))).cacheKey,
    async close() {
      store.close()
      await imageCache.close()
    },
  }
}
