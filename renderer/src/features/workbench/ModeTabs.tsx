import { useId, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useSpringLoad } from '../../shared/ui/use-spring-load'
import { isResultDrag } from '../sources'
import { takesInputImages, workbenchModes, type WorkbenchMode } from './modes'
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

interface ModeTabProps {
  readonly mode: WorkbenchMode
  readonly index: number
  readonly selected: boolean
  readonly idBase: string
  readonly panelId: string
}

/**
 * One mode's tab. Spring-loaded for modes with image slots: a dragged result resting on it
 * switches to that mode, so the drag goes on to the mode's slot (text-to-image has none).
 */
function ModeTab({ mode, index, selected, idBase, panelId }: ModeTabProps) {
  const { t } = useTranslation()
  const setMode = useWorkbenchStore((state) => state.setMode)
  const spring = useSpringLoad(
    () => setMode(mode),
    (types) => !selected && takesInputImages(mode) && isResultDrag(types),
  )
  return (
    <button
      id={modeTabId(idBase, mode)}
      type="button"
      role="tab"
      aria-selected={selected}
      aria-controls={panelId}
      aria-keyshortcuts={`Alt+${index + 1}`}
      tabIndex={selected ? 0 : -1}
      title={t('workbench.modes.shortcut', { key: index + 1 })}
      data-spring-armed={spring.armed || undefined}
      onClick={() => setMode(mode)}
      {...spring.handlers}
    >
      {t(`workbench.modes.${mode}`)}
    </button>
  )
}

/**
 * The workbench's modes as tabs (WAI-ARIA tabs: arrows move between them, Home/End jump, Alt+1…4
 * from anywhere). Switching keeps the draft: prompts and every shared parameter stay. A result
 * dragged onto the workbench in text-to-image mode rests on another mode's tab to reach its slot.
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
        <ModeTab
          key={name}
          mode={name}
          index={index}
          selected={mode === name}
          idBase={idBase}
          panelId={panelId}
        />
      ))}
    </div>
  )
}

/** A stable id base for the tabs and their panel. */
export const useModeIds = () => {
  const base = useId()
  return { idBase: base, panelId: `${base}-panel` }
}
