import { act, fireEvent, render, screen } from '@testing-library/react'
import { I18nextProvider } from 'react-i18next'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { App } from '../../renderer/src/app/App'
import { ClientProvider } from '../../renderer/src/app/client-context'
import { useUiStore } from '../../renderer/src/app/ui-store'
import { createClient } from '../../renderer/src/bridge'
import { resultDragType } from '../../renderer/src/features/sources'
import { createI18n } from '../../renderer/src/shared/i18n'
import { createInProcessMain } from '../support/in-process-main'

/** Main serves nothing (every call: not_found): these tests are about the header, whatever the screens show. */
const silentTransport = createInProcessMain({}).transport

/** What a drag carries as the screens see it (jsdom has no DataTransfer). */
const dragOf = (...types: string[]) => ({ dataTransfer: { types, dropEffect: 'none', getData: () => '' } })

async function renderApp(language: 'en' | 'zh-CN' = 'en') {
  const i18n = await createI18n(language)
  render(
    <I18nextProvider i18n={i18n}>
      <ClientProvider client={createClient(silentTransport)}>
        <App />
      </ClientProvider>
    </I18nextProvider>,
  )
  // The history screen has asked main for its first page and shown that it got none.
  await screen.findByRole('button', { name: language === 'en' ? 'Retry' : '重试' })
}

const tab = (name: string) => screen.getByRole('button', { name })
const wait = (ms: number) => act(() => vi.advanceTimersByTime(ms))

describe('spring-loaded navigation', () => {
  beforeEach(() => {
    useUiStore.setState({ view: 'history' })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('opens the workbench when a dragged result rests on its tab for 600 ms', async () => {
    await renderApp()
    vi.useFakeTimers()
    fireEvent.dragEnter(tab('Workbench'), dragOf(resultDragType))
    expect(tab('Workbench')).toHaveAttribute('data-spring-armed', 'true')
    fireEvent.dragOver(tab('Workbench'), dragOf(resultDragType))
    await wait(599)
    expect(tab('History')).toHaveAttribute('aria-current', 'page')
    await wait(1)
    expect(tab('Workbench')).toHaveAttribute('aria-current', 'page')
    expect(tab('Workbench')).not.toHaveAttribute('data-spring-armed')
  })

  it('does the same on the Chinese tab', async () => {
    await renderApp('zh-CN')
    vi.useFakeTimers()
    fireEvent.dragEnter(tab('工作台'), dragOf('text/uri-list', resultDragType))
    await wait(600)
    expect(tab('工作台')).toHaveAttribute('aria-current', 'page')
  })

  it('stays when the drag leaves the tab or drops before the delay', async () => {
    await renderApp()
    vi.useFakeTimers()
    fireEvent.dragEnter(tab('Workbench'), dragOf(resultDragType))
    await wait(400)
    fireEvent.dragLeave(tab('Workbench'), dragOf(resultDragType))
    expect(tab('Workbench')).not.toHaveAttribute('data-spring-armed')
    await wait(1000)
    expect(tab('History')).toHaveAttribute('aria-current', 'page')

    // Coming back starts the countdown afresh, and a drop stops it too.
    fireEvent.dragEnter(tab('Workbench'), dragOf(resultDragType))
    await wait(400)
    fireEvent.drop(tab('Workbench'), dragOf(resultDragType))
    await wait(1000)
    expect(tab('History')).toHaveAttribute('aria-current', 'page')
  })

  it('ignores drags that are not a result (files, links, text) and tabs of other screens', async () => {
    await renderApp()
    vi.useFakeTimers()
    fireEvent.dragEnter(tab('Workbench'), dragOf('Files'))
    fireEvent.dragEnter(tab('Workbench'), dragOf('text/uri-list', 'text/plain'))
    fireEvent.dragEnter(tab('Presets'), dragOf(resultDragType))
    fireEvent.dragEnter(tab('Settings'), dragOf(resultDragType))
    await wait(2000)
    expect(tab('History')).toHaveAttribute('aria-current', 'page')
    expect(tab('Workbench')).not.toHaveAttribute('data-spring-armed')
  })
})
