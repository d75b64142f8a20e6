import type { Locator, Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import type { Services } from '../../main/services/create-services'
import { apiPaths } from '../../main/services/api/api-paths'
import { startSimulator, uploadPathPrefix, type Simulator } from '../../main/simulator'
import { useAppInBrowser } from '../support/app-in-browser'

/** Generous: two cores shared by Chromium, the services and the simulator. */
const patience = { timeout: 30_000 }

/** Started before the app's hooks are registered, so it is closed after the services (hooks run as a stack). */
function useSimulators(): () => Promise<Simulator> {
  const running: Simulator[] = []
  afterEach(async () => {
    await Promise.all(running.splice(0).map((simulator) => simulator.close()))
  })
  return async () => {
    const simulator = await startSimulator({ demo: true })
    running.push(simulator)
    return simulator
  }
}

const navTab = (page: Page, name: string) =>
  page.getByRole('navigation').getByRole('button', { name, exact: true })
const modeTab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true })
const taskCards = (page: Page) => page.getByRole('article', { name: /^Task / })

/** A prompt and a checkpoint (from a starter preset), as a user starts. */
async function startDraft(page: Page, prompt: string) {
  const promptBox = page.getByRole('textbox', { name: 'Prompt', exact: true })
  await promptBox.click()
  await page.keyboard.type(prompt)
  await expect.poll(() => promptBox.textContent(), patience).toBe(prompt)
  await navTab(page, 'Presets').click()
  await page.getByRole('button', { name: 'Apply Photon v1' }).click()
  const checkpoint = page.getByLabel('Checkpoint', { exact: true })
  await expect.poll(() => checkpoint.inputValue(), patience).toBe('photon_v1_84728.safetensors')
}

/** Generates, waits until the task's card says Done, and answers the task id. */
async function generateAndFinish(page: Page, card: Locator): Promise<string> {
  await page.getByRole('button', { name: 'Generate', exact: true }).click()
  await expect.poll(() => card.count(), patience).toBe(1)
  await expect.poll(() => card.getByTestId('task-status').textContent(), patience).toBe('Done')
  return ((await card.getAttribute('aria-label')) ?? '').replace(/^Task /, '')
}

async function centreOf(locator: Locator) {
  const box = await locator.boundingBox()
  if (box === null) throw new Error('The element is not shown')
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}

/** The bytes the simulator fetched for `field` of a task. */
const fetchedInput = (simulator: Simulator, taskId: string, field: string) =>
  simulator.inputs(taskId).find((input) => input.field === field)?.bytes

/** The bytes a result's own link serves. */
const servedBytes = async (url: string) => Buffer.from(await (await fetch(url)).arrayBuffer())

const uploadsTo = (simulator: Simulator) =>
  simulator.requests
    .list()
    .filter((request) => request.method === 'PUT' && request.path.startsWith(uploadPathPrefix))

const lastSubmit = (simulator: Simulator, path: string) =>
  simulator.requests
    .list()
    .filter((request) => request.method === 'POST' && request.path === path)
    .at(-1)?.body

/** The first result of a finished task, as the history keeps it. */
function firstResultOf(app: Services, taskId: string) {
  const result = app.history.get(taskId)?.images[0]
  if (!result) throw new Error(`Task ${taskId} has no result`)
  return result
}

describe('history results into the workbench, in Chromium against the simulator', () => {
  const startOwnSimulator = useSimulators()
  const browserApp = useAppInBrowser()

  const openApp = async (simulator: Simulator) => {
    const { app, bridge } = await browserApp.start({
      trackerLimits: { firstIntervalMs: 250 },
      connectionOverride: { baseUrl: simulator.url },
    })
    const page = await browserApp.newPage()
    await page.setViewportSize({ width: 1400, height: 1000 })
    await page.goto(bridge.url)
    return { app, page }
  }

  it(
    "drags a result from the history's detail over the Workbench tab onto img2img's source slot, and generates",
    { timeout: 180_000 },
    async () => {
      const simulator = await startOwnSimulator()
      const { app, page } = await openApp(simulator)

      await startDraft(page, 'a harbour at dawn')
      const firstId = await generateAndFinish(page, taskCards(page))
      const firstResult = firstResultOf(app, firstId)
      await modeTab(page, 'Image to image').click()
      await expect
        .poll(() => modeTab(page, 'Image to image').getAttribute('aria-selected'), patience)
        .toBe('true')

      await navTab(page, 'History').click()
      await page.getByRole('listbox', { name: 'Tasks' }).getByRole('option').first().dblclick()
      const detail = page.getByRole('complementary', { name: 'Task details' })
      const image = detail.getByRole('img', { name: 'Image 1' })
      await expect.poll(() => image.count(), patience).toBe(1)

      // A real drag: press on the result, rest on the Workbench tab until it opens, drop on the slot.
      const from = await centreOf(image)
      await page.mouse.move(from.x, from.y)
      await page.mouse.down()
      const tab = await centreOf(navTab(page, 'Workbench'))
      await page.mouse.move(tab.x, tab.y, { steps: 8 })
      await expect.poll(() => navTab(page, 'Workbench').getAttribute('aria-current'), patience).toBe('page')
      const slot = page.getByRole('group', { name: /^Source image: / })
      const to = await centreOf(slot)
      await page.mouse.move(to.x, to.y, { steps: 8 })
      await page.mouse.up()
      await expect.poll(() => slot.textContent(), patience).toMatch(/image 1/)

      const secondCard = taskCards(page).filter({ hasText: 'Image to image' })
      const secondId = await generateAndFinish(page, secondCard)
      expect(app.history.get(secondId)).toMatchObject({ kind: 'image2image', status: 'succeeded' })
      expect(app.history.get(secondId)?.inputs).toMatchObject([
        { role: 'source', origin: 'result', url: firstResult.url, cacheKey: firstResult.cacheKey },
      ])
      // The simulator fetched exactly what the dragged result's link serves.
      const fetched = fetchedInput(simulator, secondId, 'image_link')
      expect(fetched?.equals(await servedBytes(firstResult.url))).toBe(true)
      const submit = lastSubmit(simulator, apiPaths.image2image) as {
        alwayson_scripts: { image_link: string }
      }
      expect(submit.alwayson_scripts.image_link).toBe(firstResult.url)
      expect(uploadsTo(simulator)).toEqual([])
    },
  )

  it(
    "sends a task card's result to ControlNet as unit 1's control image, and generates",
    { timeout: 180_000 },
    async () => {
      const simulator = await startOwnSimulator()
      const { app, page } = await openApp(simulator)

      await startDraft(page, 'a lighthouse on a cliff')
      const firstCard = taskCards(page)
      const firstId = await generateAndFinish(page, firstCard)
      const firstResult = firstResultOf(app, firstId)

      await firstCard
        .getByRole('group', { name: 'Send result 1 to' })
        .getByRole('button', { name: 'Send to ControlNet' })
        .click()
      await expect
        .poll(() => modeTab(page, 'ControlNet').getAttribute('aria-selected'), patience)
        .toBe('true')
      const unit = page
        .getByRole('group', { name: 'ControlNet units' })
        .getByRole('region', { name: 'Unit 1' })
      await expect
        .poll(() => unit.getByRole('group', { name: /^Control image \(unit 1\): / }).textContent(), patience)
        .toMatch(/image 1/)

      const secondCard = taskCards(page).filter({
        // The new task's kind; the first card's "Send to ControlNet" is no exact match.
        has: page.getByText('ControlNet', { exact: true }),
      })
      const secondId = await generateAndFinish(page, secondCard)
      expect(app.history.get(secondId)).toMatchObject({ kind: 'controlnet', status: 'succeeded' })
      const fetched = fetchedInput(simulator, secondId, 'controlnet.args[0].image_link')
      expect(fetched?.equals(await servedBytes(firstResult.url))).toBe(true)
      // Not the base image: nothing went as `image_link`.
      expect(fetchedInput(simulator, secondId, 'image_link')).toBeUndefined()
      const submit = lastSubmit(simulator, apiPaths.controlnet) as {
        alwayson_scripts: {
          image_link?: string
          controlnet: { args: { image_link: string; enabled: boolean }[] }
        }
      }
      expect(submit.alwayson_scripts.image_link).toBeUndefined()
      expect(submit.alwayson_scripts.controlnet.args).toMatchObject([
        { enabled: true, image_link: firstResult.url },
      ])
      expect(uploadsTo(simulator)).toEqual([])
    },
  )
})
