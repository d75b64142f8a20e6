import { createGestureGate, type InputSource } from './user-gesture'

/** The parts of Electron's WebContents that hardening touches (a fake implements them in tests). */
export type HardenableContents = InputSource & {
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: { preventDefault(): void }, url: string) => void,
  ): void
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): void
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
}

export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void
  setPermissionCheckHandler(handler: () => boolean): void
}

/** Only https links may leave the app, and only to the system browser. */
export const isExternalLinkAllowed = (url: string): boolean => {
  try {
    return new URL(url).protocol === 'https:'
  } catch {
    return false
  }
}

/**
 * Blocks navigation away from the app, every window.open and <webview>. An https link opens in the
 * system browser instead, but only right after a real click or Enter press (SECURITY.md goal 10),
 * never from a script on its own. The page can still change its own hash.
 */
export function hardenContents(
  contents: HardenableContents,
  appOrigins: readonly string[],
  openExternal: (url: string) => void,
  now: () => number = Date.now,
): void {
  const gesture = createGestureGate(contents, now)
  const leavesApp = (url: string) => {
    try {
      const parsed = new URL(url)
      const origin = parsed.protocol === 'app:' ? `app://${parsed.host}` : parsed.origin
      return !appOrigins.includes(origin)
    } catch {
      return true
    }
  }
  const blockNavigation = (event: { preventDefault(): void }, url: string) => {
    if (leavesApp(url)) event.preventDefault()
  }
  contents.on('will-navigate', blockNavigation)
  contents.on('will-redirect', blockNavigation)
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    // The gesture is spent by any window.open, so one click cannot open a second link.
    if (gesture.consume() && isExternalLinkAllowed(url)) openExternal(url)
    return { action: 'deny' }
  })
}

/** Camera, microphone, notifications-by-prompt, geolocation…: the app asks for none, so all are refused. */
export function denyAllPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}
