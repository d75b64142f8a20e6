import { describe, expect, it } from 'vitest'
import { useAppInBrowser } from '../support/app-in-browser'

describe('the browser edition in Chromium', () => {
  const browserApp = useAppInBrowser()
  const openApp = () => browserApp.open()

  it('loads the workbench shell and reaches main through the bridge', async () => {
    const { page } = await openApp()
    await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-status')).toBe('open')
    await expect.poll(() => page.getByTestId('edition').textContent()).toMatch(/Test|测试/)
    expect(page.url()).not.toContain('token=')
  })

  it('gets the typed error for a bad payload sent from the page', async () => {
    const { page } = await openApp()
    await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-status')).toBe('open')
    const answer = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const token = sessionStorage.getItem('img-open.bridge-token') ?? ''
          const socket = new WebSocket(`ws://${location.host}/bridge?token=${token}`)
          socket.onopen = () =>
            socket.send(JSON.stringify({ id: 1, method: 'app.echo', input: { text: 12 } }))
          socket.onmessage = (message) => {
            const data = JSON.parse(String(message.data))
            if (data.id === 1) resolve(data.result)
          }
        }),
    )
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_request' } })
  })

  it('refuses a connection without the token', async () => {
    const { page } = await openApp()
    const closed = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const socket = new WebSocket(`ws://${location.host}/bridge`)
          socket.onopen = () => resolve('opened')
          socket.onerror = () => resolve('refused')
        }),
    )
    expect(closed).toBe('refused')
  })

  it('exposes no Node or Electron to the page and blocks injected inline scripts', async () => {
    const { page } = await openApp()
    const globals = await page.evaluate(() => ({
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      ipcRenderer: typeof (window as unknown as { ipcRenderer?: unknown }).ipcRenderer,
    }))
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', ipcRenderer: 'undefined' })
    const violation = await page.evaluate(
      () =>
        new Promise((resolve) => {
          document.addEventListener('securitypolicyviolation', (event) => resolve(event.violatedDirective))
          const script = document.createElement('script')
          script.textContent = 'window.__injected = true'
          document.body.appendChild(script)
          setTimeout(() => resolve('no violation'), 2000)
        }),
    )
    expect(violation).toMatch(/^script-src/)
    expect(
      await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected),
    ).toBeUndefined()
  })
})
