import { copyFile } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { SdTaskRecord } from '#contract'
import { useAppInBrowser } from '../support/app-in-browser'
import { patience } from './image-flow-kit'

/** Screenshots for a person to look at, only when asked (PLOT_SHOTS=dir). */
async function shot(page: Page, name: string) {
  const dir = process.env.PLOT_SHOTS
  if (dir) await page.locator('details.plot-panel').screenshot({ path: `${dir}/${name}.png` })
}

describe('the X/Y/Z plot in Chromium', () => {
  const browserApp = useAppInBrowser()

  it(
    'plots steps 10,20 × CFG 5,7 on the demo profile: a grid image and 4 tasks in the history',
    { timeout: 180_000 },
    async () => {
      const { app, page } = await browserApp.open({ trackerLimits: { firstIntervalMs: 250 } })
      await page.setViewportSize({ width: 1400, height: 1000 })
      const prompt = page.getByRole('textbox', { name: 'Prompt', exact: true })
      await prompt.click()
      await page.keyboard.type('a lighthouse, 灯塔')
      await page.getByLabel('Checkpoint', { exact: true }).fill('photon_v1_84728.safetensors')
      await page.getByRole('spinbutton', { name: 'Width', exact: true }).fill('256')
      await page.getByRole('spinbutton', { name: 'Height', exact: true }).fill('256')

      await page.getByText('X/Y/Z plot', { exact: true }).click()
      await page.getByRole('textbox', { name: 'X values' }).fill('10, 20')
      await page.getByRole('combobox', { name: 'Y type' }).selectOption({ label: 'CFG scale' })
      await page.getByRole('textbox', { name: 'Y values' }).fill('5, 7')
      await expect.poll(() => page.getByText('4 tasks, 4 images').count(), patience).toBe(1)
      // The count is a badge before the drawer (and its own styles) ever loaded.
      const badge = page.getByRole('button', { name: /^Queue/ }).locator('.queue-badge')
      expect(await badge.evaluate((element) => getComputedStyle(element).borderTopLeftRadius)).toBe('999px')
      // The cells go through the profile's queue: paused, they wait there, in order, with the count live.
      await page.getByRole('button', { name: /^Queue/ }).click()
      await page.getByRole('button', { name: 'Pause queue' }).click()
      await page.getByRole('button', { name: 'Start plot' }).click()
      const waiting = page.getByRole('button', { name: 'Queue (paused), 4 waiting' })
      await expect.poll(() => waiting.count(), patience).toBe(1)
      const rows = page.getByRole('listbox', { name: 'Queued tasks' }).getByRole('option')
      await expect.poll(() => rows.count(), patience).toBe(4)
      expect(await rows.first().textContent()).toContain('paused')
      if (process.env.PLOT_SHOTS) await page.screenshot({ path: `${process.env.PLOT_SHOTS}/queue-en.png` })
      await page.getByRole('button', { name: 'Resume queue' }).click()
      await page.getByRole('button', { name: 'Close' }).click()

      const grid = page.getByRole('img', { name: 'X/Y/Z plot grid' })
      await expect.poll(() => grid.count(), { timeout: 90_000 }).toBe(1)
      expect(await page.getByText('4 of 4 cells done').count()).toBe(1)
      const size = await grid.evaluate((img: HTMLImageElement) => img.naturalWidth)
      // Two columns of cells beside the row labels (the demo service makes small images).
      expect(size).toBeGreaterThan(300)
      await shot(page, 'plot-en')

      const listed = await app.dispatch('history.list', {}, { transport: 'in-process' })
      if (!listed.ok) throw new Error(listed.error.message)
      const tasks = (listed.value as { items: SdTaskRecord[] }).items
      expect(tasks).toHaveLength(4)
      expect(tasks.map((task) => [task.params.steps, task.params.cfg_scale]).sort()).toEqual([
        [10, 5],
        [10, 7],
        [20, 5],
        [20, 7],
      ])
      expect(new Set(tasks.map((task) => task.plot?.plotId)).size).toBe(1)

      await page.getByRole('button', { name: 'Open the grid large' }).click()
      expect(await page.getByRole('dialog').getByRole('img', { name: 'X/Y/Z plot grid' }).count()).toBe(1)
      await page
        .screenshot({ path: `${process.env.PLOT_SHOTS ?? '/tmp'}/plot-en-large.png` })
        .catch(() => undefined)
      if (process.env.PLOT_SHOTS) {
        await page.evaluate(() => localStorage.setItem('img-open.language', 'zh-CN'))
        await page.reload()
        await page.getByText('X/Y/Z 图', { exact: true }).click()
        await shot(page, 'plot-zh')
        await page.getByRole('button', { name: /^队列/ }).click()
        await page.screenshot({ path: `${process.env.PLOT_SHOTS}/queue-zh.png` })
      }
    },
  )

  it(
    'in the Chinese UI, names the queued cells in Chinese and draws the grid with Chinese axis names',
    { timeout: 180_000 },
    async () => {
      const { app, page } = await browserApp.open({ trackerLimits: { firstIntervalMs: 250 } })
      await page.setViewportSize({ width: 1400, height: 1000 })
      const prompt = page.getByRole('textbox', { name: 'Prompt', exact: true })
      await prompt.click()
      await page.keyboard.type('a lighthouse')
      await page.getByLabel('Checkpoint', { exact: true }).fill('photon_v1_84728.safetensors')
      await page.getByRole('spinbutton', { name: 'Width', exact: true }).fill('256')
      await page.getByRole('spinbutton', { name: 'Height', exact: true }).fill('256')
      await page.getByText('X/Y/Z plot', { exact: true }).click()
      await page.getByRole('textbox', { name: 'X values' }).fill('10, 20')
      await page.getByRole('combobox', { name: 'Y type' }).selectOption({ label: 'CFG scale' })
      await page.getByRole('textbox', { name: 'Y values' }).fill('5, 7')
      // The language is switched with the form filled in: the draft stays, the words change.
      await page.getByRole('combobox').first().selectOption('zh-CN')
      await expect.poll(() => page.getByText('4 个任务，4 张图').count(), patience).toBe(1)

      await page.getByRole('button', { name: /^队列/ }).click()
      await page.getByRole('button', { name: '暂停队列' }).click()
      await page.getByRole('button', { name: '开始绘制' }).click()
      const rows = page.getByRole('listbox', { name: '排队中的任务' }).getByRole('option')
      await expect.poll(() => rows.count(), patience).toBe(4)
      expect(await rows.locator('.queue-label').allTextContents()).toEqual([
        'X/Y/Z 图 · 步数：10 · CFG 强度：5',
        'X/Y/Z 图 · 步数：20 · CFG 强度：5',
        'X/Y/Z 图 · 步数：10 · CFG 强度：7',
        'X/Y/Z 图 · 步数：20 · CFG 强度：7',
      ])
      if (process.env.PLOT_SHOTS)
        await page.screenshot({ path: `${process.env.PLOT_SHOTS}/queue-zh-cells.png` })
      await page.getByRole('button', { name: '继续队列' }).click()
      await page.getByRole('complementary', { name: '队列' }).getByRole('button', { name: '关闭' }).click()

      const grid = page.getByRole('img', { name: 'X/Y/Z 网格图' })
      await expect.poll(() => grid.count(), { timeout: 90_000 }).toBe(1)
      expect(await page.getByText('步数：20 × CFG 强度：7').count()).toBe(1)
      await shot(page, 'plot-zh-done')
      if (process.env.PLOT_SHOTS)
        await page.screenshot({ path: `${process.env.PLOT_SHOTS}/workbench-zh-cells.png` })
      // The history tells the cells apart by their place, in Chinese.
      await page.getByRole('navigation').first().getByRole('button', { name: '历史', exact: true }).click()
      const cellRow = page.getByRole('option').filter({ hasText: 'X/Y/Z 图 · 步数：20 · CFG 强度：7' })
      await expect.poll(() => cellRow.count(), patience).toBe(1)
      if (process.env.PLOT_SHOTS)
        await page.screenshot({ path: `${process.env.PLOT_SHOTS}/history-zh-cells.png` })
      const listed = await app.dispatch('history.list', {}, { transport: 'in-process' })
      if (!listed.ok) throw new Error(listed.error.message)
      const [task] = (listed.value as { items: SdTaskRecord[] }).items
      const plot = await app.plots.get(task?.plot?.plotId ?? '')
      expect(plot.language).toBe('zh')
      const file = await app.images.locate(plot.gridCacheKey ?? '')
      expect(file).not.toBeNull()
      if (process.env.PLOT_SHOTS && file) await copyFile(file, `${process.env.PLOT_SHOTS}/grid-zh.png`)
    },
  )
})
