import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../main/services/create-services'
import { startSimulator, type Simulator } from '../../main/simulator'
import { assetRows } from '../../main/simulator/sim-assets'
import { paintImage } from '../../main/simulator/png'
import { startBrowserBridge, type BrowserBridge } from '../../main/transport/browser-bridge'
import { builtRendererDir } from '../support/browser-edition'
import { launchChromium, type ChromiumSession } from '../support/chromium'
import { useTempDirs } from '../support/temp-dir'
import { patience } from './image-flow-kit'

/*
 * Issue 13's results-first points in both languages: the draft and image slots surviving a reload
 * and a restart, "Use as preview", Stop tracking / Refresh in the history detail, and a pasted
 * A1111 `Model hash` matched against the server's model list.
 */

const screenshotDir = process.env.SCREENSHOT_DIR

const words = {
  en: {
    prompt: 'Prompt',
    imageMode: 'Image to image',
    sourceFile: 'Image file for Source image',
    sourceSlot: /^Source image: /,
    emptySlot: 'No image yet.',
    card: /^Task /,
    done: 'Done',
    cancelled: 'Cancelled',
    steps: 'Steps',
    useAsPreview: 'Use as preview…',
    useFor: 'Use as preview of Photon v1',
    previewDone: /Photon v1/,
    history: 'History',
    presets: 'Presets',
    tasks: 'Tasks',
    detail: 'Task details',
    stop: 'Stop tracking',
    refresh: 'Refresh',
    stoppedNote: /^Tracking stopped\. The service may still finish this task/,
    checkpoint: 'Checkpoint',
    hashMatched: /Model hash [0-9a-f]{10} matched photon_v1_84728\.safetensors on your server\./,
    hashLegacy: /old 8-digit A1111 hash.*matched by name/,
  },
  'zh-CN': {
    prompt: '提示词',
    imageMode: '图生图',
    sourceFile: '原图的图片文件',
    sourceSlot: /^原图：/,
    emptySlot: '尚未选择图片。',
    card: /^任务 /,
    done: '完成',
    cancelled: '已取消',
    steps: '步数',
    useAsPreview: '设为预览图…',
    useFor: '设为 Photon v1 的预览图',
    previewDone: /Photon v1/,
    history: '历史',
    presets: '预设',
    tasks: '任务',
    detail: '任务详情',
    stop: '停止跟踪',
    refresh: '刷新',
    stoppedNote: /^已停止跟踪。服务仍可能完成此任务/,
    checkpoint: '大模型 (Checkpoint)',
    hashMatched: /模型哈希 [0-9a-f]{10} 已匹配到服务器上的 photon_v1_84728\.safetensors。/,
    hashLegacy: /旧版的 8 位哈希.*已按名称匹配模型/,
  },
} as const
type Language = keyof typeof words

async function shoot(page: Page, name: string) {
  if (!screenshotDir) return
  await mkdir(screenshotDir, { recursive: true })
  await page.screenshot({ path: join(screenshotDir, `${name}.png`) })
}

/** The app on `dataDir` against a demo simulator, served as `npm run start:browser` serves it. */
function useRestartableApp() {
  const tempDir = useTempDirs()
  const open: { services: Services; bridge: BrowserBridge }[] = []
  const simulators: Simulator[] = []
  let chromium: ChromiumSession | undefined
  afterEach(async () => {
    await chromium?.close()
    chromium = undefined
    for (const { services, bridge } of open.splice(0)) {
      await bridge.close()
      await services.close()
    }
    await Promise.all(simulators.splice(0).map((simulator) => simulator.close()))
  })
  const simulator = async () => {
    const started = await startSimulator({ demo: true })
    simulators.push(started)
    return started
  }
  const start = async (dataDir: string, simulatorUrl: string, port = 0) => {
    const services = await createServices({
      edition: 'test',
      version: '0.0.0-test',
      dataDir,
      trackerLimits: { firstIntervalMs: 250 },
      connectionOverride: { baseUrl: simulatorUrl },
    })
    const bridge = await startBrowserBridge({
      dispatch: services.dispatch,
      events: services.events,
      logger: services.logger,
      rendererDir: builtRendererDir,
      port,
    })
    const entry = { services, bridge }
    open.push(entry)
    return {
      ...entry,
      async stop() {
        open.splice(open.indexOf(entry), 1)
        await bridge.close()
        await services.close()
      },
    }
  }
  const page = async (language: Language) => {
    chromium ??= await launchChromium()
    const created = await chromium.context.newPage()
    await created.setViewportSize({ width: 1400, height: 1000 })
    await created.addInitScript((lang) => localStorage.setItem('img-open.language', lang), language)
    return created
  }
  return { tempDir, simulator, start, page }
}

/** A procedure called as the page would, through the real dispatcher. */
async function call(services: Services, name: 'presets.list' | 'presets.sync', input: unknown) {
  const result = await services.dispatch(name, input, { transport: 'in-process' })
  if (!result.ok) throw new Error(`${name}: ${result.error.code}`)
  return result.value
}

const navTab = (page: Page, name: string) =>
  page.getByRole('navigation').getByRole('button', { name, exact: true })

/** Types a prompt, applies the Photon starter preset and generates; answers the task's card. */
async function generate(page: Page, language: Language, prompt: string, steps?: number) {
  const w = words[language]
  const box = page.getByRole('textbox', { name: w.prompt, exact: true })
  await box.click()
  await page.keyboard.type(prompt)
  await expect.poll(() => box.textContent(), patience).toBe(prompt)
  const checkpoint = page.getByLabel(w.checkpoint, { exact: true })
  await checkpoint.fill('photon_v1_84728.safetensors')
  if (steps !== undefined)
    await page.getByRole('spinbutton', { name: w.steps, exact: true }).fill(String(steps))
  await page.keyboard.press('Escape')
  await box.click()
  await page.keyboard.press('Control+Enter')
  const card = page.getByRole('article', { name: w.card }).first()
  await expect.poll(() => card.count(), patience).toBe(1)
  return card
}

describe('results-first workbench in Chromium, in English and Chinese', () => {
  const apps = useRestartableApp()

  for (const language of ['en', 'zh-CN'] as const) {
    const w = words[language]

    it(
      `keeps the draft and the source image across a reload and a server restart; a result becomes a preset's preview (${language})`,
      { timeout: 180_000 },
      async () => {
        const dataDir = await apps.tempDir()
        const simulator = await apps.simulator()
        const first = await apps.start(dataDir, simulator.url)
        const page = await apps.page(language)
        await page.goto(first.bridge.url)

        // A result, made the Photon preset's thumbnail from its card.
        const card = await generate(page, language, 'a lantern in the fog')
        await expect.poll(() => card.getByTestId('task-status').textContent(), patience).toBe(w.done)
        await card.getByRole('button', { name: w.useAsPreview }).first().click()
        const dialog = page.getByRole('dialog')
        await dialog.getByRole('button', { name: w.useFor }).click()
        await expect.poll(() => dialog.getByRole('status').textContent(), patience).toMatch(w.previewDone)
        await shoot(page, `use-as-preview-${language}`)
        const photon = async (services: Services) => {
          const page = (await call(services, 'presets.list', { kind: 'checkpoint', limit: 500 })) as {
            items: { fileName: string; thumbnail: string | null }[]
          }
          return page.items.find((preset) => preset.fileName === 'photon_v1_84728.safetensors')
        }
        await expect
          .poll(async () => (await photon(first.services))?.thumbnail ?? '', patience)
          .toMatch(/^data:image\/(webp|png|jpeg);base64,/)
        await page.keyboard.press('Escape')

        // An image in the img2img source slot, and the draft.
        await page.getByRole('tab', { name: w.imageMode, exact: true }).click()
        await page.getByLabel(w.sourceFile).setInputFiles({
          name: 'harbour.png',
          mimeType: 'image/png',
          buffer: paintImage({ key: 'restart-source', width: 64, height: 48, progress: 1 }),
        })
        const slot = page.getByRole('group', { name: w.sourceSlot })
        const slotImage = slot.getByRole('img').first()
        await expect.poll(() => slotImage.getAttribute('src'), patience).toMatch(/^(data|blob):/)

        const expectRestored = async () => {
          await expect
            .poll(() => page.getByRole('textbox', { name: w.prompt, exact: true }).textContent(), patience)
            .toBe('a lantern in the fog')
          await expect
            .poll(
              () => page.getByRole('tab', { name: w.imageMode, exact: true }).getAttribute('aria-selected'),
              patience,
            )
            .toBe('true')
          await expect.poll(() => slotImage.getAttribute('src'), patience).toMatch(/^(data|blob):/)
          expect(await slot.getByText(w.emptySlot).count()).toBe(0)
        }
        await page.reload()
        await expectRestored()

        // The server stops and starts again on the same data folder and port (same origin).
        const port = first.bridge.port
        await first.stop()
        const second = await apps.start(dataDir, simulator.url, port)
        await page.goto(second.bridge.url)
        await expectRestored()
        await shoot(page, `restored-after-restart-${language}`)
        expect((await photon(second.services))?.thumbnail).toMatch(/^data:image\//)
        await navTab(page, w.presets).click()
        await expect
          .poll(() => page.locator('img.preset-thumb').first().getAttribute('src'), patience)
          .toMatch(/^data:image\//)
      },
    )

    it(
      `stops tracking a running task from the history detail and fetches its result with Refresh (${language})`,
      { timeout: 180_000 },
      async () => {
        const simulator = await apps.simulator()
        const app = await apps.start(await apps.tempDir(), simulator.url)
        const page = await apps.page(language)
        await page.goto(app.bridge.url)
        const card = await generate(page, language, 'a slow comet over the sea', 60)
        await expect.poll(() => card.getByTestId('task-status').textContent(), patience).not.toBe(w.done)

        await navTab(page, w.history).click()
        await page.getByRole('listbox', { name: w.tasks }).getByRole('option').first().dblclick()
        const detail = page.getByRole('complementary', { name: w.detail })
        const stop = detail.getByRole('button', { name: w.stop, exact: true })
        await expect.poll(() => stop.count(), patience).toBe(1)
        await stop.click()
        const note = detail.getByRole('note').filter({ hasText: w.stoppedNote })
        await expect.poll(() => note.count(), patience).toBe(1)
        await shoot(page, `history-stopped-${language}`)
        const taskId = app.services.history.query({}).items[0]?.id ?? ''
        expect(app.services.history.get(taskId)).toMatchObject({ status: 'cancelled', trackingStopped: true })
        expect(await detail.getByRole('button', { name: w.stop, exact: true }).count()).toBe(0)

        await detail.getByRole('button', { name: w.refresh, exact: true }).click()
        await expect
          .poll(() => app.services.history.get(taskId)?.status, { timeout: 90_000 })
          .toBe('succeeded')
        await expect.poll(() => note.count(), patience).toBe(0)
        expect(await detail.getByRole('button', { name: w.refresh, exact: true }).count()).toBe(0)
        expect(app.services.history.get(taskId)?.images).toHaveLength(1)
      },
    )

    it(`matches a pasted A1111 'Model hash' to the listed model, and says when only the name can match (${language})`, async () => {
      const simulator = await apps.simulator()
      const app = await apps.start(await apps.tempDir(), simulator.url)
      await call(app.services, 'presets.sync', {})
      const page = await apps.page(language)
      await page.goto(app.bridge.url)
      const sha = String(
        assetRows('checkpoint', simulator.url).find(
          (row) => row.sdModelCheckpoint === 'photon_v1_84728.safetensors',
        )?.modelHash,
      ).toLowerCase()
      const infotext = (model: string, hash: string) =>
        `a quiet lake\nNegative prompt: blurry\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 42, Size: 512x512, Model hash: ${hash}, Model: ${model}, Version: v1.7.0`
      const box = page.getByRole('textbox', { name: w.prompt, exact: true })
      const checkpoint = page.getByLabel(w.checkpoint, { exact: true })
      const paste = async (text: string) => {
        await box.click()
        await page.keyboard.press('Control+A')
        await box.evaluate((element, pasted) => {
          const data = new DataTransfer()
          data.setData('text/plain', pasted)
          element.dispatchEvent(
            new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
          )
        }, text)
      }
      // A renamed file (infotext "Model: my_lake_model") is still found by its AutoV2 hash.
      await paste(infotext('my_lake_model', sha.slice(0, 10)))
      await expect.poll(() => checkpoint.inputValue(), patience).toBe('photon_v1_84728.safetensors')
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: w.hashMatched }).count(), patience)
        .toBe(1)
      await shoot(page, `paste-hash-${language}`)
      // An old 8-digit hash cannot be checked: the name stays and the pre-flight check suggests the file.
      await paste(infotext('photon_v1', '1a2b3c4d'))
      await expect.poll(() => checkpoint.inputValue(), patience).toBe('photon_v1')
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: w.hashLegacy }).count(), patience)
        .toBe(1)
      const flag = page.getByRole('note').filter({ hasText: 'photon_v1' })
      await expect
        .poll(() => flag.getByRole('button', { name: 'photon_v1_84728.safetensors' }).count(), patience)
        .toBe(1)
    })
  }
})
