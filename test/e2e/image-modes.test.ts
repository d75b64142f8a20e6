import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import type { Locator, Page } from 'playwright-core'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import type { Services } from '../../main/services/create-services'
import { apiPaths } from '../../main/services/api/api-paths'
import { uploadPathPrefix } from '../../main/simulator'
import { paintImage } from '../../main/simulator/png'
import { finishFirstTask, patience, servedBytes, sim, ui, useAppOnSimulator } from './image-flow-kit'

const sourceSize = { width: 96, height: 64 }
/** The stroke, in source pixels: a horizontal line through the middle, with an 8 px brush. */
const stroke = { fromX: 20, toX: 76, y: 32, brush: 8 }

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** The grey value (first channel) of every pixel of a PNG, and its size. */
async function greyPixels(png: Buffer) {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true })
  return {
    width: info.width,
    height: info.height,
    at: (x: number, y: number) => data[(y * info.width + x) * info.channels],
  }
}

/** Distance of a pixel's centre from the painted line (the stroke went through pixel centres). */
function distanceFromStroke(x: number, y: number) {
  const along = Math.min(stroke.toX, Math.max(stroke.fromX, x)) - x
  return Math.hypot(along, y - stroke.y)
}

/**
 * Pixels of the mask that contradict the stroke: not white well inside the brush, or not black
 * clear of it (soft edges, at most a pixel wide, may be any grey). Also checks the zoom and pan
 * mapping from the screen to source pixels, since any offset would move the white band.
 */
function misplacedMaskPixels(mask: Awaited<ReturnType<typeof greyPixels>>) {
  const radius = stroke.brush / 2
  const wrong: string[] = []
  for (let y = 0; y < mask.height; y += 1)
    for (let x = 0; x < mask.width; x += 1) {
      const distance = distanceFromStroke(x, y)
      const value = mask.at(x, y)
      if (distance <= radius - 1.5 && value !== 255) wrong.push(`${x},${y}=${value} (inside)`)
      if (distance >= radius + 1 && value !== 0) wrong.push(`${x},${y}=${value} (outside)`)
    }
  return wrong.slice(0, 20)
}

/** The canvas's box once the painter has fitted the image to its viewport (it settles after layout). */
async function settledBox(canvas: Locator) {
  let previous = ''
  await expect
    .poll(async () => {
      const box = await canvas.boundingBox()
      const now = JSON.stringify(box)
      const settled = box !== null && box.width > sourceSize.width && now === previous
      previous = now
      return settled
    }, patience)
    .toBe(true)
  return ui.boxOf(canvas)
}

/** Drags the mouse along the stroke on the painter, converting source pixels to screen points. */
async function paintStroke(page: Page) {
  const painter = page.getByRole('group', { name: 'Inpaint mask' })
  const size = painter.getByRole('slider', { name: 'Brush size' })
  await size.focus()
  await page.keyboard.press('Home')
  for (let step = 1; step < stroke.brush; step += 1) await page.keyboard.press('ArrowRight')
  await expect.poll(() => size.getAttribute('aria-valuetext'), patience).toBe(`${stroke.brush} px`)

  const canvas = page.getByRole('img', { name: 'Painted mask' })
  await canvas.scrollIntoViewIfNeeded()
  const box = await settledBox(canvas)
  const scale = box.width / sourceSize.width
  const screen = (x: number, y: number) => ({ x: box.x + (x + 0.5) * scale, y: box.y + (y + 0.5) * scale })
  const from = screen(stroke.fromX, stroke.y)
  const to = screen(stroke.toX, stroke.y)
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move(to.x, to.y, { steps: 12 })
  await page.mouse.up()
  await expect
    .poll(async () => Number(await canvas.getAttribute('data-painted-pixels')), patience)
    .toBeGreaterThan((stroke.toX - stroke.fromX) * (stroke.brush - 2))
}

/** Every input the history keeps for a task has a local copy in the image cache; answers the copies. */
async function keptCopies(app: Services, taskId: string) {
  const inputs = app.history.get(taskId)?.inputs ?? []
  return Promise.all(
    inputs.map(async (input) => {
      const file = input.cacheKey === null ? null : await app.images.locate(input.cacheKey)
      return {
        role: input.role,
        origin: input.origin,
        url: input.url,
        bytes: file ? await readFile(file) : null,
      }
    }),
  )
}

describe('image modes in Chromium against the simulator', () => {
  const openApp = useAppOnSimulator()

  it(
    'paints a mask on a chosen file, inpaints, and the simulator receives the file and the mask PNG',
    { timeout: 180_000 },
    async () => {
      const { simulator, app, page } = await openApp()
      const source = paintImage({ key: 'inpaint-source', ...sourceSize, progress: 1 })

      await ui.startDraft(page, 'a red door in a white wall')
      await ui.modeTab(page, 'Inpaint').click()
      await ui.expectModeShown(page, 'Inpaint')
      await page.getByLabel('Image file for Source image').setInputFiles({
        name: 'wall.png',
        mimeType: 'image/png',
        buffer: source,
      })
      await paintStroke(page)

      const taskId = await ui.generateAndFinish(page, ui.taskCards(page))
      expect(app.history.get(taskId)).toMatchObject({ kind: 'inpaint', status: 'succeeded' })

      expect(sim.inputOf(simulator, taskId, 'image_link')?.bytes.equals(source)).toBe(true)
      const maskBytes = sim.inputOf(simulator, taskId, 'mask_link')?.bytes
      if (!maskBytes) throw new Error('The simulator received no mask')
      const mask = await greyPixels(maskBytes)
      expect({ width: mask.width, height: mask.height }).toEqual(sourceSize)
      expect(misplacedMaskPixels(mask)).toEqual([])

      // The history keeps both inputs locally, byte for byte, for a re-run after the links expire.
      const kept = await keptCopies(app, taskId)
      expect(kept.map(({ role, origin }) => ({ role, origin }))).toEqual([
        { role: 'source', origin: 'upload' },
        { role: 'mask', origin: 'upload' },
      ])
      expect(kept[0]?.bytes?.equals(source)).toBe(true)
      expect(kept[1]?.bytes?.equals(maskBytes)).toBe(true)
      expect(app.history.get(taskId)?.inputs?.[0]?.cacheKey).toBe(sha256(source))
      // Both went through the demo profile's upload host, and were deleted once the task ended.
      expect(sim.uploadsTo(simulator)).toHaveLength(2)
      await expect.poll(() => simulator.uploadCount(), patience).toBe(0)
    },
  )

  it('generates with a ControlNet unit and its own control image', { timeout: 180_000 }, async () => {
    const { simulator, app, page } = await openApp()
    const control = paintImage({ key: 'controlnet-pose', width: 80, height: 80, progress: 1 })

    await ui.startDraft(page, 'a dancer on a stage')
    await ui.modeTab(page, 'ControlNet').click()
    const unit = ui.controlNetUnit(page)
    await unit.getByRole('checkbox', { name: 'Enabled' }).check()
    await unit.getByLabel('Control type', { exact: true }).selectOption('depth')
    await unit.getByLabel('Preprocessor', { exact: true }).selectOption('depth_zoe')
    await unit.getByLabel('Image file for Control image (unit 1)').setInputFiles({
      name: 'depth.png',
      mimeType: 'image/png',
      buffer: control,
    })
    await expect.poll(() => ui.controlImageSlot(unit).textContent(), patience).toContain('depth.png')

    const taskId = await ui.generateAndFinish(page, ui.taskCards(page))
    expect(app.history.get(taskId)).toMatchObject({ kind: 'controlnet', status: 'succeeded' })
    expect(sim.inputOf(simulator, taskId, 'controlnet.args[0].image_link')?.bytes.equals(control)).toBe(true)
    expect(sim.inputOf(simulator, taskId, 'image_link')).toBeUndefined()

    const submits = sim.submitsTo(simulator, apiPaths.controlnet)
    expect(submits).toHaveLength(1)
    const body = submits[0]?.body as {
      seed: unknown
      alwayson_scripts: { id_task: string; image_link?: string; controlnet: { args: unknown[] } }
    }
    expect(body.alwayson_scripts.id_task).toBe(taskId)
    expect(Number.isInteger(body.seed)).toBe(true)
    expect(body.alwayson_scripts.image_link).toBeUndefined()
    expect(body.alwayson_scripts.controlnet.args).toHaveLength(1)
    expect(body.alwayson_scripts.controlnet.args[0]).toMatchObject({
      enabled: true,
      control_type: 'depth',
      module: 'depth_zoe',
      image_link: expect.stringContaining(uploadPathPrefix),
    })
    const kept = await keptCopies(app, taskId)
    expect(kept.map(({ role, origin }) => ({ role, origin }))).toEqual([
      { role: 'control', origin: 'upload' },
    ])
    expect(kept[0]?.bytes?.equals(control)).toBe(true)
    expect(sim.uploadsTo(simulator)).toHaveLength(1)
    await expect.poll(() => simulator.uploadCount(), patience).toBe(0)
  })

  it(
    'sends a finished result to img2img, and the service fetches the result by its own link',
    { timeout: 180_000 },
    async () => {
      const opened = await openApp()
      const { simulator, app, page } = opened

      const first = await finishFirstTask(opened, 'a harbour at dawn')
      await ui.sendFirstResult(first.card, 'img2img')
      await ui.expectModeShown(page, 'Image to image')
      await expect.poll(() => ui.sourceSlot(page).textContent(), patience).toMatch(/image 1/)

      const secondCard = ui.taskCards(page).filter({ hasText: 'Image to image' })
      const secondId = await ui.generateAndFinish(page, secondCard)
      expect(secondId).not.toBe(first.id)
      expect(app.history.get(secondId)).toMatchObject({ kind: 'image2image', status: 'succeeded' })

      const kept = await keptCopies(app, secondId)
      expect(kept.map(({ role, origin, url }) => ({ role, origin, url }))).toEqual([
        { role: 'source', origin: 'result', url: first.result.url },
      ])
      // The simulator got exactly what the result's link serves; the history's copy is that picture.
      const fetched = sim.inputOf(simulator, secondId, 'image_link')?.bytes
      if (!fetched) throw new Error('The simulator received no source image')
      const served = await servedBytes(first.result.url)
      expect(fetched.equals(served)).toBe(true)
      expect(app.history.get(secondId)?.inputs?.[0]?.cacheKey).toBe(first.result.cacheKey)
      const pixels = (png: Buffer) => sharp(png).raw().toBuffer()
      expect((await pixels(kept[0]?.bytes ?? Buffer.alloc(0))).equals(await pixels(fetched))).toBe(true)
      const submit = sim.lastSubmit(simulator, apiPaths.image2image) as {
        alwayson_scripts: { image_link: string }
      }
      expect(submit.alwayson_scripts.image_link).toBe(first.result.url)
      // Nothing went to the upload host for this task: the result's own link was enough.
      expect(sim.uploadsTo(simulator)).toEqual([])
    },
  )
})
