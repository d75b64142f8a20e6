import { mkdir, readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { readPngText } from '../../main/services/images/png-metadata'
import { patience, ui, useAppOnSimulator, type AppOnSimulator } from './image-flow-kit'

/** Set SCREENSHOT_DIR to keep screenshots of the workbench, viewer and comparison in both languages. */
const screenshotDir = process.env.SCREENSHOT_DIR

const viewer = (page: Page) => page.getByRole('dialog', { name: 'Image viewer' })
const counter = (page: Page) => viewer(page).getByTestId('viewer-counter')

/** A draft with a batch of two, generated: answers the task id and its card. */
async function generateBatch(session: AppOnSimulator, prompt: string) {
  const { page } = session
  await ui.startDraft(page, prompt)
  await page.getByRole('spinbutton', { name: 'Batch size', exact: true }).fill('2')
  const card = ui.taskCards(page).first()
  await page.getByRole('button', { name: 'Generate', exact: true }).click()
  // While it runs, the stage shows its progress large (the simulator takes a few polls to finish).
  const stage = page.getByRole('region', { name: 'Latest result' })
  await expect.poll(() => stage.getByRole('progressbar', { name: 'Progress' }).count(), patience).toBe(1)
  await shoot(page, `running-${prompt.split(' ').at(-1) ?? ''}`)
  await expect.poll(() => card.getByTestId('task-status').textContent(), patience).toBe('Done')
  const id = ((await card.getAttribute('aria-label')) ?? '').replace(/^Task /, '')
  const record = session.app.history.get(id)
  expect(record?.images.length).toBe(2)
  return { id, card, record }
}

/** The entries of a stored (uncompressed) ZIP: name and bytes, read from the local headers. */
function readZip(zip: Buffer) {
  const entries: { name: string; bytes: Buffer }[] = []
  let at = 0
  while (zip.readUInt32LE(at) === 0x04034b50) {
    const size = zip.readUInt32LE(at + 18)
    const nameLength = zip.readUInt16LE(at + 26)
    const extra = zip.readUInt16LE(at + 28)
    const name = zip.subarray(at + 30, at + 30 + nameLength).toString('utf8')
    const start = at + 30 + nameLength + extra
    entries.push({ name, bytes: zip.subarray(start, start + size) })
    at = start + size
  }
  return entries
}

const languagePicker = (page: Page) => page.getByRole('combobox', { name: /^(Language|语言)$/ })

async function shoot(page: Page, name: string) {
  if (!screenshotDir) return
  await mkdir(screenshotDir, { recursive: true })
  await page.screenshot({ path: join(screenshotDir, `${name}.png`) })
}

/** Screenshots of the workbench, the viewer and a comparison at both sizes, in English and Chinese. */
async function shootAll(page: Page) {
  for (const language of ['en', 'zh-CN'] as const) {
    await languagePicker(page).selectOption(language)
    for (const [width, height] of [
      [1280, 800],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height })
      await shoot(page, `workbench-${language}-${width}`)
    }
  }
}

describe('results: the stage, the viewer, saving and comparing, in Chromium', () => {
  const start = useAppOnSimulator()

  it(
    'opens a result from a task card, walks the batch with the arrow keys and closes with Esc',
    { timeout: 180_000 },
    async () => {
      const session = await start()
      const { page } = session
      const { card, record } = await generateBatch(session, 'a lighthouse on a basalt cliff')
      const stage = page.getByRole('region', { name: 'Latest result' })
      await expect
        .poll(() => stage.getByRole('button', { name: /^Result 2, seed/ }).count(), patience)
        .toBe(1)
      await card.getByRole('button', { name: 'Open result 1 full size' }).click()
      await expect.poll(() => counter(page).textContent(), patience).toMatch(/^Image 1 of 2 · task 1 of 1$/)
      expect(await viewer(page).getByTestId('viewer-seed').textContent()).toBe(
        String(record?.images[0]?.seed),
      )
      await expect
        .poll(
          () =>
            viewer(page)
              .getByRole('img', { name: /^Image 1, seed/ })
              .getAttribute('src'),
          patience,
        )
        .toMatch(/^data:image\/png;base64,/)
      expect(await viewer(page).locator('pre').textContent()).toContain('a lighthouse on a basalt cliff')
      await page.keyboard.press('ArrowRight')
      await expect.poll(() => counter(page).textContent(), patience).toMatch(/^Image 2 of 2/)
      expect(await viewer(page).getByTestId('viewer-seed').textContent()).toBe(
        String(record?.images[1]?.seed),
      )
      await page.keyboard.press('ArrowRight')
      expect(await counter(page).textContent()).toMatch(/^Image 2 of 2/)
      await page.keyboard.press('+')
      await expect
        .poll(() => viewer(page).getByRole('status', { name: 'Zoom' }).textContent(), patience)
        .not.toBe('100%')
      await page.keyboard.press('ArrowLeft')
      await expect.poll(() => counter(page).textContent(), patience).toMatch(/^Image 1 of 2/)
      await page.keyboard.press('Escape')
      await expect.poll(() => viewer(page).count(), patience).toBe(0)
    },
  )

  it(
    'downloads all of a task as one ZIP in the browser edition, each PNG with its parameters',
    { timeout: 180_000 },
    async () => {
      const session = await start()
      const { page } = session
      const { id, record } = await generateBatch(session, 'a red fox in the snow')
      const stage = page.getByRole('region', { name: 'Latest result' })
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        stage.getByRole('button', { name: 'Download all (2)' }).click(),
      ])
      expect(download.suggestedFilename()).toBe(`${id}.zip`)
      const path = await download.path()
      const entries = readZip(await readFile(path))
      const date = /^\d{4}-\d{2}-\d{2}-/
      expect(entries.map((entry) => entry.name)).toEqual(
        (record?.images ?? []).map((image) =>
          expect.stringMatching(new RegExp(`${date.source}${image.seed}-a red fox in the snow\\.png$`)),
        ),
      )
      for (const entry of entries) {
        const text = readPngText(entry.bytes).find((chunk) => chunk.keyword === 'parameters')?.text
        expect(text).toContain('a red fox in the snow')
        expect(text).toContain('Model: photon_v1_84728')
      }
      await expect.poll(() => stage.getByRole('status').textContent(), patience).toBe(`Downloading ${id}.zip`)

      // An output folder set in Settings gets every later result as it arrives.
      const folder = join(session.app.config.dataDir, 'my-outputs')
      await ui.navTab(page, 'Settings').click()
      const outputs = page.getByRole('form', { name: 'Output folder' })
      await outputs.getByLabel('Folder (full path; empty = off)').fill(folder)
      await outputs.getByLabel('File name pattern').fill('[seed]-[nope]')
      await outputs.getByRole('button', { name: 'Save output settings' }).click()
      await expect
        .poll(() => outputs.getByRole('alert').textContent(), patience)
        .toMatch(/^That pattern cannot be used/)
      await outputs.getByLabel('File name pattern').fill('[task_id]-[batch]')
      await outputs.getByRole('button', { name: 'Save output settings' }).click()
      await expect
        .poll(() => outputs.getByRole('status').textContent(), patience)
        .toBe('Saved. New results will be written to the folder.')
      await shoot(page, 'settings-outputs-en-1400')
      await ui.navTab(page, 'Workbench').click()
      await page.getByRole('button', { name: 'Generate', exact: true }).click()
      const newest = ui.taskCards(page).first()
      await expect.poll(() => newest.getAttribute('aria-label'), patience).not.toBe(`Task ${id}`)
      await expect.poll(() => newest.getByTestId('task-status').textContent(), patience).toBe('Done')
      const next = ((await newest.getAttribute('aria-label')) ?? '').replace(/^Task /, '')
      await expect
        .poll(() => readdir(folder).catch(() => []), patience)
        .toEqual([`${next}-1.png`, `${next}-2.png`])
    },
  )

  it(
    'compares two results side by side and with a slider, naming what changed',
    { timeout: 180_000 },
    async () => {
      const session = await start()
      const { page } = session
      const { card } = await generateBatch(session, 'a castle at dawn')
      await shootAll(page)
      await languagePicker(page).selectOption('en')
      await card.getByRole('button', { name: 'Open result 1 full size' }).click()
      await expect.poll(() => counter(page).textContent(), patience).toMatch(/^Image 1 of 2/)
      await shoot(page, 'viewer-en-1920')
      await page.keyboard.press('c')
      await page.keyboard.press('ArrowRight')
      await expect.poll(() => counter(page).textContent(), patience).toMatch(/^Image 2 of 2/)
      await page.keyboard.press('c')
      const compare = page.getByRole('dialog', { name: 'Compare' })
      await expect.poll(() => compare.count(), patience).toBe(1)
      const changes = compare.getByTestId('compare-changes').getByRole('listitem')
      await expect
        .poll(() => changes.allTextContents(), patience)
        .toEqual([expect.stringMatching(/^Seed: \d+ → \d+$/)])
      expect(await compare.getByText('The same.').count()).toBe(2)
      await expect.poll(() => compare.getByRole('img', { name: /^B · seed/ }).count(), patience).toBe(1)
      await shoot(page, 'compare-en-1920')
      await compare.getByRole('radio', { name: 'Slider' }).click()
      const slider = compare.getByRole('slider', { name: 'Slider position' })
      expect(await slider.inputValue()).toBe('50')
      await page.keyboard.press('ArrowLeft')
      await shoot(page, 'compare-slider-en-1920')
      await page.keyboard.press('Escape')
      await expect.poll(() => compare.count(), patience).toBe(0)
      expect(await viewer(page).count()).toBe(1)
      await languagePicker(page).selectOption('zh-CN')
      await page.setViewportSize({ width: 1280, height: 800 })
      await shoot(page, 'viewer-zh-CN-1280')
      await page.keyboard.press('Escape')
      await expect.poll(() => viewer(page).count(), patience).toBe(0)
    },
  )
})
