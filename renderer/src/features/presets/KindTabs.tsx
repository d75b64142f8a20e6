import type { KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { presetTabs, selectPage, usePresetsStore, type PresetTab } from './presets-store'

export const tabId = (tab: PresetTab) => `preset-tab-${tab}`
export const panelId = 'preset-tab-panel'

/** Kind tabs with their counts; arrow keys move between them as in any tab list. */
export function KindTabs() {
  const { t } = useTranslation()
  const current = usePresetsStore((state) => state.tab)
  const setTab = usePresetsStore((state) => state.setTab)
  const counts = usePresetsStore(selectPage)?.counts

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
    if (step === 0) return
    event.preventDefault()
    const index = (presetTabs.indexOf(current) + step + presetTabs.length) % presetTabs.length
    const next = presetTabs[index] ?? current
    setTab(next)
    document.getElementById(tabId(next))?.focus()
  }

  return (
    <div role="tablist" className="preset-tabs" aria-label={t('presets.tabs.label')} onKeyDown={onKeyDown}>
      {presetTabs.map((tab) => {
        const count = tab === 'styles' ? undefined : counts?.[tab]
        return (
          <button
            key={tab}
            id={tabId(tab)}
            type="button"
            role="tab"
            aria-selected={tab === current}
            aria-controls={panelId}
            tabIndex={tab === current ? 0 : -1}
            onClick={() => setTab(tab)}
          >
            {t(`presets.tabs.${tab}`)}
            {count !== undefined && <span className="preset-tab-count">{count}</span>}
          </button>
        )
      })}
    </div>
  )
}
