import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { I18nextProvider } from 'react-i18next'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { TaskRecord, ToolId } from '#contract'
import { ClientProvider } from '../../../renderer/src/app/client-context'
import { createClient } from '../../../renderer/src/bridge'
import { HistoryScreen } from '../../../renderer/src/features/history/HistoryScreen'
import { useHistoryStore } from '../../../renderer/src/features/history/history-store'
import { createI18n, type Language } from '../../../renderer/src/shared/i18n'
import { createHistoryMain } from '../../support/history-main'
import { useTempDirs } from '../../support/temp-dir'
import { giveTheListASize } from './screen-helpers'

const base = {
  profileId: 'demo',
  profileName: 'Demo',
  status: 'succeeded' as const,
  description: null,
  finishedAt: 1_700_000_001_000,
  error: null,
  images: [],
}

const toolTask = (
  id: string,
  createdAt: number,
  fields: Partial<Extract<TaskRecord, { kind: 'tool' }>>,
): TaskRecord => ({
  ...base,
  id,
  kind: 'tool',
  toolId: 'interrogate',
  toolCode: 'interrogate',
  params: { image: 'https://in.example/cat.png', model: 'clip' },
  toolOutput: null,
  createdAt,
  updatedAt: createdAt,
  ...fields,
})

const records: TaskRecord[] = [
  toolTask('describe-1', 1_700_000_000_000, { toolOutput: { caption: 'a cat asleep on a red sofa' } }),
  toolTask('expand-1', 1_700_000_001_000, {
    toolId: 'promptExpand' satisfies ToolId,
    toolCode: 'prompts/expand',
    params: { sourcePrompt: 'a fox', mode: 0 },
    toolOutput: { prompts: ['a fox in snow, cinematic', 'a fox at dawn, soft light'] },
  }),
  {
    ...base,
    id: 'custom-1',
    kind: 'custom',
    path: '/AIGCImgOpenServ/saas/tool/hair/change',
    toolCode: 'hair/change',
    body: { imageUrl: 'https://in.example/me.png' },
    answer: { status: 1, hairUrl: 'https://out.example/hair.png' },
    media: [],
    createdAt: 1_700_000_002_000,
    updatedAt: 1_700_000_002_000,
  },
]

describe('tool tasks in the history', { timeout: 20_000 }, () => {
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

  async function renderHistory(language: Language = 'en') {
    main = createHistoryMain(await tempDir())
    main.store.importRecords(records.map((record) => JSON.stringify(record)).join('\n'), 'jsonl')
    const onRerun = vi.fn<(record: TaskRecord) => void>()
    const user = userEvent.setup({ delay: null })
    render(
      <I18nextProvider i18n={await createI18n(language)}>
        <ClientProvider client={createClient(main.transport)}>
          <HistoryScreen onRerun={onRerun} onSendToWorkbench={() => undefined} />
        </ClientProvider>
      </I18nextProvider>,
    )
    return { user, onRerun }
  }

  const list = () => screen.getByRole('listbox', { name: 'Tasks' })

  it('names each tool task by its tool, shows what it was about, and its output in the details', async () => {
    const { user, onRerun } = await renderHistory()
    const describeRow = await within(list()).findByRole('option', { name: /a cat asleep on a red sofa/ })
    expect(within(describeRow).getByText('Describe image')).toBeInTheDocument()
    const expandRow = within(list()).getByRole('option', { name: /^a fox/ })
    expect(within(expandRow).getByText('Prompt expansion')).toBeInTheDocument()
    const customRow = within(list()).getByRole('option', { name: '/AIGCImgOpenServ/saas/tool/hair/change' })
    expect(within(customRow).getByText('Custom request')).toBeInTheDocument()

    await user.dblClick(expandRow)
    const detail = await screen.findByRole('complementary', { name: 'Task details' })
    const output = within(detail).getByRole('region', { name: 'Output' })
    expect(within(output).getByText('1. a fox in snow, cinematic')).toBeInTheDocument()
    expect(within(output).getByText('2. a fox at dawn, soft light')).toBeInTheDocument()
    expect(within(detail).getByRole('rowheader', { name: 'sourcePrompt' })).toBeInTheDocument()
    await user.click(within(detail).getByRole('button', { name: 'Re-run' }))
    expect(onRerun).toHaveBeenCalledWith(expect.objectContaining({ id: 'expand-1', kind: 'tool' }))

    await user.dblClick(customRow)
    const custom = await screen.findByRole('complementary', { name: 'Task details' })
    expect(within(custom).getByText(/"hairUrl": "https:\/\/out.example\/hair.png"/)).toBeInTheDocument()
  })

  it('speaks Chinese', async () => {
    await renderHistory('zh-CN')
    const row = await within(screen.getByRole('listbox')).findByRole('option', { name: /a cat asleep/ })
    expect(within(row).getByText('图转文')).toBeInTheDocument()
    expect(within(screen.getByRole('listbox')).getByText('自定义请求')).toBeInTheDocument()
  })
})
