import { join } from 'node:path'
import type { AppInfo } from '../contract'
import { createDispatcher, type Dispatch, type Handlers } from '../ipc/dispatcher'
import { createAppHandlers } from './app/app-handlers'
import { createEventBus, type EventBus } from './event-bus'
import { createLogger, createSecretRedactor, type MemoryLogger, type SecretRedactor } from './logger'

export interface ServicesConfig {
  readonly dataDir: string
  readonly edition: AppInfo['edition']
  readonly version: string
  readonly locale?: string
  readonly clock?: () => number
  /** Echo warnings to stderr (CLI, dev). */
  readonly echoLogs?: boolean
}

export interface Services {
  readonly config: ServicesConfig
  readonly handlers: Handlers
  readonly dispatch: Dispatch
  readonly events: EventBus
  readonly logger: MemoryLogger
  readonly redactor: SecretRedactor
  close(): Promise<void>
}

/**
 * The composition root shared by the Electron entry, the browser edition and the CLI, so the three
 * run the same code against the same data directory.
 */
export async function createServices(config: ServicesConfig): Promise<Services> {
  const clock = config.clock ?? Date.now
  const redactor = createSecretRedactor()
  const logger = createLogger({
    file: join(config.dataDir, 'logs', 'main.log'),
    redactor,
    clock,
    echo: config.echoLogs,
  })
  const events = createEventBus()
  const info: AppInfo = {
    name: 'Img Open Workbench',
    version: config.version,
    edition: config.edition,
    platform: process.platform,
    dataDir: config.dataDir,
    locale: config.locale ?? 'en',
  }
  const handlers: Handlers = {
    ...createAppHandlers({ info }),
  }
  const dispatch = createDispatcher(handlers, logger)
  logger.info('services.started', { edition: config.edition })
  return {
    config,
    handlers,
    dispatch,
    events,
    logger,
    redactor,
    async close() {
      logger.info('services.stopped')
    },
  }
}
