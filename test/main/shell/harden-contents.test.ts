import { describe, expect, it, vi } from 'vitest'
import {
  denyAllPermissions,
  hardenContents,
  isExternalLinkAllowed,
  type HardenableContents,
} from '../../../main/shell/harden-contents'
import { gestureLifespanMs } from '../../../main/shell/user-gesture'

type AnyListener = (event: { preventDefault(): void }, detail?: unknown) => void

/** A web contents whose real-input events a test can fire: `click()` is what a person's click delivers. */
function fakeContents() {
  const listeners = new Map<string, AnyListener>()
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined
  const contents = {
    on: (event: string, listener: AnyListener) => listeners.set(event, listener),
    setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
  } as unknown as HardenableContents
  const fire = (event: string, detail?: unknown) => {
    const preventDefault = vi.fn()
    listeners.get(event)?.({ preventDefault }, detail)
    return preventDefault.mock.calls.length > 0
  }
  const click = () => {
    fire('before-mouse-event', { type: 'mouseDown', button: 'left' })
    fire('before-mouse-event', { type: 'mouseUp', button: 'left' })
  }
  return { contents, fire, click, open: (url: string) => openHandler?.({ url }) }
}

describe('hardened web contents', () => {
  it('blocks navigation and redirects away from the app but not within it', () => {
    const { contents, fire } = fakeContents()
    hardenContents(contents, ['app://workbench'], vi.fn())
    expect(fire('will-navigate', 'https://evil.example/')).toBe(true)
    expect(fire('will-navigate', 'file:///etc/passwd')).toBe(true)
    expect(fire('will-redirect', 'http://127.0.0.1:9/')).toBe(true)
    expect(fire('will-navigate', 'app://workbench/index.html#history')).toBe(false)
    expect(fire('will-navigate', 'not a url')).toBe(true)
  })

  it('denies every window.open and sends only https links the user clicked to the system browser', () => {
    const { contents, open, click } = fakeContents()
    const openExternal = vi.fn()
    hardenContents(contents, ['app://workbench'], openExternal)
    for (const url of [
      'https://docs.example/help',
      'http://plain.example/',
      'file:///etc/passwd',
      'javascript:alert(1)',
    ]) {
      click()
      expect(open(url)).toEqual({ action: 'deny' })
    }
    expect(openExternal.mock.calls).toEqual([['https://docs.example/help']])
  })

  it('opens nothing when a script calls window.open with no click behind it', () => {
    const { contents, open, fire } = fakeContents()
    const openExternal = vi.fn()
    hardenContents(contents, ['app://workbench'], openExternal)
    expect(open('https://phish.example/')).toEqual({ action: 'deny' })
    // Hovering, a right click and typing letters are not a click on a link.
    fire('before-mouse-event', { type: 'mouseMove' })
    fire('before-mouse-event', { type: 'mouseUp', button: 'right' })
    fire('before-input-event', { type: 'keyDown', key: 'a' })
    expect(open('https://phish.example/')).toEqual({ action: 'deny' })
    expect(openExternal).not.toHaveBeenCalled()
  })

  it('lets one click open one link, soon after the click only', () => {
    let clock = 0
    const { contents, open, click, fire } = fakeContents()
    const openExternal = vi.fn()
    hardenContents(contents, ['app://workbench'], openExternal, () => clock)
    click()
    open('https://docs.example/one')
    open('https://phish.example/second-from-the-same-click')
    click()
    clock += gestureLifespanMs + 1
    open('https://phish.example/long-after-the-click')
    fire('before-input-event', { type: 'keyDown', key: 'Enter' })
    open('https://docs.example/by-keyboard')
    expect(openExternal.mock.calls).toEqual([
      ['https://docs.example/one'],
      ['https://docs.example/by-keyboard'],
    ])
  })

  it('refuses <webview>', () => {
    const { contents, fire } = fakeContents()
    hardenContents(contents, ['app://workbench'], vi.fn())
    expect(fire('will-attach-webview')).toBe(true)
  })

  it('denies every permission request and check', () => {
    let request: ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | undefined
    let check: (() => boolean) | undefined
    denyAllPermissions({
      setPermissionRequestHandler: (handler) => (request = handler),
      setPermissionCheckHandler: (handler) => (check = handler),
    })
    const granted = vi.fn()
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read'])
      request?.({}, permission, granted)
    expect(granted.mock.calls.every(([value]) => value === false)).toBe(true)
    expect(check?.()).toBe(false)
  })

  it('allows only https for external links', () => {
    expect(isExternalLinkAllowed('https://a.example')).toBe(true)
    expect(isExternalLinkAllowed('smb://share')).toBe(false)
  })
})
