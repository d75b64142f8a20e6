import { describe, expect, it, vi } from 'vitest'
import {
  denyAllPermissions,
  hardenContents,
  isExternalLinkAllowed,
  type HardenableContents,
} from '../../../main/shell/harden-contents'

type Listener = (event: { preventDefault(): void }, url?: string) => void

function fakeContents() {
  const listeners = new Map<string, Listener>()
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined
  const contents = {
    on: (event: string, listener: Listener) => listeners.set(event, listener),
    setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
  } as unknown as HardenableContents
  const fire = (event: string, url?: string) => {
    const preventDefault = vi.fn()
    listeners.get(event)?.({ preventDefault }, url)
    return preventDefault.mock.calls.length > 0
  }
  return { contents, fire, open: (url: string) => openHandler?.({ url }) }
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

  it('denies every window.open and sends only https links to the system browser', () => {
    const { contents, open } = fakeContents()
    const openExternal = vi.fn()
    hardenContents(contents, ['app://workbench'], openExternal)
    expect(open('https://docs.example/help')).toEqual({ action: 'deny' })
    expect(open('http://plain.example/')).toEqual({ action: 'deny' })
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' })
    expect(open('javascript:alert(1)')).toEqual({ action: 'deny' })
    expect(openExternal.mock.calls).toEqual([['https://docs.example/help']])
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
