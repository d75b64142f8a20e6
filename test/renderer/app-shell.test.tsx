import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { I18nextProvider } from 'react-i18next'
import { describe, expect, it } from 'vitest'
import { App } from '../../renderer/src/app/App'
import { ClientProvider } from '../../renderer/src/app/client-context'
import { createClient } from '../../renderer/src/bridge'
import { createI18n } from '../../renderer/src/shared/i18n'
import { answersToHandlers, createInProcessMain, type Answer } from '../support/in-process-main'

const fakeTransport = (answers: Record<string, Answer>) =>
  createInProcessMain(answersToHandlers(answers)).transport

const info = {
  name: 'Img Open Workbench',
  version: '9.9.9',
  edition: 'browser',
  platform: 'linux',
  dataDir: '/d',
  locale: 'en',
}

async function renderApp(language: 'en' | 'zh-CN') {
  const i18n = await createI18n(language)
  const client = createClient(fakeTransport({ 'app.info': { ok: true, value: info } }))
  render(
    <I18nextProvider i18n={i18n}>
      <ClientProvider client={client}>
        <App />
      </ClientProvider>
    </I18nextProvider>,
  )
}

describe('app shell', () => {
  it('shows the edition and version it got from main', async () => {
    await renderApp('en')
    expect(await screen.findByText('Browser edition')).toBeInTheDocument()
    expect(screen.getByText('Version 9.9.9')).toBeInTheDocument()
  })

  it('speaks Simplified Chinese and switches language from the header', async () => {
    await renderApp('zh-CN')
    expect(screen.getByRole('button', { name: '历史' })).toBeInTheDocument()
    await userEvent.selectOptions(screen.getByRole('combobox', { name: '语言' }), 'en')
    await waitFor(() => expect(screen.getByRole('button', { name: 'History' })).toBeInTheDocument())
  })

  it('loads Chinese when switched to from English', async () => {
    await renderApp('en')
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'zh-CN')
    expect(await screen.findByRole('button', { name: '历史' })).toBeInTheDocument()
    expect(document.documentElement.lang).toBe('zh-CN')
  })

  it('moves between screens with Ctrl+number', async () => {
    await renderApp('en')
    await userEvent.keyboard('{Control>}3{/Control}')
    expect(screen.getByRole('button', { name: 'History' })).toHaveAttribute('aria-current', 'page')
  })
})
