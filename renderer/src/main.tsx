import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { I18nextProvider } from 'react-i18next'
import { App, preloadFirstScreen } from './app/App'
import { ClientProvider } from './app/client-context'
import { useUiStore } from './app/ui-store'
import { createClient, createDefaultTransport } from './bridge'
import { createI18n, detectLanguage, storedLanguage } from './shared/i18n'
import './styles.css'
import './theme.css'

async function start() {
  preloadFirstScreen()
  const language = detectLanguage(storedLanguage(), navigator.languages)
  document.documentElement.lang = language
  const i18n = await createI18n(language)
  const transport = createDefaultTransport((status) => useUiStore.getState().setConnection(status))
  if (window.imgOpen) useUiStore.getState().setConnection('open')
  const client = createClient(transport)
  const root = document.getElementById('root')
  if (!root) throw new Error('index.html has no #root')
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <ClientProvider client={client}>
          <App />
        </ClientProvider>
      </I18nextProvider>
    </StrictMode>,
  )
}

void start()
