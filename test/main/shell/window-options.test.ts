import { describe, expect, it, vi } from 'vitest'
import {
  isDevToolsShortcut,
  lockDevTools,
  productionMenu,
  type KeyChord,
  type LockableContents,
} from '../../../main/shell/production-lockdown'
import { mainWindowOptions, secureWebPreferences } from '../../../main/shell/window-options'

const packaged = { packaged: true }
const developer = { packaged: false }

describe('window factory', () => {
  it('gives every window isolation, the sandbox and no Node', () => {
    for (const build of [packaged, developer]) {
      const prefs = mainWindowOptions('/app/preload.cjs', { width: 1000, height: 700 }, build).webPreferences
      expect(prefs).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        preload: '/app/preload.cjs',
      })
    }
  })

  it('cannot be weakened by the bounds it is given', () => {
    const options = mainWindowOptions('/p.cjs', { width: 800, height: 600, x: 5, y: 6 }, packaged)
    expect(options.webPreferences).toEqual(secureWebPreferences('/p.cjs', packaged))
    expect(options).toMatchObject({ x: 5, y: 6, show: false })
  })

  it('has no DevTools in a packaged build, and keeps them for a developer', () => {
    expect(mainWindowOptions('/p.cjs', { width: 800, height: 600 }, packaged).webPreferences?.devTools).toBe(
      false,
    )
    expect(mainWindowOptions('/p.cjs', { width: 800, height: 600 }, developer).webPreferences?.devTools).toBe(
      true,
    )
  })
})

type Menu = NonNullable<ReturnType<typeof productionMenu>>
const roles = (menu: Menu): string[] =>
  menu.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ])

describe('packaged build menu', () => {
  it('has no menu at all on Windows and Linux', () => {
    expect(productionMenu('linux')).toBeNull()
    expect(productionMenu('win32')).toBeNull()
  })

  it('keeps only the app, Edit and Window menus on macOS: no reload, no DevTools', () => {
    const menu = productionMenu('darwin')
    expect(menu).not.toBeNull()
    const all = roles(menu ?? [])
    expect(all).toEqual(['appMenu', 'editMenu', 'windowMenu'])
    for (const banned of ['toggleDevTools', 'reload', 'forceReload', 'viewMenu'])
      expect(all).not.toContain(banned)
  })
})

const chord = (key: string, mods: Partial<KeyChord> = {}): KeyChord => ({
  type: 'keyDown',
  key,
  control: false,
  meta: false,
  shift: false,
  alt: false,
  ...mods,
})

describe('DevTools shortcuts in a packaged build', () => {
  it('knows Chromium’s DevTools chords and nothing else', () => {
    expect(isDevToolsShortcut(chord('F12'))).toBe(true)
    expect(isDevToolsShortcut(chord('I', { control: true, shift: true }))).toBe(true)
    expect(isDevToolsShortcut(chord('j', { control: true, shift: true }))).toBe(true)
    expect(isDevToolsShortcut(chord('i', { meta: true, alt: true }))).toBe(true)
    expect(isDevToolsShortcut(chord('c', { control: true }))).toBe(false)
    expect(isDevToolsShortcut(chord('i', { control: true }))).toBe(false)
    expect(isDevToolsShortcut(chord('F12', { type: 'keyUp' }))).toBe(false)
  })

  it('swallows the shortcuts and closes DevTools should they open anyway', () => {
    const listeners = new Map<string, (event: { preventDefault(): void }, input?: KeyChord) => void>()
    const closeDevTools = vi.fn()
    const contents = {
      on: (event: string, listener: (event: { preventDefault(): void }, input?: KeyChord) => void) =>
        listeners.set(event, listener),
      closeDevTools,
    } as unknown as LockableContents
    lockDevTools(contents)
    const press = (input: KeyChord) => {
      const preventDefault = vi.fn()
      listeners.get('before-input-event')?.({ preventDefault }, input)
      return preventDefault.mock.calls.length > 0
    }
    expect(press(chord('F12'))).toBe(true)
    expect(press(chord('I', { control: true, shift: true }))).toBe(true)
    expect(press(chord('v', { control: true }))).toBe(false)
    listeners.get('devtools-opened')?.({ preventDefault: vi.fn() })
    expect(closeDevTools).toHaveBeenCalledTimes(1)
  })
})
