import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { I18nextProvider } from 'react-i18next'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { QueueItem } from '#contract'
import { ClientProvider } from '../../../renderer/src/app/client-context'
import { createClient } from '../../../renderer/src/bridge'
import { QueueButton, QueueLimitSection, useQueueStore } from '../../../renderer/src/features/queue'
import { createI18n } from '../../../renderer/src/shared/i18n'
import { startQueueMain } from '../../support/queue-main'
import { giveTheListASize } from '../history/screen-helpers'

/*
 * The Queue button and drawer on the app's real services: the demo profile's queue, paused so
 * the plot's cells stay in it, then resumed so they go.
 */

type QueueMain = Awaited<ReturnType<typeof startQueueMain>>
let main: QueueMain | null = null
let restoreSize = () => {}
beforeEach(() => {
  useQueueStore.setState(useQueueStore.getInitialState(), true)
  restoreSize = giveTheListASize('queue-scroller')
})
afterEach(async () => {
  restoreSize()
  await main?.close()
  main = null
})

async function open(language: 'en' | 'zh-CN' = 'en', withLimit = false) {
  main = await startQueueMain()
  await main.call('queue.pause', {})
  await main.queuePlot('10, 20, 30', '1, 2')
  render(
    <I18nextProvider i18n={await createI18n(language)}>
      <ClientProvider client={createClient(main.transport)}>
        <QueueButton />
        {withLimit && <QueueLimitSection />}
      </ClientProvider>
    </I18nextProvider>,
  )
  return { user: userEvent.setup({ delay: null }), main }
}

const labels = () =>
  within(screen.getByRole('listbox', { name: 'Queued tasks' }))
    .getAllByRole('option')
    .map((row) => row.querySelector('.queue-label')?.textContent)

const listed = async (queue: QueueMain) =>
  (await queue.call<{ items: QueueItem[] }>('queue.list', {})).items.map((item) => item.label)

const slow = { timeout: 30_000 }

describe('the queue drawer', slow, () => {
  it('shows the live count on the button and the items with their state in the drawer', async () => {
    const { user } = await open()
    const button = await screen.findByRole('button', { name: 'Queue (paused), 6 waiting' })
    await user.click(button)
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Paused: 6 waiting · 0 still running · at most 2 at once',
    )
    const rows = within(screen.getByRole('listbox', { name: 'Queued tasks' })).getAllByRole('option')
    expect(rows).toHaveLength(6)
    for (const row of rows) expect(row).toHaveTextContent('paused')
  })

  it('reorders with Alt+↓/↑ and removes the selection with Delete', async () => {
    const { user, main } = await open()
    await user.click(await screen.findByRole('button', { name: /^Queue/ }))
    await screen.findByRole('listbox', { name: 'Queued tasks' })
    const before = await listed(main)
    expect(labels()).toEqual(before)
    const list = screen.getByRole('listbox', { name: 'Queued tasks' })
    await user.click(within(list).getAllByRole('option')[0] as HTMLElement)
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}')
    await waitFor(async () => expect(await listed(main)).toEqual([before[1], before[0], ...before.slice(2)]))
    await waitFor(() => expect(labels()).toEqual([before[1], before[0], ...before.slice(2)]))
    await user.keyboard('{Alt>}{ArrowUp}{/Alt}')
    await waitFor(async () => expect(await listed(main)).toEqual(before))
    // Select the first and third (Space toggles the focused row), then Delete.
    await user.keyboard('{ArrowDown}{ArrowDown} ')
    expect(screen.getByRole('button', { name: 'Remove selected (2)' })).toBeEnabled()
    await user.keyboard('{Delete}')
    await waitFor(async () =>
      expect(await listed(main)).toEqual([before[1], before[3], before[4], before[5]]),
    )
    expect(await screen.findByRole('button', { name: 'Queue (paused), 4 waiting' })).toBeInTheDocument()
  })

  it('resumes: the items are sent and leave the queue', async () => {
    const { user, main } = await open()
    await user.click(await screen.findByRole('button', { name: /^Queue/ }))
    await user.click(screen.getByRole('button', { name: 'Resume queue' }))
    expect(await screen.findByRole('button', { name: 'Pause queue' })).toBeInTheDocument()
    await main.services.queue.drained()
    expect(await screen.findByText(/Nothing is waiting/, {}, { timeout: 10_000 })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Queue, 0 waiting' })).toBeInTheDocument()
  })

  it('sets the concurrency limit in Settings, and refuses one out of bounds', async () => {
    const { user, main } = await open('en', true)
    const input = await screen.findByRole('spinbutton', { name: 'Tasks at once' })
    await user.clear(input)
    await user.type(input, '4')
    await user.click(screen.getByRole('button', { name: 'Save limit' }))
    expect(await screen.findByText('Saved: at most 4 at once.')).toBeInTheDocument()
    expect(await main.call<{ limit: number }>('queue.list', {})).toMatchObject({ limit: 4 })
    await user.clear(input)
    await user.type(input, '99')
    await user.click(screen.getByRole('button', { name: 'Save limit' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('Not saved: give a whole number from 1 to 16.')
  })

  it('speaks Chinese', async () => {
    const { user } = await open('zh-CN')
    await user.click(await screen.findByRole('button', { name: '队列（已暂停），6 个等待中' }))
    expect(await screen.findByRole('status')).toHaveTextContent(
      '已暂停：6 个等待 · 0 个仍在运行 · 同时最多 2 个',
    )
    expect(screen.getByRole('button', { name: '继续队列' })).toBeInTheDocument()
    expect(
      within(screen.getByRole('listbox', { name: '排队中的任务' })).getAllByRole('option')[0],
    ).toHaveTextContent('已暂停')
  })
})
