import { resolve } from 'node:path'
import { type Handlers, type Result } from '#contract'
import { createDispatcher } from '../../main/ipc/dispatcher'
import { createLogger, createSecretRedactor } from '../../main/services/logger'
import { createPresetsHandlers } from '../../main/services/presets/presets-handlers'
import { createPresetsService } from '../../main/services/presets/presets-service'
import type { Transport } from '../../renderer/src/bridge/transport'

// jsdom gives modules http: URLs, so the starter file is found from the project root vitest runs in.
const starterFile = resolve('resources/presets/starter.json')

/**
 * The real presets service on a temp dir behind the real dispatcher, as a renderer transport: the
 * screen is tested against main's actual behaviour, not a stub of it. It lives in test/support
 * because the renderer tests may reach main only through this transport, as the app does.
 */
export function createPresetsMain(dataDir: string) {
  const logger = createLogger({ redactor: createSecretRedactor() })
  const listeners = new Set<(name: string, payload: unknown) => void>()
  const presets = createPresetsService({
    dataDir,
    clock: Date.now,
    logger,
    starterFile,
    onChange: () => listeners.forEach((listener) => listener('presets.changed', { at: Date.now() })),
  })
  // Only the presets procedures are served; nothing else is called by the screen under test.
  const handlers = createPresetsHandlers({ presets }) as unknown as Handlers
  const dispatch = createDispatcher(handlers, logger)
  const calls: string[] = []
  const transport: Transport = {
    call: (method, input): Promise<Result<unknown>> => {
      calls.push(method)
      return dispatch(method, input, { transport: 'in-process' })
    },
    onEvent: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  return { transport, presets, calls }
}
