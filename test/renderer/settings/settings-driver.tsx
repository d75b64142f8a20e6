import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { I18nextProvider } from 'react-i18next'
import { ClientProvider } from '../../../renderer/src/app/client-context'
import { createClient } from '../../../renderer/src/bridge'
import { SettingsScreen } from '../../../renderer/src/features/settings/SettingsScreen'
import { createI18n } from '../../../renderer/src/shared/i18n'
import { createFakeMain, type FakeMain } from './fake-main'

/** The settings screen on a fake main, once it lists the demo profile; `user` drives it. */
export async function renderSettings(main: FakeMain = createFakeMain(), language: 'en' | 'zh-CN' = 'en') {
  const i18n = await createI18n(language)
  const view = render(
    <I18nextProvider i18n={i18n}>
      <ClientProvider client={createClient(main.transport)}>
        <SettingsScreen />
      </ClientProvider>
    </I18nextProvider>,
  )
  await screen.findByRole('button', { name: /Demo \(offline simulator\)|演示/ })
  return { main, view, user: userEvent.setup() }
}
