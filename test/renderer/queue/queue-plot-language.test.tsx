import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { I18nextProvider } from 'react-i18next'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ClientProvider } from '../../../renderer/src/app/client-context'
import { createClient } from '../../../renderer/src/bridge'
import { QueueButton, useQueueStore } from '../../../renderer/src/features/queue'
import { createI18n } from '../../../renderer/src/shared/i18n'
import { startQueueMain } from '../../support/queue-main'
import { giveTheListASize } from '../history/screen-helpers'

/*
 * A plot's queued cells are named by their axis values in the UI's language: main sends the
 * values, the drawer words them (main's own line is English, for the CLI and logs).
 */

let main: Awaited<ReturnType<typeof startQueueMain>> | null = null
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

async function openDrawer(language: 'en' | 'zh-CN', button: RegExp, list: string) {
  main = await startQueueMain()
  await main.call('queue.pause', {})
  await main.queuePlot('10, 20', '1')
  render(
    <I18nextProvider i18n={await createI18n(language)}>
      <ClientProvider client={createClient(main.transport)}>
        <QueueButton />
      </ClientProvider>
    </I18nextProvider>,
  )
  await userEvent.setup({ delay: null }).click(await screen.findByRole('button', { name: button }))
  return within(await screen.findByRole('listbox', { name: list }))
    .getAllByRole('option')
    .map((row) => row.querySelector('.queue-label'))
}

describe("a plot's cells in the queue drawer", { timeout: 30_000 }, () => {
  it('are named in Chinese in the Chinese UI', async () => {
    const labels = await openDrawer('zh-CN', /^队列/, '排队中的任务')
    expect(labels.map((label) => label?.textContent)).toEqual([
      'X/Y/Z 图 · 步数：10 · 种子：1',
      'X/Y/Z 图 · 步数：20 · 种子：1',
    ])
    expect(labels[0]).toHaveAttribute('title', 'X/Y/Z 图 · 步数：10 · 种子：1')
  })

  it('are named with A1111’s words in the English UI', async () => {
    const labels = await openDrawer('en', /^Queue/, 'Queued tasks')
    expect(labels.map((label) => label?.textContent)).toEqual([
      'Plot · Steps: 10 · Seed: 1',
      'Plot · Steps: 20 · Seed: 1',
    ])
  })
})
