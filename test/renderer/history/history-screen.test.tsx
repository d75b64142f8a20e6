import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { I18nextProvider } from 'react-i18next'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { taskText, type TaskRecord } from '#contract'
import { ClientProvider } from '../../../renderer/src/app/client-context'
import { createClient } from '../../../renderer/src/bridge'
import { HistoryScreen } from '../../../renderer/src/features/history/HistoryScreen'
import { useHistoryStore } from '../../../renderer/src/features/history/history-store'
import { createI18n } from '../../../renderer/src/shared/i18n'
import { createHistoryMain, makeTaskRecord } from '../../support/history-main'
import { useTempDirs } from '../../support/temp-dir'
import { giveFilesText, giveTheListASize, readBlob } from './screen-helpers'

const oldest = 1_700_000_000_000

/** `count` tasks, one second apart; task n's prompt is "task number n, …". */
const numberedTasks = (
  count: number,
  extra: (index: number) => Partial<Parameters<typeof makeTaskRecord>[0]> = () => ({}),
) =>
  Array.from({ length: count }, (_, index) =>
    makeTaskRecord({
      prompt: `task number ${index}, a quiet street`,
      createdAt: oldest + index * 1000,
      ...extra(index),
    }),
  )

describe('the history screen', { timeout: 20_000 }, () => {
  const tempDir = useTempDirs()
  let restoreSize: () => void
  let main: ReturnType<typeof createHistoryMain> | undefined
  beforeAll(() => {
    restoreSize = giveTheListASize()
    giveFilesText()
  })
  afterAll(() => restoreSize())
  beforeEach(() => useHistoryStore.setState(useHistoryStore.getInitialState(), true))
  afterEach(async () => {
    await main?.close()
    main = undefined
  })

  async function renderScreen(records: readonly TaskRecord[]) {
    main = createHistoryMain(await tempDir())
    // One transaction for all: inserting one by one fsyncs each.
    main.store.importRecords(records.map((record) => JSON.stringify(record)).join('\n'), 'jsonl')
    const onSendToWorkbench = vi.fn<(record: TaskRecord) => void>()
    const onRerun = vi.fn<(record: TaskRecord) => void>()
    const user = userEvent.setup({ delay: null })
    render(
      <I18nextProvider i18n={await createI18n('en')}>
        <ClientProvider client={createClient(main.transport)}>
          <HistoryScreen onSendToWorkbench={onSendToWorkbench} onRerun={onRerun} />
        </ClientProvider>
      </I18nextProvider>,
    )
    return { main, user, onSendToWorkbench, onRerun }
  }

  const list = () => screen.getByRole('listbox', { name: 'Tasks' })
  const option = (name: string | RegExp) => within(list()).findByRole('option', { name })
  const listCalls = (history: ReturnType<typeof createHistoryMain>) =>
    history.calls
      .filter((call) => call.method === 'history.list')
      .map((call) => call.input as Record<string, unknown>)

  it('shows the newest page first and only the rows in view, fetched page by page', async () => {
    const { main } = await renderScreen(numberedTasks(250))
    expect(await option(/^task number 249,/)).toBeInTheDocument()
    expect(screen.getByText('Tasks: 250')).toBeInTheDocument()
    const rendered = within(list()).getAllByRole('option')
    expect(rendered.length).toBeLessThan(30)
    expect(rendered[0]).toHaveAttribute('aria-setsize', '250')
    expect(listCalls(main)).toEqual([
      expect.objectContaining({ offset: 0, limit: 100, sort: 'createdAt', direction: 'desc' }),
    ])
  })

  it('searches prompts through history.list once typing pauses', async () => {
    const records = [
      ...numberedTasks(30),
      makeTaskRecord({ prompt: 'a lighthouse in the storm', createdAt: oldest - 1000 }),
    ]
    const { main, user } = await renderScreen(records)
    await option(/^task number 29,/)
    await user.type(screen.getByRole('searchbox', { name: 'Search prompts' }), 'lighthouse')
    expect(await option('a lighthouse in the storm')).toBeInTheDocument()
    await waitFor(() => expect(within(list()).getAllByRole('option')).toHaveLength(1))
    const texts = listCalls(main).flatMap((input) => (input.text === undefined ? [] : [input.text]))
    expect(texts.at(-1)).toBe('lighthouse')
    expect(texts.length).toBeLessThan('lighthouse'.length)
  })

  it('focuses the search box with Ctrl+F', async () => {
    const { user } = await renderScreen(numberedTasks(3))
    await option(/^task number 2,/)
    await user.keyboard('{Control>}f{/Control}')
    expect(screen.getByRole('searchbox', { name: 'Search prompts' })).toHaveFocus()
  })

  it('selects a range with Shift-click and deletes it after confirmation', async () => {
    const { main, user } = await renderScreen(numberedTasks(6))
    await user.click(await option(/^task number 5,/))
    await user.keyboard('{Shift>}')
    await user.click(await option(/^task number 3,/))
    await user.keyboard('{/Shift}')
    await waitFor(() => expect(within(list()).getAllByRole('option', { selected: true })).toHaveLength(3))
    expect(screen.getByText(/selected: 3/)).toBeInTheDocument()

    await user.keyboard('{Delete}')
    const dialog = screen.getByRole('dialog', { name: 'Delete tasks (3)?' })
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(main.store.query({}).total).toBe(6)

    await user.click(screen.getByRole('button', { name: 'Delete selected (3)' }))
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete 3' }))
    expect(await screen.findByText('Deleted 3 tasks.')).toBeInTheDocument()
    expect(main.store.query({}).items.map((item) => taskText(item).prompt.split(',')[0])).toEqual([
      'task number 2',
      'task number 1',
      'task number 0',
    ])
    await waitFor(() => expect(within(list()).getAllByRole('option')).toHaveLength(3))
  })

  it('selects every task with Ctrl+A and moves the cursor with the arrow keys', async () => {
    const { user } = await renderScreen(numberedTasks(4))
    await user.click(await option(/^task number 3,/))
    await user.keyboard('{ArrowDown}{ArrowDown}')
    expect(await option(/^task number 1,/)).toHaveAttribute('aria-selected', 'true')
    expect(list()).toHaveAttribute('aria-activedescendant', 'history-option-2')
    await user.keyboard('{Control>}a{/Control}')
    expect(within(list()).getAllByRole('option', { selected: true })).toHaveLength(4)
    await user.keyboard('{Delete}')
    expect(screen.getByRole('dialog', { name: 'Delete tasks (4)?' })).toBeInTheDocument()
  })

  it('opens every detail of a task with Enter and sends its parameters to the workbench', async () => {
    // Flagged by the audit; its cache key names no cached file, so it shows without a thumbnail.
    const image = {
      url: 'https://aigcoss.zhiqiteai.cn/x.png',
      seed: 424242,
      status: 2,
      auditPassed: false,
      auditLabels: ['nsfw'],
      cacheKey: 'a'.repeat(64),
    }
    const record = makeTaskRecord({
      prompt: 'a red fox in snow',
      vae: 'kl-f8-anime2.ckpt',
      params: { steps: 31, cfg_scale: 6.5 },
      status: 'failed',
      error: {
        code: 'server',
        message: 'The service failed.',
        details: { serviceMessage: '任务失败: out of memory' },
      },
      images: [image],
    })
    const { user, onSendToWorkbench, onRerun } = await renderScreen([record])
    await user.click(await option('a red fox in snow'))
    expect(within(list()).getByText('Flagged by audit')).toBeInTheDocument()
    await user.keyboard('{Enter}')
    const detail = await screen.findByRole('complementary', { name: 'Task details' })
    const parameters = within(detail).getByRole('table', { name: 'Parameters' })
    // Fields in the workbench's words, never raw API keys (the key stays as the row header's title).
    expect(within(parameters).getByRole('row', { name: 'Steps 31' })).toBeInTheDocument()
    expect(within(parameters).getByRole('row', { name: 'CFG scale 6.5' })).toBeInTheDocument()
    const vae = within(parameters).getByRole('row', { name: 'VAE kl-f8-anime2.ckpt' })
    expect(within(vae).getByRole('rowheader')).toHaveAttribute('title', 'alwayson_scripts.sd_vae')
    expect(within(parameters).queryByText(/alwayson_scripts|n_iter/)).toBeNull()
    expect(within(detail).getByText('Seed 424242')).toBeInTheDocument()
    // The service's Chinese status text in our words, the raw text kept secondary.
    expect(within(detail).getByRole('note')).toHaveTextContent(
      'Failed · out of memory (service: “任务失败: out of memory”)',
    )
    expect(within(detail).getByText(`Main (${record.profileId})`)).toBeInTheDocument()
    expect(within(detail).getByText(record.id)).toBeInTheDocument()

    await user.click(within(detail).getByRole('button', { name: 'Send to workbench' }))
    const sameTask = expect.objectContaining({ id: record.id, kind: 'text2image', params: record.params })
    expect(onSendToWorkbench).toHaveBeenCalledWith(sameTask)
    await user.click(within(detail).getByRole('button', { name: 'Re-run' }))
    expect(onRerun).toHaveBeenCalledWith(sameTask)
    await user.click(within(detail).getByRole('button', { name: 'Copy parameters' }))
    await screen.findByText('Parameters copied in A1111 format.')
    const copied = await navigator.clipboard.readText()
    expect(copied).toMatch(/^a red fox in snow\n/)
    expect(copied).toContain('Steps: 31')
  })

  it('shows the cached thumbnail of a task', async () => {
    const history = createHistoryMain(await tempDir())
    main = history
    const cacheKey = await history.putImage('fox')
    const image = { url: 'https://x/y.png', seed: 1, status: 2, auditPassed: true, auditLabels: [], cacheKey }
    history.store.insert(makeTaskRecord({ prompt: 'a fox with a thumbnail', images: [image] }))
    render(
      <I18nextProvider i18n={await createI18n('en')}>
        <ClientProvider client={createClient(history.transport)}>
          <HistoryScreen />
        </ClientProvider>
      </I18nextProvider>,
    )
    const row = await option('a fox with a thumbnail')
    const thumbnail = await within(row).findByRole('img', { name: 'Thumbnail' })
    expect(thumbnail.getAttribute('src')).toMatch(/^data:image\/webp;base64,/)
  })

  it('updates a visible row when main pushes a changed task', async () => {
    const record = makeTaskRecord({ prompt: 'a task still running', status: 'running' })
    const { main } = await renderScreen([record])
    const row = await option('a task still running')
    expect(within(row).getByText('Running')).toBeInTheDocument()
    const finished = main.store.update(record.id, { status: 'succeeded' })
    act(() => main.emit('tasks.changed', finished))
    expect(await within(await option('a task still running')).findByText('Succeeded')).toBeInTheDocument()
  })

  it('exports the selection as a CSV download and imports a JSON Lines file, reporting bad lines', async () => {
    const created: Blob[] = []
    const createObjectURL = vi.fn((blob: Blob) => {
      created.push(blob)
      return 'blob:history-export'
    })
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }))
    const chosen = makeTaskRecord({ prompt: 'export me, please', createdAt: oldest + 99_000 })
    const { main, user } = await renderScreen([...numberedTasks(2), chosen])
    await user.click(await option('export me, please'))
    await user.selectOptions(screen.getByRole('combobox', { name: 'Export format' }), 'csv')
    await user.click(screen.getByRole('button', { name: 'Export selected' }))
    expect(
      await screen.findByText(/^Exported 1 tasks as img-open-history-\d{8}-\d{6}\.csv\.$/),
    ).toBeInTheDocument()
    const csv = await readBlob(created[0])
    expect(csv.split('\n')[0]).toMatch(/^id,kind,status,/)
    expect(csv).toContain(chosen.id)

    const incoming = [makeTaskRecord({ prompt: 'imported one' }), makeTaskRecord({ prompt: 'imported two' })]
    const text = [JSON.stringify(incoming[0]), '{"not": "a task"}', JSON.stringify(incoming[1])].join('\n')
    await user.upload(screen.getByLabelText('Import export file'), new File([text], 'tasks.jsonl'))
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /^Imported 2 tasks; 0 were already in the history; 1 lines could not be read \(#2: Not a task record/,
    )
    expect(main.store.query({}).total).toBe(5)
    expect(await screen.findByText(/^Tasks: 5/)).toBeInTheDocument()
    vi.unstubAllGlobals()
  })

  it('tells the user once about a damaged history file that was kept aside', async () => {
    const history = createHistoryMain(await tempDir(), { damagedFile: true })
    main = history
    const user = userEvent.setup({ delay: null })
    render(
      <I18nextProvider i18n={await createI18n('en')}>
        <ClientProvider client={createClient(history.transport)}>
          <HistoryScreen />
        </ClientProvider>
      </I18nextProvider>,
    )
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent(
      /The history file was damaged\. 0 tasks were recovered; the damaged file was kept as history\.corrupt-/,
    )
    await user.click(within(alert).getByRole('button', { name: 'Dismiss' }))
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    await waitFor(() => expect(history.store.pendingRecovery()).toBeNull())
  })

  it('says when the archive does not know a task id', async () => {
    const { user } = await renderScreen(numberedTasks(1))
    await user.click(screen.getByRole('button', { name: 'Look up a task by ID' }))
    const dialog = screen.getByRole('dialog', { name: 'Look up a task in the service archive' })
    await user.type(within(dialog).getByLabelText('Task ID'), 'no-such-task')
    await user.click(within(dialog).getByRole('button', { name: 'Look up' }))
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The service has no task with this ID.',
    )
  })
})
