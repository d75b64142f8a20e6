import type { MenuItemConstructorOptions } from 'electron'

/** The fields of Electron's Input that name a key chord. */
export interface KeyChord {
  readonly type: string
  readonly key: string
  readonly control: boolean
  readonly meta: boolean
  readonly shift: boolean
  readonly alt: boolean
}

const inspectorKeys = new Set(['i', 'j', 'c'])

/** Chromium's DevTools chords: F12, Ctrl+Shift+I/J/C, and on macOS Cmd+Alt+I/J/C. */
export function isDevToolsShortcut(input: KeyChord): boolean {
  if (input.type !== 'keyDown') return false
  if (input.key === 'F12') return true
  const letter = inspectorKeys.has(input.key.toLowerCase())
  return letter && ((input.control && input.shift) || (input.meta && (input.alt || input.shift)))
}

/** The parts of Electron's WebContents the lockdown touches (a fake implements them in tests). */
export interface LockableContents {
  on(
    event: 'before-input-event',
    listener: (event: { preventDefault(): void }, input: KeyChord) => void,
  ): void
  on(event: 'devtools-opened', listener: () => void): void
  closeDevTools(): void
}

/**
 * A packaged build keeps DevTools shut: `devTools: false` in the window's preferences already
 * refuses them; this also swallows the shortcuts and closes DevTools should anything open them.
 */
export function lockDevTools(contents: LockableContents): void {
  contents.on('before-input-event', (event, input) => {
    if (isDevToolsShortcut(input)) event.preventDefault()
  })
  contents.on('devtools-opened', () => contents.closeDevTools())
}

/**
 * The application menu of a packaged build, replacing Electron's default one (whose View menu has
 * Reload and Toggle Developer Tools). Windows and Linux get none; macOS keeps the app, Edit and
 * Window menus, without which Cmd+C, Cmd+V and Cmd+Q would not work.
 */
export function productionMenu(platform: NodeJS.Platform): MenuItemConstructorOptions[] | null {
  if (platform !== 'darwin') return null
  return [{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }]
}
