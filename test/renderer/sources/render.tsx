import { render } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { ReactElement } from 'react'
import { I18nextProvider } from 'react-i18next'
import { ClientProvider } from '../../../renderer/src/app/client-context'
import { createClient } from '../../../renderer/src/bridge'
import { createI18n, type Language } from '../../../renderer/src/shared/i18n'
import type { SourceMain } from './source-main'

/** Renders `ui` with the app's i18n and a bridge client on `main`, as the app shell does. */
export async function renderWithMain(ui: ReactElement, main: SourceMain, language: Language = 'en') {
  const i18n = await createI18n(language)
  const view = render(
    <I18nextProvider i18n={i18n}>
      <ClientProvider client={createClient(main.transport)}>{ui}</ClientProvider>
    </I18nextProvider>,
  )
  return { view, user: userEvent.setup() }
}
