import { describe, expect, it } from 'vitest'
import { useAppInBrowser } from '../support/app-in-browser'
import { patience } from './image-flow-kit'

/** Settings → Wildcards folder and Queue in Chromium, both languages (screenshots with QUEUE_SHOTS=dir). */
describe('wildcards folder and queue limit in Settings, in Chromium', () => {
  const browserApp = useAppInBrowser()

  it(
    'shows the wildcards folder in use and the queue limit, in English and Chinese',
    { timeout: 120_000 },
    async () => {
      const { page } = await browserApp.open()
      await page.setViewportSize({ width: 1400, height: 1400 })
      await page.getByRole('button', { name: 'Settings' }).click()
      const inUse = page.getByText(/^In use: .*wildcards \(0 wildcards\)$/)
      await expect.poll(() => inUse.count(), patience).toBe(1)
      expect(await page.getByRole('spinbutton', { name: 'Tasks at once' }).inputValue()).toBe('2')
      const dir = process.env.QUEUE_SHOTS
      if (dir) await page.screenshot({ path: `${dir}/settings-en.png`, fullPage: true })
      await page.evaluate(() => localStorage.setItem('img-open.language', 'zh-CN'))
      await page.reload()
      await page.getByRole('button', { name: '设置' }).click()
      await expect.poll(() => page.getByRole('heading', { name: '通配符文件夹' }).count(), patience).toBe(1)
      expect(await page.getByRole('heading', { name: '队列' }).count()).toBe(1)
      if (dir) await page.screenshot({ path: `${dir}/settings-zh.png`, fullPage: true })
    },
  )
})
