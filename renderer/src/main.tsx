// First: opens the connection and sends the first reads before the modules below run.
import { earlyClient } from './app/early-client'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { I18nextProvider } from 'react-i18next'
import { App } from './app/App'
import { ClientProvider } from './app/client-context'
import { preloadPresetAssets } from './features/workbench/use-preset-assets'
import { createI18n, detectLanguage, storedLanguage } from './shared/i18n'
import './styles.css'
import './theme.css'

/** How long the first render waits for the profile's presets (main answers in a few ms). */
const firstDataWaitMs = 150

async function start() {
  const language = detectLanguage(storedLanguage(), navigator.languages)
  document.documentElement.lang = language
  const i18n = await createI18n(language)
  // The first render shows the profile's presets: in the browser edition the early script sent the
  // reads while the chunks loaded (early/early-socket.ts), but its socket's events wait while the
  // chunks evaluate, so the answers often arrive just after. Rendering without them meant a second
  // render with them, and the pickers filled only after the editor's own chunk had loaded too. If
  // main does not answer soon, the screen shows without them and the pickers fill on arrival.
  const presets = preloadPresetAssets(earlyClient).catch(() => undefined)
  await Promise.race([presets, new Promise((resolve) => setTimeout(resolve, firstDataWaitMs))])
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
