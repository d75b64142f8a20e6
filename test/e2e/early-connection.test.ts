import { describe, expect, it } from 'vitest'
import type { ProcedureOutput } from '#contract'
import { useAppInBrowser } from '../support/app-in-browser'

/**
 * Records, in the page, every WebSocket the page opens and every request sent over one. A string,
 * not a function: tsx would wrap a function in helpers the page does not have.
 */
const recordSockets = `
  window.socketsOpened = []
  window.requestsSent = []
  const PageWebSocket = window.WebSocket
  window.WebSocket = class extends PageWebSocket {
    constructor(url, protocols) {
      super(url, protocols)
      window.socketsOpened.push(String(url).replace(/token=[^&]*/, 'token=…'))
    }
    send(data) {
      window.requestsSent.push(JSON.parse(String(data)))
      super.send(data)
    }
  }
`

interface Recorded {
  socketsOpened: string[]
  requestsSent: Array<{ method: string; input: unknown }>
}

describe('the browser edition opens its connection before the app has loaded (issue 13 §10)', () => {
  const browserApp = useAppInBrowser()

  it('shows the profile’s checkpoints over one connection, each first read sent once', async () => {
    const { app, bridge } = await browserApp.start()
    const first = await app.dispatch(
      'presets.list',
      { kind: 'checkpoint', limit: 1 },
      { transport: 'in-process' },
    )
    const checkpoint = first.ok
      ? (first.value as ProcedureOutput<'presets.list'>).items[0]?.fileName
      : undefined
    expect(checkpoint).toBeTruthy()
    const page = await browserApp.newPage()
    await page.addInitScript({ content: recordSockets })
    await page.goto(bridge.url)

    await expect
      .poll(() => page.locator(`datalist option[value="${checkpoint ?? ''}"]`).count())
      .toBeGreaterThan(0)
    await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-status')).toBe('open')
    const prompt = page.getByRole('textbox', { name: 'Prompt', exact: true })
    await prompt.click()
    await page.keyboard.type('a lighthouse')
    await expect.poll(() => prompt.textContent()).toContain('a lighthouse')

    const recorded = await page.evaluate(() => {
      const { socketsOpened, requestsSent } = window as unknown as Recorded
      return { socketsOpened, requestsSent }
    })
    expect(recorded.socketsOpened).toEqual([expect.stringMatching(/\/bridge\?token=…$/)])
    const checkpointReads = recorded.requestsSent.filter(
      (request) =>
        request.method === 'presets.list' && (request.input as { kind?: string }).kind === 'checkpoint',
    )
    expect(checkpointReads).toHaveLength(1)
    expect(page.url()).not.toContain('token=')
  })
})
