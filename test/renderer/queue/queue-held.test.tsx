import { cleanup, render, screen, waitFor, within } from '@testing-library/react'
import { I18nextProvider } from 'react-i18next'
import { afterEach, describe, expect, it } from 'vitest'
import { ClientProvider } from '../../../renderer/src/app/client-context'
import { createClient } from '../../../renderer/src/bridge'
import { HistoryScreen } from '../../../renderer/src/features/history/HistoryScreen'
import { useHistoryStore } from '../../../renderer/src/features/history/history-store'
import { useHeldTasks } from '../../../renderer/src/features/queue'
import { useTasksStore } from '../../../renderer/src/features/workbench/tasks-store'
import { TasksPanel } from '../../../renderer/src/features/workbench/TasksPanel'
import { createI18n } from '../../../renderer/src/shared/i18n'
import { startRefusingMain } from '../../support/queue-refused-main'
import { giveTheListASize } from '../history/screen-helpers'

/*
 * A task the service refused with "too many tasks" is recorded failed while the queue holds it to
 * send again under the same id. On the app's real services and a simulator that allows one task at
 * a time (the profile's limit is 2), the task card and the history row say it waits to retry in
 * the queue, not that it failed. The queue's clock is held still, so the retry never comes.
 */

let main: Awaited<ReturnType<typeof startRefusingMain>> | null = null
afterEach(async () => {
  cleanup()
  await main?.close()
  main = null
})

async function openApp() {
  main = await startRefusingMain()
  return main
}

describe('a task the queue holds after "too many tasks"', { timeout: 40_000 }, () => {
  it('shows as waiting to retry on its task card, not as failed', async () => {
    useTasksStore.setState(useTasksStore.getInitialState(), true)
    useHeldTasks.setState(useHeldTasks.getInitialState(), true)
    const { refuseOne, transport } = await openApp()
    render(
      <I18nextProvider i18n={await createI18n('en')}>
        <ClientProvider client={createClient(transport)}>
          <TasksPanel />
        </ClientProvider>
      </I18nextProvider>,
    )
    // The panel is open while the tasks go, as on the workbench.
    const { first, second } = await refuseOne()
    expect(main?.history.get(second)?.status).toBe('failed')
    const card = await screen.findByRole('article', { name: `Task ${second}` })
    await waitFor(() =>
      expect(within(card).getByTestId('task-status')).toHaveTextContent('Waiting to retry (queue)'),
    )
    expect(
      within(card).getByText(
        'The service answered “too many tasks”; the queue sends it again under the same id.',
      ),
    ).toBeInTheDocument()
    expect(within(card).queryByText('Failed')).toBeNull()
    expect(within(card).queryByRole('alert')).toBeNull()
    // The task that was let through is shown as it is.
    const running = await screen.findByRole('article', { name: `Task ${first}` })
    expect(within(running).getByTestId('task-status')).not.toHaveTextContent('Waiting to retry (queue)')
  })

  it('shows as waiting to retry in the history, in Chinese too', async () => {
    const restore = giveTheListASize()
    try {
      useHistoryStore.setState(useHistoryStore.getInitialState(), true)
      useHeldTasks.setState(useHeldTasks.getInitialState(), true)
      const { refuseOne, transport } = await openApp()
      const { second } = await refuseOne()
      render(
        <I18nextProvider i18n={await createI18n('zh-CN')}>
          <ClientProvider client={createClient(transport)}>
            <HistoryScreen />
          </ClientProvider>
        </I18nextProvider>,
      )
      const row = await waitFor(() => {
        const found = document.querySelector(`[data-task-id="${second}"]`)
        if (!(found instanceof HTMLElement)) throw new Error('no row yet')
        return found
      })
      await waitFor(() => expect(within(row).getByText('等待重试（队列）')).toBeInTheDocument())
      expect(within(row).queryByText('失败')).toBeNull()
      expect(row.querySelector('.history-reason')).toBeNull()
    } finally {
      restore()
    }
  })
})
