import type { Page, Route } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { useAppInBrowser } from '../support/app-in-browser'
import { patience } from './image-flow-kit'

/*
 * The prompt box is plain text at the first paint and becomes CodeMirror when its chunk has loaded
 * (issue 13 §10). Here the chunk is held back until the user is typing, so the hand-over happens in
 * the middle of the keystrokes, as it can on a slow start.
 */

const prompt = (page: Page, name = 'Prompt') => page.getByRole('textbox', { name, exact: true })
/** Screenshots for a person to look at, when PROMPT_SHOTS names a folder. */
const shot = async (page: Page, name: string) => {
  const dir = process.env.PROMPT_SHOTS
  if (dir) await page.screenshot({ path: `${dir}/${name}.png` })
}
const codeMirrorShown = (page: Page) => page.locator('.cm-editor:not(.prompt-plain)').count()

/** Holds every request for the CodeMirror chunks until `release` is called. */
async function holdCodeMirror(page: Page) {
  const held: Route[] = []
  let released = false
  await page.route(/\/assets\/(codemirror|CodeMirrorEditor)-[^/]+\.js$/, async (route) => {
    if (released) await route.continue()
    else held.push(route)
  })
  return async () => {
    released = true
    await Promise.all(held.splice(0).map((route) => route.continue()))
  }
}

describe('prompt box before and after CodeMirror loads, in Chromium', () => {
  const browserApp = useAppInBrowser()

  it('keeps every key typed while CodeMirror takes over, then highlights the prompt', async () => {
    const { bridge } = await browserApp.start()
    const page = await browserApp.newPage()
    const release = await holdCodeMirror(page)
    await page.goto(bridge.url)
    await prompt(page).click()
    await page.keyboard.type('a quiet ')
    expect(await codeMirrorShown(page)).toBe(0)
    await shot(page, 'prompt-upgrade-plain-en')
    await release()
    await page.keyboard.type('(harbour:1.2) at dawn', { delay: 15 })
    await expect.poll(() => codeMirrorShown(page), patience).toBe(2)
    expect(await prompt(page).textContent()).toBe('a quiet (harbour:1.2) at dawn')
    expect(await prompt(page).locator('.cm-prompt-weight').allTextContents()).toEqual([':1.2'])
    await shot(page, 'prompt-upgrade-codemirror-en')
    // The draft (saved from what was typed) survives a reload.
    await page.reload()
    await expect.poll(() => prompt(page).textContent(), patience).toBe('a quiet (harbour:1.2) at dawn')
  })

  it('keeps a line break typed in the plain box (中文)', async () => {
    const { bridge } = await browserApp.start()
    const page = await browserApp.newPage()
    await page.addInitScript(() => localStorage.setItem('img-open.language', 'zh-CN'))
    const release = await holdCodeMirror(page)
    await page.goto(bridge.url)
    const box = prompt(page, '提示词')
    await box.click()
    await page.keyboard.type('第一行')
    await page.keyboard.press('Enter')
    await page.keyboard.type('second line')
    await shot(page, 'prompt-upgrade-plain-zh')
    await release()
    await expect.poll(() => codeMirrorShown(page), patience).toBe(2)
    const lines = await box.locator('.cm-line').allTextContents()
    expect(lines).toEqual(['第一行', 'second line'])
    await shot(page, 'prompt-upgrade-codemirror-zh')
  })
})
