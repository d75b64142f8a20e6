import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { paintImage } from '../../main/simulator/png'
import { useSourceImageServers } from '../main/simulator/source-image-server'
import { patience, sim, ui, useAppOnSimulator } from './image-flow-kit'

/*
 * The image tools in Chromium against the demo simulator: the Tools screen's forms (made from the
 * registry rows), face detection → multiple swap, Expand prompt and Describe image in the workbench,
 * and a custom request for hair change. Local images go to the demo simulator's own upload host.
 */

const toolList = (page: Page) => page.getByRole('navigation', { name: /^(Tools|工具)$/ })
const openTool = async (page: Page, name: string | RegExp) =>
  toolList(page).getByRole('button', { name }).click()
/** Ctrl+5, once the app is connected (its shortcut listener is up by then). */
async function openToolsScreen(page: Page) {
  await expect
    .poll(() => page.getByTestId('connection-status').getAttribute('data-status'), patience)
    .toBe('open')
  await page.keyboard.press('Control+5')
  await expect.poll(() => toolList(page).count(), patience).toBe(1)
}
const promptBox = (page: Page) => page.getByRole('textbox', { name: 'Prompt', exact: true })
/** The prompt editor's text, without its placeholder. */
const promptText = (page: Page) =>
  promptBox(page).evaluate((box) =>
    [...box.querySelectorAll('.cm-line')]
      .map((line) => (line.querySelector('.cm-placeholder') ? '' : (line.textContent ?? '')))
      .join('\n'),
  )
const photo = (key: string) => ({
  name: `${key}.png`,
  mimeType: 'image/png',
  buffer: Buffer.from(paintImage({ key, width: 320, height: 240, progress: 1 })),
})

describe('the image tools in Chromium', () => {
  const start = useAppOnSimulator()
  const serveImages = useSourceImageServers()

  it(
    'runs Flux and face detection on the Tools screen; a click on a face opens a multiple swap',
    { timeout: 180_000 },
    async () => {
      const { page, simulator } = await start()
      await openToolsScreen(page)
      await openTool(page, 'Flux text to image')
      await page.getByRole('textbox', { name: /^Prompt/ }).fill('a lighthouse at dusk')
      await page.getByRole('spinbutton', { name: 'Width' }).fill('512')
      await page.getByRole('spinbutton', { name: 'Height' }).fill('384')
      await page.getByRole('button', { name: 'Copy as curl' }).click()
      const curl = page.getByLabel('curl command')
      await expect.poll(() => curl.count(), patience).toBe(1)
      expect(await curl.textContent()).toContain('/AIGCImgOpenServ/saas/tool/comfyui/text2image')
      expect(await curl.textContent()).toContain('a lighthouse at dusk')
      await page.getByRole('button', { name: 'Run Flux text to image' }).click()
      await expect.poll(() => page.getByRole('img', { name: 'Result 1' }).count(), patience).toBe(1)
      expect(sim.lastSubmit(simulator, '/AIGCImgOpenServ/saas/tool/comfyui/text2image')).toMatchObject({
        comfyTaskType: 'Flux1DevFP8',
        prompt: 'a lighthouse at dusk',
        width: 512,
        height: 384,
      })

      await openTool(page, 'Face detection')
      await page.getByLabel('Image file for Image').setInputFiles(photo('group'))
      await expect
        .poll(() => page.getByRole('group', { name: /^Image: / }).textContent(), patience)
        .toContain('group.png')
      await page.getByRole('button', { name: 'Run Face detection' }).click()
      const faces = page.getByRole('group', { name: /^Detected faces: \d+$/ })
      await expect.poll(() => faces.count(), patience).toBe(1)
      const count = Number((await faces.getAttribute('aria-label'))?.replace(/\D/g, ''))
      expect(count).toBeGreaterThan(0)
      // The boxes lie over the picture, numbered from 1.
      const picture = await ui.boxOf(page.getByRole('img', { name: 'Image with detected faces' }))
      const first = await ui.boxOf(faces.getByRole('button', { name: 'Face 1' }))
      expect(first.x).toBeGreaterThanOrEqual(picture.x - 1)
      expect(first.x + first.width).toBeLessThanOrEqual(picture.x + picture.width + 1)

      await faces.getByRole('button', { name: 'Face 1' }).click()
      await expect
        .poll(() => page.getByRole('heading', { name: 'Multiple face swap', level: 2 }).count(), patience)
        .toBe(1)
      expect(await page.getByRole('spinbutton', { name: /Face number/ }).inputValue()).toBe('1')
      expect(await page.getByRole('group', { name: /^Target image: / }).textContent()).toContain('group.png')
      await page.getByLabel('Image file for Faces to use (1–2) 1').setInputFiles(photo('me'))
      await page.getByRole('button', { name: 'Run Multiple face swap' }).click()
      await expect.poll(() => page.getByRole('img', { name: 'Result 1' }).count(), patience).toBe(1)
      expect(sim.lastSubmit(simulator, '/AIGCImgOpenServ/saas/tool/face/fusion')).toMatchObject({
        faceIdx: 1,
      })
    },
  )

  it(
    'picks an expanded prompt into the workbench prompt, and Ctrl+Z takes it back',
    { timeout: 120_000 },
    async () => {
      const { page } = await start()
      const prompt = promptBox(page)
      await prompt.click()
      await page.keyboard.type('a fox')
      await expect.poll(() => prompt.textContent(), patience).toBe('a fox')
      await page.getByRole('button', { name: 'Expand prompt' }).click()
      const popover = page.getByRole('dialog', { name: 'Expanded prompts: pick one' })
      await expect.poll(() => popover.getByRole('button').count(), patience).toBeGreaterThan(1)
      const candidate = popover.getByRole('listitem').first().getByRole('button')
      const picked = (await candidate.textContent()) ?? ''
      await candidate.click()
      await expect.poll(() => prompt.textContent(), patience).toBe(picked)
      await prompt.click()
      await page.keyboard.press('Control+z')
      await expect.poll(() => prompt.textContent(), patience).toBe('a fox')
    },
  )

  it(
    'in Chinese: expands with the SDXL mode, picks a candidate, and the Tools form shows the same mode',
    { timeout: 120_000 },
    async () => {
      const { page, simulator } = await start()
      await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN')
      const prompt = page.getByRole('textbox', { name: '提示词', exact: true })
      await prompt.click()
      await page.keyboard.type('a fox')
      await page.getByRole('combobox', { name: '模型类型' }).selectOption('SDXL')
      await page.getByRole('button', { name: '扩写提示词' }).click()
      const popover = page.getByRole('dialog')
      await expect.poll(() => popover.getByRole('listitem').count(), patience).toBeGreaterThan(0)
      expect(sim.lastSubmit(simulator, '/AIGCImgOpenServ/saas/tool/prompts/expand')).toMatchObject({
        sourcePrompt: 'a fox',
        mode: 1,
      })
      const candidate = popover.getByRole('listitem').first().getByRole('button')
      const picked = (await candidate.textContent()) ?? ''
      // The simulator's SDXL candidates say so.
      expect(picked).toContain('sdxl')
      await candidate.click()
      await expect.poll(() => prompt.textContent(), patience).toBe(picked)
      await openToolsScreen(page)
      await openTool(page, '提示词扩写')
      await expect
        .poll(() => page.getByRole('combobox', { name: /模型类型/ }).inputValue(), patience)
        .toBe('1')
    },
  )

  it('describes the image in a slot into the prompt (in Chinese too)', { timeout: 120_000 }, async () => {
    const { page, simulator, app } = await start()
    await ui.modeTab(page, 'Image to image').click()
    await page.getByLabel('Image file for Source image').setInputFiles(photo('cat'))
    await page.getByRole('button', { name: 'Describe image' }).click()
    await expect.poll(() => promptText(page), patience).toMatch(/\w{3}/)
    expect(sim.submitsTo(simulator, '/AIGCImgOpenServ/saas/tool/interrogate')).toHaveLength(1)
    const [described] = app.history.query({ kind: ['tool'] }).items
    expect(described?.kind === 'tool' && described.toolOutput?.caption).toBe(await promptText(page))
    await promptBox(page).click()
    await page.keyboard.press('Control+z')
    await expect.poll(() => promptText(page), patience).toBe('')

    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN')
    await openToolsScreen(page)
    await expect.poll(() => toolList(page).getByRole('heading', { name: '人脸' }).count(), patience).toBe(1)
    await openTool(page, '图转文')
    await expect.poll(() => page.getByRole('button', { name: '运行 图转文' }).count(), patience).toBe(1)
  })

  it(
    'sends a custom request for hair change with the body as written and keeps it in the history',
    { timeout: 120_000 },
    async () => {
      const { page, simulator, app } = await start()
      await openToolsScreen(page)
      await openTool(page, /Hairstyle changer/)
      expect(await page.getByRole('textbox', { name: 'Path' }).inputValue()).toBe(
        '/AIGCImgOpenServ/saas/tool/hair/change',
      )
      const body = page.getByRole('textbox', { name: 'Body (JSON)' })
      const written = JSON.parse(await body.inputValue()) as { businessTaskId: string }
      // The photo is on a loopback server, which the demo simulator fetches like the service would.
      const files = await serveImages({
        '/me.png': Buffer.from(paintImage({ key: 'me', width: 64, height: 64, progress: 1 })),
      })
      const link = files.url('/me.png')
      await body.fill(JSON.stringify({ ...written, imageUrl: link, hairStyle: 'bob' }))
      await page.getByRole('button', { name: 'Send' }).click()
      await expect.poll(() => page.getByTestId('tool-status').count(), patience).toBe(1)
      const hairChange = () =>
        simulator.requests
          .list()
          .filter((request) => request.path === '/AIGCImgOpenServ/saas/tool/hair/change')
      await expect.poll(() => hairChange().length, patience).toBe(1)
      expect(hairChange()[0]?.method).toBe('POST')
      // The history keeps the request as written.
      const [kept] = app.history.query({ kind: ['custom'] }).items
      expect(kept).toMatchObject({
        kind: 'custom',
        path: '/AIGCImgOpenServ/saas/tool/hair/change',
        toolCode: 'hair/change',
        body: { imageUrl: link, hairStyle: 'bob' },
      })
      // The simulator answers hair change, so the request finishes with its image kept.
      await expect.poll(() => page.getByTestId('tool-status').textContent(), patience).toMatch(/Done/)
      await expect.poll(() => app.history.get(kept?.id ?? '')?.images.length ?? 0, patience).toBe(1)
      // A new task id is ready for the next Send.
      expect((JSON.parse(await body.inputValue()) as { businessTaskId: string }).businessTaskId).not.toBe(
        written.businessTaskId,
      )
    },
  )
})
