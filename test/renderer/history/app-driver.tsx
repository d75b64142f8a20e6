import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { I18nextProvider } from 'react-i18next'
import { afterEach, beforeEach, expect } from 'vitest'
import type { TaskRecord } from '#contract'
import { App } from '../../../renderer/src/app/App'
import { ClientProvider } from '../../../renderer/src/app/client-context'
import { useUiStore } from '../../../renderer/src/app/ui-store'
import { createClient } from '../../../renderer/src/bridge'
import { useHistoryStore } from '../../../renderer/src/features/history/history-store'
import { useWorkbenchStore } from '../../../renderer/src/features/workbench/workbench-store'
import { createI18n } from '../../../renderer/src/shared/i18n'
import { createHistoryMain } from '../../support/history-main'

export type HistoryMain = ReturnType<typeof createHistoryMain>

/** Every store as the app starts, on the history screen. */
export function resetStores() {
  localStorage.clear()
  useHistoryStore.setState(useHistoryStore.getInitialState(), true)
  useWorkbenchStore.setState(useWorkbenchStore.getInitialState(), true)
  useUiStore.setState({ view: 'history' })
}

/**
 * For every test of the calling `describe`: the stores reset before it, and a history main in a
 * directory from `tempDir` (`useTempDirs()`) when the test asks, `const main = await newMain()`,
 * closed after it.
 */
export function withHistoryMains(tempDir: () => Promise<string>): () => Promise<HistoryMain> {
  const opened: HistoryMain[] = []
  beforeEach(resetStores)
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((main) => main.close()))
  })
  return async () => {
    const main = createHistoryMain(await tempDir())
    opened.push(main)
    return main
  }
}

/** One finished result of a task, its picture in `main`'s image cache. */
export async function cachedResult(main: HistoryMain, name: string, seed = 7) {
  return {
    url: `https://cdn.example/${name}.png`,
    seed,
    status: 1,
    auditPassed: true,
    auditLabels: [],
    cacheKey: await main.putImage(name),
  }
}

/** The whole app on the real history store and image cache, showing the history with `records`. */
export async function renderHistoryApp(
  main: HistoryMain,
  records: readonly TaskRecord[],
  language: 'en' | 'zh-CN' = 'en',
) {
  main.store.importRecords(records.map((record) => JSON.stringify(record)).join('\n'), 'jsonl')
  render(
    <I18nextProvider i18n={await createI18n(language)}>
      <ClientProvider client={createClient(main.transport)}>
        <App />
      </ClientProvider>
    </I18nextProvider>,
  )
  // Screens load lazily (one chunk each): wait for the shown one.
  await waitFor(() => expect(document.querySelector('.app-loading')).toBeNull())
  return userEvent.setup({ delay: null })
}

export const taskList = () => screen.getByRole('listbox', { name: /^(Tasks|任务)$/ })
