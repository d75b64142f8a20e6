import { resolve } from 'node:path'
import { createLogger, createSecretRedactor } from '../../main/services/logger'
import { createPresetsHandlers } from '../../main/services/presets/presets-handlers'
import { createPresetsService } from '../../main/services/presets/presets-service'
import { createInProcessMain, type TestHandlers } from './in-process-main'

// jsdom gives modules http: URLs, so the starter file is found from the project root vitest runs in.
const starterFile = resolve('resources/presets/starter.json')

/**
 * The real presets service on a temp dir behind the real dispatcher, as a renderer transport: the
 * screen is tested against main's actual behaviour, not a stub of it. It lives in test/support
 * because the renderer tests may reach main only through this transport, as the app does.
 */
export function createPresetsMain(dataDir: string) {
  const logger = createLogger({ redactor: createSecretRedactor() })
  const calls: string[] = []
  let main: ReturnType<typeof createInProcessMain> | null = null
  const presets = createPresetsService({
    dataDir,
    clock: Date.now,
    logger,
    starterFile,
    onChange: () => main?.emit('presets.changed', { at: Date.now() }),
  })
  // Only the presets procedures are served; nothing else is called by the screen under test.
  const handlers = createPresetsHandlers({ presets }) as unknown as TestHandlers
  main = createInProcessMain(handlers, { onCall: (call) => calls.push(call.method) })
  return { transport: main.transport, presets, calls }
}
