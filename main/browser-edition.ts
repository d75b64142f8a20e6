import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { tlsWarning } from './services/api'
import { readAppVersion } from './services/app-version'
import { createServices } from './services/create-services'
import { keepNewFilesPrivate } from './services/fs/private-files'
import { resolveDataDir } from './services/paths'
import { startBrowserBridge } from './transport/browser-bridge'

/*
 * `npm run start:browser`: the same main-process services as the desktop app, reached from a
 * browser tab over the token-protected bridge on 127.0.0.1.
 */
keepNewFilesPrivate()
const args = new Set(process.argv.slice(2))
const portArg = process.argv.find((arg) => arg.startsWith('--port='))
const rendererDir = fileURLToPath(new URL('../out/renderer', import.meta.url))

const services = await createServices({
  dataDir: resolveDataDir(),
  edition: 'browser',
  version: readAppVersion(new URL('../package.json', import.meta.url)),
  locale: Intl.DateTimeFormat().resolvedOptions().locale,
  echoLogs: true,
})
const bridge = await startBrowserBridge({
  dispatch: services.dispatch,
  events: services.events,
  logger: services.logger,
  rendererDir,
  port: portArg ? Number(portArg.slice('--port='.length)) : 0,
})

const tlsProblem = tlsWarning()
if (tlsProblem) process.stderr.write(`WARNING: ${tlsProblem}\n`)
void services.tasks.resume()
void services.queue.start()

process.stdout.write(
  `Img Open Workbench (browser edition) is running.\nOpen: ${bridge.url}\nData: ${services.config.dataDir}\nPress Ctrl+C to stop.\n`,
)

if (!args.has('--no-open')) {
  // IMG_OPEN_BROWSER names another opener (a test records what it is given).
  const opener =
    process.env.IMG_OPEN_BROWSER ||
    (process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open')
  // The opener's (and the browser's) command line is readable by every local user: it gets a
  // one-time launch code, never the token (launch-codes.ts).
  const child = spawn(opener, [bridge.launchUrl()], { stdio: 'ignore', detached: true })
  child.on('error', () =>
    process.stdout.write('(Could not open a browser automatically; open the address above.)\n'),
  )
  child.unref()
}

const stop = async () => {
  await bridge.close()
  await services.close()
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
