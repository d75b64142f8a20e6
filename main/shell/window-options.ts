import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron'

export interface WindowBounds {
  readonly x?: number
  readonly y?: number
  readonly width: number
  readonly height: number
  readonly maximized?: boolean
}

/** Whether this is a packaged release (Electron's app.isPackaged) or a developer's run. */
export interface BuildKind {
  readonly packaged: boolean
}

/** The only webPreferences any window of the app gets; a packaged build has no DevTools at all. */
export const secureWebPreferences = (preloadPath: string, build: BuildKind): WebPreferences => ({
  preload: preloadPath,
  devTools: !build.packaged,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
})

export const mainWindowOptions = (
  preloadPath: string,
  bounds: WindowBounds,
  build: BuildKind,
): BrowserWindowConstructorOptions => ({
  x: bounds.x,
  y: bounds.y,
  width: bounds.width,
  height: bounds.height,
  minWidth: 900,
  minHeight: 600,
  show: false,
  title: 'Img Open Workbench',
  backgroundColor: '#16181d',
  webPreferences: secureWebPreferences(preloadPath, build),
})
