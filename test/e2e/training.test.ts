import { mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { paintImage } from '../../main/simulator/png'
import { startSimulator, type Simulator } from '../../main/simulator'
import { useAppInBrowser } from '../support/app-in-browser'
import { patience, sim } from './image-flow-kit'

/*
 * LoRA training in Chromium on the demo profile: pictures in, a job recorded and sent to the demo
 * simulator (which validates §14's fields and lists a new LoRA after a while), the app spots the
 * LoRA in the list, puts it in the preset library, and the history links job, dataset and LoRA.
 * Screenshots of each state go to a folder for a person to look at (not compared).
 */

const shots = join(tmpdir(), 'img-open-training-screenshots')

const picture = (index: number, size = 640) => ({
  name: `face-${String(index).padStart(2, '0')}.png`,
  mimeType: 'image/png',
  buffer: Buffer.from(paintImage({ key: `face-${index}`, width: size, height: size, progress: 1 })),
})

const texts = {
  en: {
    pick: 'Choose pictures…',
    submit: 'Upload and start training',
    done: 'Done',
    added: /^Added to the preset library/,
    presets: 'Presets',
    details: 'Details in the history',
    datasetLabel: 'Training pictures',
    edit: /^Edit /,
    trainedHere: /^Trained here: job /,
    openJob: 'Open the job in the history',
  },
  'zh-CN': {
    pick: '选择图片…',
    submit: '上传并开始训练',
    done: '完成',
    added: /^已加入预设库/,
    presets: '预设',
    details: '在历史中查看详情',
    datasetLabel: '训练图片',
    edit: /^编辑 /,
    trainedHere: /^在此训练：任务 /,
    openJob: '在历史中打开该任务',
  },
} as const

describe('LoRA training in Chromium', () => {
  const running: Simulator[] = []
  afterEach(async () => {
    await Promise.all(running.splice(0).map((simulator) => simulator.close()))
  })
  const browserApp = useAppInBrowser()

  async function start(language: keyof typeof texts) {
    const simulator = await startSimulator({ demo: true, trainingMs: 1500 })
    running.push(simulator)
    const { bridge } = await browserApp.start({
      trackerLimits: { firstIntervalMs: 250 },
      connectionOverride: { baseUrl: simulator.url },
      trainingWatchMs: 500,
    })
    const page = await browserApp.newPage()
    await page.setViewportSize({ width: 1400, height: 1000 })
    await page.goto(bridge.url)
    await page.getByRole('combobox').first().selectOption(language)
    await expect
      .poll(() => page.getByTestId('connection-status').getAttribute('data-status'), patience)
      .toBe('open')
    await page.keyboard.press('Control+6')
    await expect
      .poll(() => page.getByRole('heading', { level: 2 }).first().textContent(), patience)
      .toMatch(/LoRA/)
    return { page, simulator }
  }

  const shoot = (page: Page, language: string, name: string) =>
    page.screenshot({ path: join(shots, `training-${name}-${language}.png`), fullPage: true })

  for (const language of ['en', 'zh-CN'] as const) {
    it(
      `trains a LoRA from ten pictures and adds it to the library (${language})`,
      { timeout: 240_000 },
      async () => {
        mkdirSync(shots, { recursive: true })
        const text = texts[language]
        const { page, simulator } = await start(language)
        await shoot(page, language, 'empty')

        // Nine pictures and a small one: flagged before anything is sent.
        const input = page.getByLabel(text.pick)
        await input.setInputFiles([
          ...Array.from({ length: 9 }, (_, index) => picture(index)),
          picture(9, 256),
        ])
        const tiles = page.getByRole('list', { name: /Training pictures|训练图片/ }).getByRole('listitem')
        await expect.poll(() => tiles.count(), patience).toBe(10)
        await expect.poll(() => page.locator('li[data-problem="tooSmall"]').count(), patience).toBe(1)
        expect(await page.getByRole('button', { name: text.submit }).isDisabled()).toBe(true)
        await shoot(page, language, 'problems')

        // The small one goes, a good one comes: ten pictures, Submit opens.
        await page.locator('li[data-problem="tooSmall"] button').click()
        await input.setInputFiles([picture(10)])
        await expect
          .poll(() => page.getByRole('button', { name: text.submit }).isDisabled(), patience)
          .toBe(false)
        await page
          .getByRole('group', { name: /Starting points|起点/ })
          .getByRole('button')
          .first()
          .click()
        await page.getByLabel(/Trigger words|触发词/).fill('sks face')
        await shoot(page, language, 'ready')

        await page.getByRole('button', { name: text.submit }).click()
        const job = page.getByRole('listitem', { name: /Training job|训练任务/ })
        await expect.poll(() => job.count(), patience).toBe(1)
        await job.scrollIntoViewIfNeeded()
        await shoot(page, language, 'job-running')
        await expect.poll(() => job.locator('.tr-status').textContent(), { timeout: 60_000 }).toBe(text.done)
        await shoot(page, language, 'job-done')

        // The simulator got §14's camelCase fields with the quick starting point's values.
        const sent = sim
          .submitsTo(simulator, '/AIGCImgOpenServ/saas/modelTraining/submitTraining/Job')
          .map((request) => request.body as Record<string, unknown>)
        expect(sent).toHaveLength(1)
        expect(sent[0]).toMatchObject({
          maxEpochs: 10,
          batchSize: 2,
          learningRate: '0.0001',
          resolution: 512,
        })
        expect(sent[0]?.fileUrlList).toHaveLength(10)

        // Its LoRA is in the library; the history shows the job with its pictures and the LoRA.
        await job.getByRole('button', { name: text.added }).click()
        const nav = page.getByRole('navigation').first()
        const presetsTab = nav.getByRole('button', { name: text.presets, exact: true })
        await expect.poll(() => presetsTab.getAttribute('aria-current'), patience).toBe('page')
        await shoot(page, language, 'library')
        // The LoRA's editor names the job that trained it and opens it in the history.
        await page.getByRole('button', { name: text.edit }).first().click()
        await expect.poll(() => page.getByText(text.trainedHere).count(), patience).toBe(1)
        await shoot(page, language, 'preset-editor')
        await page.getByRole('button', { name: text.openJob }).click()
        const fromPreset = page.getByRole('list', { name: text.datasetLabel }).getByRole('listitem')
        await expect.poll(() => fromPreset.count(), patience).toBe(10)
        await page.keyboard.press('Control+6')
        await job.getByRole('button', { name: text.details }).click()
        const dataset = page.getByRole('list', { name: text.datasetLabel }).getByRole('listitem')
        await expect.poll(() => dataset.count(), patience).toBe(10)
        await shoot(page, language, 'history-detail')
      },
    )
  }
})
