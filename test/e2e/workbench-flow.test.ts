import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { textChunk } from '../../main/services/images/png-metadata'
import { spliceChunks } from '../../main/services/images/png-chunks'
import { paintImage } from '../../main/simulator/png'
import { useAppInBrowser } from '../support/app-in-browser'
import { patience, ui } from './image-flow-kit'

const prompt = 'a lighthouse on a basalt cliff'

const workbench = (page: Page) => ({
  prompt: page.getByRole('textbox', { name: 'Prompt', exact: true }),
  checkpoint: page.getByLabel('Checkpoint', { exact: true }),
  steps: page.getByRole('spinbutton', { name: 'Steps', exact: true }),
  width: page.getByRole('spinbutton', { name: 'Width', exact: true }),
  height: page.getByRole('spinbutton', { name: 'Height', exact: true }),
})

/** Drops `bytes` as a file on `target` the way the browser does for a file dragged from the desktop. */
async function dropFile(page: Page, target: Locator, bytes: Buffer, name: string) {
  const dataTransfer = await page.evaluateHandle(
    ({ base64, fileName }) => {
      const binary = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))
      const transfer = new DataTransfer()
      transfer.items.add(new File([binary], fileName, { type: 'image/png' }))
      return transfer
    },
    { base64: bytes.toString('base64'), fileName: name },
  )
  for (const type of ['dragenter', 'dragover', 'drop']) await target.dispatchEvent(type, { dataTransfer })
}

/** A PNG as A1111 writes it: only its `parameters` text, none of our own chunk. */
function a1111Png(): Buffer {
  const infotext = [
    'a harbour at night, lanterns',
    'Negative prompt: blurry',
    'Steps: 9, Sampler: Euler a, CFG scale: 4.5, Seed: 42, Size: 512x640, Model: photon_v1_84728',
  ].join('\n')
  const image = paintImage({ key: 'a1111', width: 16, height: 16, progress: 1 })
  const withText = spliceChunks(image, [textChunk('parameters', infotext)])
  if (withText === null) throw new Error('paintImage made a PNG without image data')
  return Buffer.from(withText)
}

describe('the workbench flow in Chromium', () => {
  const browserApp = useAppInBrowser()

  it(
    'writes a prompt, applies a preset, generates on the demo service, finds the task in history and restores it',
    { timeout: 180_000 },
    async () => {
      const dataDir = await browserApp.tempDir()
      // Polled often, so the card shows the running task's percentage before it finishes.
      const { app, bridge } = await browserApp.start({ dataDir, trackerLimits: { firstIntervalMs: 250 } })
      const page = await browserApp.newPage()
      await page.setViewportSize({ width: 1400, height: 1000 })
      await page.goto(bridge.url)
      const form = workbench(page)

      await form.prompt.click()
      await page.keyboard.type(prompt)
      await expect.poll(() => form.prompt.textContent(), patience).toBe(prompt)

      await ui.navTab(page, 'Presets').click()
      await page.getByRole('button', { name: 'Apply Photon v1' }).click()
      await expect.poll(() => form.checkpoint.inputValue(), patience).toBe('photon_v1_84728.safetensors')
      expect(await form.steps.inputValue()).toBe('25')
      expect(await form.prompt.textContent()).toBe(prompt)

      await form.steps.fill('48')
      await form.width.fill('640')
      await form.height.fill('512')
      await page.keyboard.press('Control+Enter')

      const card = page.getByRole('article', { name: /^Task / })
      await expect.poll(() => card.locator('small').first().textContent(), patience).toMatch(/^\d+% · /)
      expect(await card.getByRole('progressbar', { name: 'Progress' }).count()).toBe(1)
      await expect.poll(() => card.getByTestId('task-status').textContent(), patience).toBe('Done')
      const result = card.getByRole('img', { name: /^Result 1 \(seed \d+\)$/ })
      await expect.poll(() => result.getAttribute('src'), patience).toMatch(/^data:image\/webp;base64,/)
      const taskId = ((await card.getAttribute('aria-label')) ?? '').replace(/^Task /, '')
      const record = app.history.get(taskId)
      expect(record).toMatchObject({ status: 'succeeded', params: { steps: 48, width: 640, height: 512 } })

      // Another change, so "send to workbench" visibly puts the task's values back.
      await form.steps.fill('12')
      await ui.navTab(page, 'History').click()
      await page.getByRole('searchbox', { name: 'Search prompts' }).fill('basalt')
      const row = page.getByRole('listbox', { name: 'Tasks' }).getByRole('option', { name: prompt })
      await expect.poll(() => row.count(), patience).toBe(1)
      await row.dblclick()
      const detail = page.getByRole('complementary', { name: 'Task details' })
      await detail.getByRole('button', { name: 'Send to workbench' }).click()
      await expect.poll(() => form.steps.inputValue(), patience).toBe('48')
      expect(await form.width.inputValue()).toBe('640')
      expect(await form.checkpoint.inputValue()).toBe('photon_v1_84728.safetensors')

      // The result image from the cache, dropped on the workbench, carries the same request.
      await form.steps.fill('7')
      await form.prompt.click()
      await page.keyboard.press('Control+End')
      await page.keyboard.type(', storm')
      const cacheKey = record?.images[0]?.cacheKey ?? ''
      const cached = await readFile(join(dataDir, 'images', cacheKey.slice(0, 2), `${cacheKey}.png`))
      await dropFile(page, page.getByRole('region', { name: 'Workbench' }), cached, 'result.png')
      await expect.poll(() => form.steps.inputValue(), patience).toBe('48')
      expect(await form.prompt.textContent()).toBe(prompt)
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'result.png' }).textContent(), patience)
        .toBe(
          'Loaded the parameters of result.png, written by this app. No field was skipped. Ctrl+Z undoes it.',
        )

      // Keyboard users pick the file instead; an A1111 image works the same way.
      await page.getByLabel('Load parameters from PNG…').setInputFiles({
        name: 'harbour.png',
        mimeType: 'image/png',
        buffer: a1111Png(),
      })
      await expect.poll(() => form.steps.inputValue(), patience).toBe('9')
      expect(await form.prompt.textContent()).toBe('a harbour at night, lanterns')
      expect(await form.height.inputValue()).toBe('640')
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'harbour.png' }).textContent(), patience)
        .toMatch(/^Loaded the parameters of harbour\.png, written by A1111\./)
    },
  )
})
