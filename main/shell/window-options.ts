import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron'

export interface WindowBounds {
  readonly x?: number
  readonly y?: number
  readonly width: number
  readonly height: number
  readonly maximized?: boolean
}

/** The only webPreferences any window of the app gets. */
export const secureWebPreferences = (preloadPath: string): WebPreferences => ({
  preload: preloadPath,
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
  webPreferences: secureWebPreferences(preloadPath),
})
