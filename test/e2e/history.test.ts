import { describe, expect, it } from 'vitest'
import type { TaskRecord } from '#contract'
import { makeTaskRecord } from '../main/history/fixtures/task-records'
import { useAppInBrowser } from '../support/app-in-browser'

const taskCount = 2000
const oldest = 1_700_000_000_000

/** 2,000 tasks a second apart ("task number n, …") and one lighthouse among them. */
function prefilledTasks(): TaskRecord[] {
  const tasks = Array.from({ length: taskCount }, (_, index) =>
    makeTaskRecord({ prompt: `task number ${index}, a quiet street`, createdAt: oldest + index * 1000 }),
  )
  tasks[700] = makeTaskRecord({ prompt: 'a lighthouse in the storm', createdAt: oldest + 700 * 1000 })
  return tasks
}

describe('the history screen in Chromium', () => {
  const browserApp = useAppInBrowser()

  it('scrolls 2,000 tasks, finds one by a prompt word, opens it and deletes it', async () => {
    const { app: running, bridge } = await browserApp.start()
    const imported = running.history.importRecords(
      prefilledTasks()
        .map((task) => JSON.stringify(task))
        .join('\n'),
      'jsonl',
    )
    expect(imported.imported).toBe(taskCount)
    const page = await browserApp.newPage()
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.goto(bridge.url)

    await page.getByRole('button', { name: /^(History|历史)$/ }).click()
    const list = page.getByRole('listbox', { name: /Tasks|任务/ })
    await expect.poll(() => list.getByRole('option', { name: /^task number 1999,/ }).count()).toBe(1)
    // Virtualised: a screenful of rows exists, not 2,000.
    expect(await list.getByRole('option').count()).toBeLessThan(60)

    // Halfway down: rows there are fetched as they come into view.
    await list.evaluate((element) => {
      element.scrollTop = element.scrollHeight / 2
    })
    await expect.poll(() => list.getByRole('option', { name: /^task number 1000,/ }).count()).toBe(1)

    await page.getByRole('searchbox').fill('lighthouse')
    const match = list.getByRole('option', { name: 'a lighthouse in the storm' })
    await expect.poll(() => list.getByRole('option').count()).toBe(1)
    await match.dblclick()
    const detail = page.getByRole('complementary')
    await expect.poll(() => detail.getByText('a lighthouse in the storm').count()).toBe(1)

    await detail.getByRole('button', { name: /Delete task|删除任务/ }).click()
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /Delete 1|删除 1/ })
      .click()
    await expect.poll(() => page.getByText(/No task matches|没有符合/).count()).toBe(1)
    expect(running.history.query({}).total).toBe(taskCount - 1)
    expect(running.history.query({ text: 'lighthouse' }).total).toBe(0)
  })
})
