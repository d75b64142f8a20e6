// First: opens the connection and sends the first reads before the modules below run.
import { earlyClient } from './app/early-client'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { I18nextProvider } from 'react-i18next'
import { App } from './app/App'
import { ClientProvider } from './app/client-context'
import { createI18n, detectLanguage, storedLanguage } from './shared/i18n'
import './styles.css'
import './theme.css'

async function start() {
  const language = detectLanguage(storedLanguage(), navigator.languages)
  document.documentElement.lang = language
  const i18n = await createI18n(language)
  // One task boundary before the first render: the connection opened while the modules above were
  // evaluated, and its open event is handled only between tasks; the first reads go out with it,
  // and main answers them while the first screen renders instead of after.
  await new Promise((resolve) => setTimeout(resolve, 0))
  const root = document.getElementById('root')
  if (!root) throw new Error('index.html has no #root')
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <ClientProvider client={earlyClient}>
          <App />
        </ClientProvider>
      </I18nextProvider>
    </StrictMode>,
  )
}

void start()
