import { describe, expect, it } from 'vitest'
import { taskText } from '#contract'
import { patience, ui, useAppOnSimulator } from './image-flow-kit'

describe('dynamic prompts in Chromium against the simulator', () => {
  const openApp = useAppOnSimulator()

  it(
    'previews 2 prompts for {red|blue} in combinatorial mode and generates 2 tasks with the expanded prompts',
    { timeout: 180_000 },
    async () => {
      const { app, page } = await openApp()
      const template = 'a {red|blue} kite over the sea'
      await ui.startDraft(page, template)

      await page.getByRole('combobox', { name: 'Mode', exact: true }).selectOption('combinatorial')
      const count = page.getByTestId('dynamic-count')
      await expect
        .poll(() => count.textContent(), patience)
        .toBe('2 prompts (of 2 combinations) will be sent')
      const preview = page.getByRole('list', { name: 'Expanded prompts' }).getByRole('listitem')
      expect(await preview.allTextContents()).toEqual(['a red kite over the sea', 'a blue kite over the sea'])
      // The editor shows which parts are dynamic.
      const prompt = page.getByRole('textbox', { name: 'Prompt', exact: true })
      expect(await prompt.locator('.cm-dynamic-brace').allTextContents()).toEqual(['{', '}'])

      await page.getByRole('button', { name: 'Generate', exact: true }).click()
      const cards = ui.taskCards(page)
      await expect.poll(() => cards.count(), patience).toBe(2)
      await expect
        .poll(() => cards.getByTestId('task-status').allTextContents(), patience)
        .toEqual(['Done', 'Done'])

      await ui.navTab(page, 'History').click()
      const rows = page.getByRole('listbox', { name: 'Tasks' }).getByRole('option')
      await expect.poll(() => rows.count(), patience).toBe(2)
      const texts = (await rows.allTextContents()).join('\n')
      expect(texts).toContain('a red kite over the sea')
      expect(texts).toContain('a blue kite over the sea')
      const records = app.history.query({}).items
      expect(records.map((record) => taskText(record).prompt).sort()).toEqual([
        'a blue kite over the sea',
        'a red kite over the sea',
      ])
      for (const record of records) expect(record.promptTemplate).toBe(template)
    },
  )
})
