import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppError, type EventName, type Handlers, type Result } from '#contract'
import { createDispatcher } from '../../main/ipc/dispatcher'
import { createHistoryHandlers } from '../../main/services/history/history-handlers'
import { createHistoryStore } from '../../main/services/history/history-store'
import { createImageCache } from '../../main/services/images/image-cache'
import { createImagesHandlers } from '../../main/services/images/images-handlers'
import { createLogger, createSecretRedactor } from '../../main/services/logger'
import type { Transport } from '../../renderer/src/bridge/transport'
import { demoProfile } from './demo-profile'
import { paintImage } from '../../main/simulator/png'

export { makeTaskRecord } from '../main/history/fixtures/task-records'
export { makeImageTaskRecord, makeTaskInput } from '../main/history/fixtures/image-task-records'

export interface RecordedCall {
  readonly method: string
  readonly input: unknown
}

/**
 * The real history store and image cache on a temp dir behind the real dispatcher and history
 * handlers, as a renderer transport. The archive lookup answers "not found" (no service here);
 * `profiles.list` answers the demo profile. `emit` pushes an event as main would.
 */
export function createHistoryMain(dataDir: string, options: { damagedFile?: boolean } = {}) {
  // A file that is not SQLite at all: start-up keeps it aside and reports a recovery.
  if (options.damagedFile) writeFileSync(join(dataDir, 'history.db'), 'not a database; damaged '.repeat(300))
  const logger = createLogger({ redactor: createSecretRedactor() })
  const store = createHistoryStore({ dataDir, clock: Date.now, logger })
  const imageCache = createImageCache({ dataDir, logger })
  const listeners = new Set<(name: string, payload: unknown) => void>()
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
  } as unknown as Handlers
  const dispatch = createDispatcher(handlers, logger)
  const calls: RecordedCall[] = []
  const transport: Transport = {
    call: (method, input): Promise<Result<unknown>> => {
      calls.push({ method, input })
      return dispatch(method, input, { transport: 'in-process' })
    },
    onEvent: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  return {
    transport,
    store,
    imageCache,
    calls,
    /** Caches a small generated PNG, as a finished task's download would; answers its cache key. */
    putImage: async (name: string) =>
      (await imageCache.put(paintImage({ key: name, width: 32, height: 32, progress: 1 }))).cacheKey,
    emit: (name: EventName, payload: unknown) => listeners.forEach((listener) => listener(name, payload)),
    async close() {
      store.close()
      await imageCache.close()
    },
  }
}
