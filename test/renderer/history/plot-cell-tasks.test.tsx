import { render, screen, within } from '@testing-library/react'
import { I18nextProvider } from 'react-i18next'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { TaskRecord } from '#contract'
import { ClientProvider } from '../../../renderer/src/app/client-context'
import { createClient } from '../../../renderer/src/bridge'
import { HistoryScreen } from '../../../renderer/src/features/history/HistoryScreen'
import { useHistoryStore } from '../../../renderer/src/features/history/history-store'
import { TasksPanel } from '../../../renderer/src/features/workbench/TasksPanel'
import { useTasksStore } from '../../../renderer/src/features/workbench/tasks-store'
import { createI18n, type Language } from '../../../renderer/src/shared/i18n'
import { createHistoryMain, makeTaskRecord } from '../../support/history-main'
import { answersToHandlers, createInProcessMain } from '../../support/in-process-main'
import { useTempDirs } from '../../support/temp-dir'
import { giveTheListASize } from './screen-helpers'

/*
 * Every cell of a plot has the same prompt, so a cell's task names its place (the cell's axis
 * values) in the UI's language, in the history and on its task card. Tasks from before the values
 * were kept show nothing extra.
 */

const cell = (x: number, steps: number): TaskRecord =>
  makeTaskRecord({
    id: `cell-${x}`,
    prompt: 'a lighthouse at dusk',
    createdAt: 1_700_000_000_000 + x * 1000,
    plot: {
      plotId: 'plot-1',
      x,
      y: 0,
      z: 0,
      values: [
        { type: 'steps', value: steps },
        { type: 'sampler', value: 'Euler a' },
      ],
    },
  })

const records = [cell(0, 10), cell(1, 20), makeTaskRecord({ id: 'plain', prompt: 'a red fox' })]

describe('plot cells in the history', { timeout: 20_000 }, () => {
  const tempDir = useTempDirs()
  let restoreSize: () => void
  let main: ReturnType<typeof createHistoryMain> | undefined
  beforeAll(() => {
    restoreSize = giveTheListASize()
  })
  afterAll(() => restoreSize())
  beforeEach(() => useHistoryStore.setState(useHistoryStore.getInitialState(), true))
  afterEach(async () => {
    await main?.close()
    main = undefined
  })

  async function rows(language: Language) {
    main = createHistoryMain(await tempDir())
    main.store.importRecords(records.map((record) => JSON.stringify(record)).join('\n'), 'jsonl')
    render(
      <I18nextProvider i18n={await createI18n(language)}>
        <ClientProvider client={createClient(main.transport)}>
          <HistoryScreen onSendToWorkbench={() => undefined} />
        </ClientProvider>
      </I18nextProvider>,
    )
    await within(screen.getByRole('listbox')).findByRole('option', { name: /a red fox/ })
    return within(screen.getByRole('listbox')).getAllByRole('option')
  }

  it('name each cell by its axis values in Chinese', async () => {
    const [newest, second, first] = await rows('zh-CN')
    expect(newest).not.toHaveTextContent('X/Y/Z')
    expect(second).toHaveTextContent('X/Y/Z 图 · 步数：20 · Euler a')
    expect(first).toHaveTextContent('X/Y/Z 图 · 步数：10 · Euler a')
  })

  it('name each cell with A1111’s words in English', async () => {
    const [, second] = await rows('en')
    expect(second).toHaveTextContent('Plot · Steps: 20 · Euler a')
  })
})

describe("a plot cell's task card", () => {
  beforeEach(() => useTasksStore.setState({ tasks: [] }))

  it('names the cell in Chinese', async () => {
    const running = { ...cell(1, 20), status: 'running' } as TaskRecord
    const main = createInProcessMain(
      answersToHandlers({ 'tasks.active': { ok: true, value: { tasks: [running], progress: [] } } }),
    )
    render(
      <I18nextProvider i18n={await createI18n('zh-CN')}>
        <ClientProvider client={createClient(main.transport)}>
          <TasksPanel />
        </ClientProvider>
      </I18nextProvider>,
    )
    const card = await screen.findByRole('article', { name: /cell-1/ })
    expect(within(card).getByText('X/Y/Z 图 · 步数：20 · Euler a')).toBeInTheDocument()
  })
})
