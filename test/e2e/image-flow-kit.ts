import type { Locator, Page } from 'playwright-core'
import { afterEach, expect } from 'vitest'
import type { Services } from '../../main/services/create-services'
import { startSimulator, uploadPathPrefix, type Simulator } from '../../main/simulator'
import { useAppInBrowser } from '../support/app-in-browser'

/*
 * Drivers for the e2e tests that generate images in Chromium, so a test reads as a user's steps: the
 * app against a simulator of its own, `ui.*` for what a user finds and does on the page, `sim.*` for
 * what the simulator received.
 */

/** Generous: two cores shared by Chromium, the services and the simulator. */
export const patience = { timeout: 30_000 }

export interface AppOnSimulator {
  readonly simulator: Simulator
  readonly app: Services
  readonly page: Page
}

/**
 * Opens the app in Chromium on a fresh data dir, with the demo profile (its tasks and uploads)
 * pointed at a demo simulator of its own. The simulators' hook is registered before the app's, so
 * each simulator is closed after the services (hooks run as a stack).
 */
export function useAppOnSimulator(): () => Promise<AppOnSimulator> {
  const running: Simulator[] = []
  afterEach(async () => {
    await Promise.all(running.splice(0).map((simulator) => simulator.close()))
  })
  const browserApp = useAppInBrowser()
  return async () => {
    const simulator = await startSimulator({ demo: true })
    running.push(simulator)
    const { app, bridge } = await browserApp.start({
      trackerLimits: { firstIntervalMs: 250 },
      connectionOverride: { baseUrl: simulator.url },
    })
    const page = await browserApp.newPage()
    await page.setViewportSize({ width: 1400, height: 1000 })
    await page.goto(bridge.url)
    return { simulator, app, page }
  }
}

/** A screen's button in the app's navigation (Workbench, Presets, History, Settings). */
const navTab = (page: Page, name: string) =>
  page.getByRole('navigation').getByRole('button', { name, exact: true })
const modeTab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true })
const taskCards = (page: Page) => page.getByRole('article', { name: /^Task / })
/** The image mode's source slot; its name goes on with what it holds. */
const sourceSlot = (page: Page) => page.getByRole('group', { name: /^Source image: / })
const controlNetUnit = (page: Page) =>
  page.getByRole('group', { name: 'ControlNet units' }).getByRole('region', { name: 'Unit 1' })
/** Unit 1's control image slot; its name goes on with what it holds. */
const controlImageSlot = (unit: Locator) => unit.getByRole('group', { name: /^Control image \(unit 1\): / })

/** Waits until the image mode `name` is the one shown. */
async function expectModeShown(page: Page, name: string) {
  await expect.poll(() => modeTab(page, name).getAttribute('aria-selected'), patience).toBe('true')
}

/** A prompt and a checkpoint (from a starter preset), on the text-to-image tab, as a user starts. */
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

/** Clicks "Send to …" (`target`: img2img, ControlNet) for the first result of a task card. */
async function sendFirstResult(card: Locator, target: string) {
  await card
    .getByRole('group', { name: 'Send result 1 to' })
    .getByRole('button', { name: `Send to ${target}` })
    .click()
}

/** Where `locator` is on the page; throws when it is not shown. */
async function boxOf(locator: Locator) {
  const box = await locator.boundingBox()
  if (box === null) throw new Error('The element is not shown')
  return box
}

async function centreOf(locator: Locator) {
  const box = await boxOf(locator)
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}

/** What a user finds and does on the page. */
export const ui = {
  navTab,
  modeTab,
  taskCards,
  sourceSlot,
  controlNetUnit,
  controlImageSlot,
  expectModeShown,
  startDraft,
  generateAndFinish,
  sendFirstResult,
  boxOf,
  centreOf,
}

/** The first result of a finished task, as the history keeps it. */
export function firstResultOf(app: Services, taskId: string) {
  const result = app.history.get(taskId)?.images[0]
  if (!result) throw new Error(`Task ${taskId} has no result`)
  return result
}

/** Starts a draft with `prompt` and generates it: the first task, its card and its first result. */
export async function finishFirstTask({ app, page }: AppOnSimulator, prompt: string) {
  await startDraft(page, prompt)
  const card = taskCards(page)
  const id = await generateAndFinish(page, card)
  return { card, id, result: firstResultOf(app, id) }
}

/** The bytes a result's own link serves. */
export const servedBytes = async (url: string) => Buffer.from(await (await fetch(url)).arrayBuffer())

/** The image the simulator fetched for `field` of a task (`image_link`, `mask_link`, …). */
const inputOf = (simulator: Simulator, taskId: string, field: string) =>
  simulator.inputs(taskId).find((input) => input.field === field)

/** The images put on the simulator's upload host so far. */
const uploadsTo = (simulator: Simulator) =>
  simulator.requests
    .list()
    .filter((request) => request.method === 'PUT' && request.path.startsWith(uploadPathPrefix))

const submitsTo = (simulator: Simulator, path: string) =>
  simulator.requests.list().filter((request) => request.method === 'POST' && request.path === path)

/** The body of the latest task submitted to `path`. */
const lastSubmit = (simulator: Simulator, path: string) => submitsTo(simulator, path).at(-1)?.body

/** What the simulator received. */
export const sim = { inputOf, uploadsTo, submitsTo, lastSubmit }
