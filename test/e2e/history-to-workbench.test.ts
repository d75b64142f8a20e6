import { describe, expect, it } from 'vitest'
import { apiPaths } from '../../main/services/api/api-paths'
import { finishFirstTask, patience, servedBytes, sim, ui, useAppOnSimulator } from './image-flow-kit'

describe('history results into the workbench, in Chromium against the simulator', () => {
  const openApp = useAppOnSimulator()

  it(
    "drags a result from the history's detail over the Workbench tab onto img2img's source slot, and generates",
    { timeout: 180_000 },
    async () => {
      const opened = await openApp()
      const { simulator, app, page } = opened

      const first = await finishFirstTask(opened, 'a harbour at dawn')
      await ui.modeTab(page, 'Image to image').click()
      await ui.expectModeShown(page, 'Image to image')

      await ui.navTab(page, 'History').click()
      await page.getByRole('listbox', { name: 'Tasks' }).getByRole('option').first().dblclick()
      const detail = page.getByRole('complementary', { name: 'Task details' })
      const image = detail.getByRole('img', { name: 'Image 1' })
      await expect.poll(() => image.count(), patience).toBe(1)

      // A real drag: press on the result, rest on the Workbench tab until it opens, drop on the slot.
      const from = await ui.centreOf(image)
      await page.mouse.move(from.x, from.y)
      await page.mouse.down()
      const tab = await ui.centreOf(ui.navTab(page, 'Workbench'))
      await page.mouse.move(tab.x, tab.y, { steps: 8 })
      await expect
        .poll(() => ui.navTab(page, 'Workbench').getAttribute('aria-current'), patience)
        .toBe('page')
      const slot = ui.sourceSlot(page)
      const to = await ui.centreOf(slot)
      await page.mouse.move(to.x, to.y, { steps: 8 })
      await page.mouse.up()
      await expect.poll(() => slot.textContent(), patience).toMatch(/image 1/)

      const secondCard = ui.taskCards(page).filter({ hasText: 'Image to image' })
      const secondId = await ui.generateAndFinish(page, secondCard)
      expect(app.history.get(secondId)).toMatchObject({ kind: 'image2image', status: 'succeeded' })
      expect(app.history.get(secondId)?.inputs).toMatchObject([
        { role: 'source', origin: 'result', url: first.result.url, cacheKey: first.result.cacheKey },
      ])
      // The simulator fetched exactly what the dragged result's link serves.
      const fetched = sim.inputOf(simulator, secondId, 'image_link')?.bytes
      expect(fetched?.equals(await servedBytes(first.result.url))).toBe(true)
      const submit = sim.lastSubmit(simulator, apiPaths.image2image) as {
        alwayson_scripts: { image_link: string }
      }
      expect(submit.alwayson_scripts.image_link).toBe(first.result.url)
      expect(sim.uploadsTo(simulator)).toEqual([])
    },
  )

  it(
    "sends a task card's result to ControlNet as unit 1's control image, and generates",
    { timeout: 180_000 },
    async () => {
      const opened = await openApp()
      const { simulator, app, page } = opened

      const first = await finishFirstTask(opened, 'a lighthouse on a cliff')
      await ui.sendFirstResult(first.card, 'ControlNet')
      await ui.expectModeShown(page, 'ControlNet')
      const unit = ui.controlNetUnit(page)
      await expect.poll(() => ui.controlImageSlot(unit).textContent(), patience).toMatch(/image 1/)

      const secondCard = ui.taskCards(page).filter({
        // The new task's kind; the first card's "Send to ControlNet" is no exact match.
        has: page.getByText('ControlNet', { exact: true }),
      })
      const secondId = await ui.generateAndFinish(page, secondCard)
      expect(app.history.get(secondId)).toMatchObject({ kind: 'controlnet', status: 'succeeded' })
      const fetched = sim.inputOf(simulator, secondId, 'controlnet.args[0].image_link')?.bytes
      expect(fetched?.equals(await servedBytes(first.result.url))).toBe(true)
      // Not the base image: nothing went as `image_link`.
      expect(sim.inputOf(simulator, secondId, 'image_link')?.bytes).toBeUndefined()
      const submit = sim.lastSubmit(simulator, apiPaths.controlnet) as {
        alwayson_scripts: {
          image_link?: string
          controlnet: { args: { image_link: string; enabled: boolean }[] }
        }
      }
      expect(submit.alwayson_scripts.image_link).toBeUndefined()
      expect(submit.alwayson_scripts.controlnet.args).toMatchObject([
        { enabled: true, image_link: first.result.url },
      ])
      expect(sim.uploadsTo(simulator)).toEqual([])
    },
  )
})
