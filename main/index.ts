import { join } from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, protocol, session, shell } from 'electron'
import { eventChannel, type TaskRecord } from './contract'
import { tlsWarning } from './services/api'
import { createServices } from './services/create-services'
import { keepNewFilesPrivate } from './services/fs/private-files'
import { resolveDataDir } from './services/paths'
import { appHost, appScheme, handleAppRequest } from './shell/app-protocol'
import { denyAllPermissions, hardenContents } from './shell/harden-contents'
import { createOutputDialogs } from './shell/output-dialogs'
import { lockDevTools, productionMenu } from './shell/production-lockdown'
import { registerProcedures } from './shell/register-procedures'
import { taskNotice } from './shell/task-notification'
import { appOrigin, isTrustedSender } from './shell/trusted-sender'
import { mainWindowOptions } from './shell/window-options'
import { loadWindowBounds, saveWindowBounds } from './shell/window-state'

// The Electron entry only composes: services, IPC, protocol and one hardened window.
keepNewFilesPrivate()
protocol.registerSchemesAsPrivileged([
  { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
])

if (!app.requestSingleInstanceLock()) app.quit()

// A packaged build has no DevTools and not Electron's default menu (its View menu opens them);
// set before 'ready' so the default menu is never built.
const build = { packaged: app.isPackaged }
if (build.packaged) {
  const template = productionMenu(process.platform)
  Menu.setApplicationMenu(template ? Menu.buildFromTemplate(template) : null)
}

const dataDir = resolveDataDir()
app.setPath('userData', dataDir)
const rendererDir = join(__dirname, '../renderer')
const preloadPath = join(__dirname, '../preload/index.cjs')
const allowedOrigins = [appOrigin]

function notifyIfUnfocused(task: TaskRecord) {
  const notice = taskNotice(task, BrowserWindow.getFocusedWindow() !== null, app.getLocale())
  if (notice && Notification.isSupported()) new Notification(notice).show()
}

async function openMainWindow(): Promise<BrowserWindow> {
  const bounds = await loadWindowBounds(dataDir)
  const window = new BrowserWindow(mainWindowOptions(preloadPath, bounds, build))
  hardenContents(window.webContents, allowedOrigins, (url) => void shell.openExternal(url))
  if (build.packaged) lockDevTools(window.webContents)
  if (bounds.maximized) window.maximize()
  window.once('ready-to-show', () => window.show())
  window.on('close', () => {
    void saveWindowBounds(dataDir, { ...window.getNormalBounds(), maximized: window.isMaximized() })
  })
  await window.loadURL(`${appScheme}://${appHost}/index.html`)
  return window
}

/** Start-up failed before a window could say so: tell the user in a native box, then quit. */
function failedToStart(error: unknown) {
  const reason = error instanceof Error ? error.message : 'An unknown error.'
  dialog.showErrorBox('Img Open Workbench could not start', `${reason}\n\nData folder: ${dataDir}`)
  app.exit(1)
}

app
  .whenReady()
  .then(async () => {
    const services = await createServices({
      dataDir,
      edition: 'desktop',
      version: app.getVersion(),
      locale: app.getLocale(),
      outputShell: createOutputDialogs(() => BrowserWindow.getFocusedWindow()),
      defaultSaveDir: app.getPath('downloads'),
    })
    protocol.handle(appScheme, (request) => handleAppRequest(rendererDir, request.url))
    denyAllPermissions(session.defaultSession)
    app.on('web-contents-created', (_event, contents) => {
      contents.on('will-attach-webview', (event) => event.preventDefault())
    })
    registerProcedures(ipcMain, services.dispatch, (frame) => isTrustedSender(frame, allowedOrigins))
    services.events.subscribe((name, payload) => {
      for (const window of BrowserWindow.getAllWindows()) window.webContents.send(eventChannel, name, payload)
      if (name === 'tasks.changed') notifyIfUnfocused(payload as TaskRecord)
    })
    const tlsProblem = tlsWarning()
    if (tlsProblem) services.logger.warn('startup.tls_verification_disabled', { warning: tlsProblem })
    void services.tasks.resume()
    void services.queue.start()
    let mainWindow = await openMainWindow()
    app.on('second-instance', () => {
      if (mainWindow.isMinimized()) mainWindow.restore()
      mainWindow.focus()
    })
    app.on('activate', async () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = await openMainWindow()
    })
    app.on('window-all-closed', () => {
      if (process.platform !== 'darwin') app.quit()
    })
    app.on('will-quit', () => void services.close())
  })
  .catch(failedToStart)
