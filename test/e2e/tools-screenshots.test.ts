import { mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { paintImage } from '../../main/simulator/png'
import { patience, useAppOnSimulator } from './image-flow-kit'

/** Where the screenshots go, to be looked at by a person (not compared). */
const shots = join(tmpdir(), 'img-open-tools-screenshots')

const photo = {
  name: 'group.png',
  mimeType: 'image/png',
  buffer: Buffer.from(paintImage({ key: 'group', width: 480, height: 320, progress: 1 })),
}

const texts = {
  en: {
    flux: 'Flux text to image',
    detect: 'Face detection',
    outpaint: 'Outpainting',
    expand: 'Prompt expansion',
    hair: /Hairstyle changer/,
    run: 'Run ',
    idea: 'Idea',
    prompt: /^Prompt/,
    image: 'Image file for Image',
  },
  'zh-CN': {
    flux: 'Flux 文生图',
    detect: '人脸检测',
    outpaint: '图片外扩',
    expand: '提示词扩写',
    hair: /换发型/,
    run: '运行',
    idea: '原始提示词',
    prompt: /^提示词/,
    image: '图片的图片文件',
  },
} as const

async function shoot(page: Page, language: keyof typeof texts, name: string) {
  await page.screenshot({ path: join(shots, `tools-${name}-${language}.png`) })
}

describe('screenshots of the Tools screen', () => {
  const start = useAppOnSimulator()

  for (const language of ['en', 'zh-CN'] as const) {
    it(`shows each group with a result in ${language} at 1280×800`, { timeout: 180_000 }, async () => {
      mkdirSync(shots, { recursive: true })
      const text = texts[language]
      const { page } = await start()
      await page.setViewportSize({ width: 1280, height: 800 })
      await page.getByRole('combobox').first().selectOption(language)
      await expect
        .poll(() => page.getByTestId('connection-status').getAttribute('data-status'), patience)
        .toBe('open')
      await page.keyboard.press('Control+5')
      const list = page.getByRole('navigation').nth(1)
      const run = () => page.getByRole('button', { name: new RegExp(`^${text.run}`) }).click()

      await list.getByRole('button', { name: text.flux }).click()
      await page.getByRole('textbox', { name: text.prompt }).fill('a lighthouse at dusk, volumetric light')
      await run()
      await expect.poll(() => page.locator('.tl-image img').count(), patience).toBe(1)
      await shoot(page, language, 'generate')

      await list.getByRole('button', { name: text.detect }).click()
      await page.getByLabel(text.image).setInputFiles(photo)
      await expect.poll(() => page.locator('.src-slot img').count(), patience).toBe(1)
      await run()
      await expect.poll(() => page.locator('.tl-face').count(), patience).toBeGreaterThan(0)
      await page.locator('.tl-result').scrollIntoViewIfNeeded()
      await shoot(page, language, 'faces')

      await list.getByRole('button', { name: text.outpaint }).click()
      await shoot(page, language, 'edit')

      await list.getByRole('button', { name: text.expand }).click()
      await page.getByRole('textbox', { name: text.idea }).fill('a fox in snow')
      await run()
      await expect.poll(() => page.locator('.tl-text').count(), patience).toBeGreaterThan(0)
      await shoot(page, language, 'prompt')

      await list.getByRole('button', { name: text.hair }).click()
      await shoot(page, language, 'custom')
    })
  }
})
