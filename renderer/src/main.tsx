import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { I18nextProvider } from 'react-i18next'
import { App } from './app/App'
import { ClientProvider } from './app/client-context'
import { useUiStore } from './app/ui-store'
import { createClient, createDefaultTransport, withWarmCalls } from './bridge'
import { workbenchFirstCalls } from './features/workbench/first-calls'
import { createI18n, detectLanguage, storedLanguage } from './shared/i18n'
import './styles.css'
import './theme.css'

async function start() {
  const language = detectLanguage(storedLanguage(), navigator.languages)
  document.documentElement.lang = language
  // The connection and the first screen's reads start before i18n, so they overlap its set-up.
  const transport = createDefaultTransport((status) => useUiStore.getState().setConnection(status))
  if (window.imgOpen) useUiStore.getState().setConnection('open')
  const client = withWarmCalls(createClient(transport), transport, workbenchFirstCalls)
  const i18n = await createI18n(language)
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
