import { cleanup, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { I18nextProvider } from 'react-i18next'
import { afterEach, describe, expect, it } from 'vitest'
import type { QueueItem } from '#contract'
import { ClientProvider } from '../../../renderer/src/app/client-context'
import { useUiStore } from '../../../renderer/src/app/ui-store'
import { createClient } from '../../../renderer/src/bridge'
import { useDynamicPrompts } from '../../../renderer/src/features/dynamic-prompts'
import { useUploadConsents } from '../../../renderer/src/features/sources'
import { useTasksStore } from '../../../renderer/src/features/workbench/tasks-store'
import { WorkbenchScreen } from '../../../renderer/src/features/workbench/WorkbenchScreen'
import { useWorkbenchStore } from '../../../renderer/src/features/workbench/workbench-store'
import { createI18n } from '../../../renderer/src/shared/i18n'
import { startQueueMain } from '../../support/queue-main'
import { validDraft } from '../workbench/workbench-driver'

/*
 * A dynamic-prompts batch from the workbench on the app's real services (demo profile, its
 * simulator, the history database, the queue): its tasks go into the queue, wait there while it
 * is paused (no card, no history record), and get cards once the queue sends them.
 */

type QueueMain = Awaited<ReturnType<typeof startQueueMain>>
let main: QueueMain | null = null
afterEach(async () => {
  // Unmounted first: the screen's own reads and writes (presets, settings) end before the folder goes.
  cleanup()
  await main?.close()
  main = null
})

async function openWorkbench(language: 'en' | 'zh-CN', prompt: string) {
  main = await startQueueMain()
  localStorage.clear()
  useWorkbenchStore.setState(useWorkbenchStore.getInitialState(), true)
  useUploadConsents.setState(useUploadConsents.getInitialState(), true)
  useUiStore.setState(useUiStore.getInitialState(), true)
  useTasksStore.setState(useTasksStore.getInitialState(), true)
  useWorkbenchStore.getState().applyParams({ ...validDraft, prompt, width: 64, height: 64 })
  render(
    <I18nextProvider i18n={await createI18n(language)}>
      <ClientProvider client={createClient(main.transport)}>
        <WorkbenchScreen />
      </ClientProvider>
    </I18nextProvider>,
  )
  useDynamicPrompts.setState(useDynamicPrompts.getInitialState(), true)
  return { user: userEvent.setup({ delay: null }), main }
}

const queued = async (queue: QueueMain) => (await queue.call<{ items: QueueItem[] }>('queue.list', {})).items

const cards = () => screen.queryAllByRole('article', { name: /^Task / })

describe('a dynamic-prompts batch from the workbench', { timeout: 30_000 }, () => {
  it('goes through the queue: shown as waiting there, then as task cards once sent', async () => {
    const { user, main: queue } = await openWorkbench('en', 'a {red|blue} cat')
    await queue.call('queue.pause', {})
    await user.selectOptions(screen.getByRole('combobox', { name: 'Mode' }), 'combinatorial')
    expect(await screen.findByText('2 prompts (of 2 combinations) will be sent')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Generate' }))

    expect(
      await screen.findByText(
        '2 tasks queued; 2 still waiting in the queue (each gets a card when it is sent).',
      ),
    ).toBeInTheDocument()
    const items = await queued(queue)
    expect(items.map((item) => [item.label, item.state])).toEqual([
      ['a red cat', 'paused'],
      ['a blue cat', 'paused'],
    ])
    // Not sent yet: no history record, so no card and no false "failed".
    for (const item of items) expect(queue.services.history.get(item.taskId)).toBeNull()
    expect(cards()).toHaveLength(0)

    await queue.call('queue.resume', {})
    expect(
      await screen.findByText('All 2 queued tasks were sent.', {}, { timeout: 20_000 }),
    ).toBeInTheDocument()
    await waitFor(() => expect(cards()).toHaveLength(2))
    const ids = cards().map((card) => card.getAttribute('aria-label'))
    expect(ids.sort()).toEqual(items.map((item) => `Task ${item.taskId}`).sort())
    await waitFor(async () => expect(await queued(queue)).toEqual([]))
  })

  it('says so in Chinese', async () => {
    const { user, main: queue } = await openWorkbench('zh-CN', 'a {red|blue} cat')
    await queue.call('queue.pause', {})
    useDynamicPrompts.setState({ mode: 'combinatorial' })
    await user.click(screen.getByRole('button', { name: '生成' }))
    expect(
      await screen.findByText('已将 2 个任务加入队列；2 个仍在队列中等待（发送后各自显示任务卡片）。'),
    ).toBeInTheDocument()
    expect(await queued(queue)).toHaveLength(2)
  })
})
