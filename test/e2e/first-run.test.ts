import type { Page } from 'playwright-core'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { useAppInBrowser } from '../support/app-in-browser'
import { patience, ui } from './image-flow-kit'

const prompt = (page: Page, name: string) => page.getByRole('textbox', { name, exact: true })

describe('first run, pre-flight, stop tracking and library insert in Chromium', () => {
  const browserApp = useAppInBrowser()

  it(
    'generates on the first Ctrl+Enter after typing a prompt, at the requested size, on a fresh data folder',
    { timeout: 120_000 },
    async () => {
      const dataDir = await browserApp.tempDir()
      const { app, bridge } = await browserApp.start({ dataDir, trackerLimits: { firstIntervalMs: 200 } })
      const page = await browserApp.newPage()
      await page.goto(bridge.url)
      // Nothing but a prompt: the demo profile brings a checkpoint its simulator runs.
      const checkpoint = page.getByLabel('Checkpoint', { exact: true })
      await expect.poll(() => checkpoint.inputValue(), patience).toBe('dreamshaper_8_128713.safetensors')
      await prompt(page, 'Prompt').click()
      await page.keyboard.type('a quiet harbour at dawn')
      await page.keyboard.press('Control+Enter')

      const card = page.getByRole('article', { name: /^Task / })
      await expect.poll(() => card.getByTestId('task-status').textContent(), patience).toBe('Done')
      const taskId = ((await card.getAttribute('aria-label')) ?? '').replace(/^Task /, '')
      const record = app.history.get(taskId)
      expect(record && 'params' in record ? record.params : null).toMatchObject({ width: 512, height: 512 })
      const cacheKey = record?.images[0]?.cacheKey ?? ''
      const { dataUrl } = await app
        .dispatch('images.get', { cacheKey, size: 'full' }, { transport: 'in-process' })
        .then((result) => (result.ok ? (result.value as { dataUrl: string }) : { dataUrl: '' }))
      const bytes = Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64')
      const metadata = await sharp(bytes).metadata()
      expect([metadata.width, metadata.height]).toEqual([512, 512])

      // The draft survives a reload.
      await page.reload()
      await expect.poll(() => prompt(page, 'Prompt').textContent(), patience).toBe('a quiet harbour at dawn')
    },
  )

  it('flags an infotext model name with the listed file as a suggestion, and the click puts it in place (中文)', async () => {
    const { bridge } = await browserApp.start()
    const page = await browserApp.newPage()
    await page.addInitScript(() => localStorage.setItem('img-open.language', 'zh-CN'))
    await page.goto(bridge.url)
    const checkpoint = page.getByLabel('大模型 (Checkpoint)', { exact: true })
    await expect.poll(() => checkpoint.inputValue(), patience).not.toBe('')
    await checkpoint.fill('dreamshaper_8')
    const flag = page.getByRole('note').filter({ hasText: '大模型“dreamshaper_8”不在服务器列表中' })
    await expect.poll(() => flag.count(), patience).toBe(1)
    await flag.getByRole('button', { name: 'dreamshaper_8_128713.safetensors' }).click()
    expect(await checkpoint.inputValue()).toBe('dreamshaper_8_128713.safetensors')
    await expect.poll(() => flag.count(), patience).toBe(0)
  })

  it(
    'stops tracking a running task, says what that means, and fetches its result on Refresh',
    { timeout: 120_000 },
    async () => {
      const { app, bridge } = await browserApp.start({ trackerLimits: { firstIntervalMs: 200 } })
      const page = await browserApp.newPage()
      await page.goto(bridge.url)
      await prompt(page, 'Prompt').click()
      await page.keyboard.type('a slow comet')
      await page.getByRole('spinbutton', { name: 'Steps', exact: true }).fill('60')
      await page.keyboard.press('Control+Enter')
      const card = page.getByRole('article', { name: /^Task / })
      await expect
        .poll(() => card.getByTestId('task-status').textContent(), patience)
        .toMatch(/Queued|Generating/)
      const stop = card.getByRole('button', { name: 'Stop tracking' })
      expect(await stop.getAttribute('title')).toMatch(/may still finish the task/)
      await stop.click()
      await expect.poll(() => card.getByTestId('task-status').textContent(), patience).toBe('Cancelled')
      expect(await card.getByRole('note').textContent()).toMatch(
        /Tracking stopped\. The service may still finish this task/,
      )
      const taskId = ((await card.getAttribute('aria-label')) ?? '').replace(/^Task /, '')
      expect(app.history.get(taskId)).toMatchObject({ status: 'cancelled', trackingStopped: true })

      await card.getByRole('button', { name: 'Refresh' }).click()
      await expect.poll(() => card.getByTestId('task-status').textContent(), { timeout: 60_000 }).toBe('Done')
      expect(app.history.get(taskId)?.images).toHaveLength(1)
    },
  )

  it("inserts a LoRA from the library at the prompt editor's cursor", async () => {
    const { bridge } = await browserApp.start()
    const page = await browserApp.newPage()
    await page.goto(bridge.url)
    const box = prompt(page, 'Prompt')
    await box.click()
    await page.keyboard.type('a cat, sitting')
    // The cursor after "a cat".
    for (let i = 0; i < ', sitting'.length; i += 1) await page.keyboard.press('ArrowLeft')
    await ui.navTab(page, 'Presets').click()
    await page.getByRole('tab', { name: /LoRA/ }).click()
    await page
      .getByRole('button', { name: /^Insert .* into the prompt$/ })
      .first()
      .click()
    await expect.poll(() => box.textContent(), patience).toMatch(/^a cat, <lora:[\w.-]+:[\d.]+>, sitting$/)
  })
})
