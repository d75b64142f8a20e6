import type { Page } from 'playwright-core'
import { afterEach } from 'vitest'
import type { Services, ServicesConfig } from '../../main/services/create-services'
import type { BrowserBridge } from '../../main/transport/browser-bridge'
import { useBrowserBridge } from './browser-edition'
import { launchChromium, type ChromiumSession } from './chromium'
import { useServices } from './services'
import { useTempDirs } from './temp-dir'

type AppConfig = Partial<ServicesConfig>

export interface AppInBrowser {
  /** A fresh directory, removed after the test. */
  tempDir(): Promise<string>
  /** The real services (on a fresh temp dir unless `dataDir` is given) behind a browser bridge. */
  start(config?: AppConfig): Promise<{ readonly app: Services; readonly bridge: BrowserBridge }>
  /** A new page in this test's Chromium, launched on first use. */
  newPage(): Promise<Page>
  /** `start` and a page already on the app. */
  open(
    config?: AppConfig,
  ): Promise<{ readonly app: Services; readonly bridge: BrowserBridge; readonly page: Page }>
}

/** Services + browser bridge + Chromium, as the e2e tests use them; all closed after each test. */
export function useAppInBrowser(): AppInBrowser {
  const tempDir = useTempDirs()
  const services = useServices()
  const startBridge = useBrowserBridge()
  let chromium: ChromiumSession | undefined
  afterEach(async () => {
    await chromium?.close()
    chromium = undefined
  })

  const start = async (config: AppConfig = {}) => {
    const app = await services({ ...config, dataDir: config.dataDir ?? (await tempDir()) })
    return { app, bridge: await startBridge(app) }
  }
  const newPage = async () => {
    chromium ??= await launchChromium()
    return chromium.context.newPage()
  }
  return {
    tempDir,
    start,
    newPage,
    async open(config) {
      const started = await start(config)
      const page = await newPage()
      await page.goto(started.bridge.url)
      return { ...started, page }
    },
  }
}
