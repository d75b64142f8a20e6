import { useId, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { workbenchModes, type WorkbenchMode } from './modes'
import { selectMode } from './selectors'
import { useWorkbenchStore } from './workbench-store'

/** The id of a mode's tab, so the mode's panel can name it (`aria-labelledby`). */
export const modeTabId = (base: string, mode: WorkbenchMode) => `${base}-tab-${mode}`

const arrowSteps: Partial<Record<string, number>> = {
  ArrowRight: 1,
  ArrowDown: 1,
  ArrowLeft: -1,
  ArrowUp: -1,
}

/**
 * The workbench's modes as tabs (WAI-ARIA tabs: arrows move between them, Home/End jump, Alt+1…4
 * from anywhere). Switching keeps the draft: prompts and every shared parameter stay.
 */
export function ModeTabs({ idBase, panelId }: { readonly idBase: string; readonly panelId: string }) {
  const { t } = useTranslation()
  const mode = useWorkbenchStore(selectMode)
  const setMode = useWorkbenchStore((state) => state.setMode)

  const choose = (next: WorkbenchMode) => {
    setMode(next)
    document.getElementById(modeTabId(idBase, next))?.focus()
  }
  const onKeyDown = (event: KeyboardEvent) => {
    const index = workbenchModes.indexOf(mode)
    const step = arrowSteps[event.key]
    const last = workbenchModes.length - 1
    const target =
      step !== undefined
        ? (index + step + workbenchModes.length) % workbenchModes.length
        : event.key === 'Home'
          ? 0
          : event.key === 'End'
            ? last
            : null
    const next = target === null ? undefined : workbenchModes[target]
    if (next === undefined) return
    event.preventDefault()
    choose(next)
  }

  return (
    <div role="tablist" aria-label={t('workbench.modes.label')} className="wb-modes" onKeyDown={onKeyDown}>
      {workbenchModes.map((name, index) => (
        <button
          key={name}
          id={modeTabId(idBase, name)}
          type="button"
          role="tab"
          aria-selected={mode === name}
          aria-controls={panelId}
          aria-keyshortcuts={`Alt+${index + 1}`}
          tabIndex={mode === name ? 0 : -1}
          title={t('workbench.modes.shortcut', { key: index + 1 })}
          onClick={() => setMode(name)}
        >
          {t(`workbench.modes.${name}`)}
        </button>
      ))}
    </div>
  )
}

/** A stable id base for the tabs and their panel. */
export const useModeIds = () => {
  const base = useId()
  return { idBase: base, panelId: `${base}-panel` }
}
