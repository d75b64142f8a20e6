import { lazy, Suspense, useLayoutEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { storeLanguage, supportedLanguages, switchLanguage, type Language } from '../shared/i18n'
import { WorkbenchScreen } from '../features/workbench/WorkbenchScreen'
import { useClient } from './client-context'
import { ViewerRoot } from '../features/viewer'
import { AppStatus } from './AppStatus'
import { ScreenNav } from './ScreenNav'
import { useScreenLinks } from './screen-links'
import { selectView, useUiStore, views, type View } from './ui-store'

// The workbench, the first screen, is part of the entry chunk: as a lazy chunk of its own it cost a
// request waterfall and a second render and layout before the prompt box showed (issue 13 §10; its
// CodeMirror editor still loads after the first paint, PromptEditor.tsx). The other screens load
// one chunk each when first shown.
const SettingsScreen = lazy(() =>
  import('../features/settings/SettingsScreen').then((m) => ({ default: m.SettingsScreen })),
)
const PresetsScreen = lazy(() =>
  import('../features/presets/PresetsScreen').then((m) => ({ default: m.PresetsScreen })),
)
const HistoryScreen = lazy(() =>
  import('../features/history/HistoryScreen').then((m) => ({ default: m.HistoryScreen })),
)
const ToolsScreen = lazy(() =>
  import('../features/tools/ToolsScreen').then((m) => ({ default: m.ToolsScreen })),
)
const TrainingScreen = lazy(() =>
  import('../features/training/TrainingScreen').then((m) => ({ default: m.TrainingScreen })),
)

/** One case per screen; presets and history hand their results to the workbench. */
function ViewContent({ view }: { view: View }) {
  const links = useScreenLinks(useClient())
  switch (view) {
    case 'workbench':
      return <WorkbenchScreen onOpenSettings={links.openSettings} />
    case 'settings':
      return <SettingsScreen />
    case 'presets':
      return (
        <PresetsScreen
          onApplyCheckpoint={links.applyCheckpoint}
          onInsertExtraNetwork={links.insertExtraNetwork}
          onApplyStyle={links.applyStyle}
          workbenchPrompts={links.workbenchPrompts}
          onOpenTrainingJob={links.openHistory}
        />
      )
    case 'history':
      return (
        <HistoryScreen
          onSendToWorkbench={(record) => void links.sendToWorkbench(record)}
          onSendImageTo={(target, record, index) => void links.sendImageTo(target, record, index)}
          onRerun={(record) => void links.rerun(record).catch(() => undefined)}
          onOpenTool={(toolId, record, index) => void links.openTool(toolId, record, index)}
          onOpenLora={links.openLoraPreset}
        />
      )
    case 'tools':
      return (
        <ToolsScreen
          onUsePrompt={links.usePrompt}
          onSendImageTo={(mode, record, index) => void links.sendImageTo(mode, record, index)}
          onOpenSettings={links.openSettings}
        />
      )
    case 'training':
      return (
        <TrainingScreen
          onOpenSettings={links.openSettings}
          onOpenHistory={links.openHistory}
          onOpenLora={links.openLoraPreset}
        />
      )
  }
}

export function App() {
  const { t, i18n } = useTranslation()
  const view = useUiStore(selectView)
  const showView = useUiStore((state) => state.showView)

  // Listening from the commit that first shows the app, not an effect later: the early connection
  // is often open by then, and a shortcut pressed as soon as the screen shows was lost.
  useLayoutEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey
      const index = Number(event.key) - 1
      if (mod && event.altKey === false && index >= 0 && index < views.length) {
        event.preventDefault()
        showView(views[index] as View)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [showView])

  const changeLanguage = (language: Language) => {
    storeLanguage(language)
    void switchLanguage(i18n, language)
    document.documentElement.lang = language
  }

  return (
    <div className="app">
      <header className="app-header">
        <h1>{t('app.title')}</h1>
        <ScreenNav view={view} onShow={showView} />
        <label className="language">
          {t('app.language')}
          <select value={i18n.language} onChange={(event) => changeLanguage(event.target.value as Language)}>
            {supportedLanguages.map((language) => (
              <option key={language} value={language}>
                {language === 'en' ? 'English' : '简体中文'}
              </option>
            ))}
          </select>
        </label>
      </header>
      <main className="app-main">
        <Suspense fallback={<p className="app-loading">{t('app.loading')}</p>}>
          <ViewContent view={view} />
        </Suspense>
      </main>
      <AppStatus />
      <ViewerRoot />
    </div>
  )
}
