import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PromptStyle } from '#contract'
import { selectBusy, selectStyles, usePresetsStore } from './presets-store'
import { StyleEditor } from './StyleEditor'
import { StyleRow } from './StyleRow'
import type { PresetActions } from './use-preset-actions'
import { useStyleActions, type StyleTarget } from './use-style-actions'
import { FileButton } from '../../shared/ui/FileButton'

interface StylesPanelProps {
  readonly actions: PresetActions
  readonly onApplyStyle?: (style: PromptStyle) => void
  /** The workbench's prompts now, for "Save workbench prompt as style". */
  readonly workbenchPrompts?: () => { readonly prompt: string; readonly negativePrompt: string }
}

/**
 * The prompt styles (A1111 styles.csv): search, create, edit and rename, import and export as
 * styles.csv, apply to the workbench, delete. When the editor closes, focus goes back to the row
 * it was opened from (or to "New style").
 */
export function StylesPanel({ actions, onApplyStyle, workbenchPrompts }: StylesPanelProps) {
  const { t } = useTranslation()
  const styleActions = useStyleActions()
  const styles = usePresetsStore(selectStyles)
  const busy = usePresetsStore(selectBusy)
  const text = usePresetsStore((state) => state.text)
  const setText = usePresetsStore((state) => state.setText)
  const [target, setTarget] = useState<StyleTarget | null>(null)
  const editButtons = useRef(new Map<string, HTMLButtonElement>())
  const newButton = useRef<HTMLButtonElement>(null)
  /** The style whose row gets focus once the editor is gone; null for "New style". */
  const focusAfterClose = useRef<string | null | undefined>(undefined)

  useEffect(() => {
    if (target || focusAfterClose.current === undefined) return
    const id = focusAfterClose.current
    focusAfterClose.current = undefined
    const button = (id === null ? undefined : editButtons.current.get(id)) ?? newButton.current
    button?.focus()
  }, [target, styles])

  const close = (saved: PromptStyle | null) => {
    focusAfterClose.current = saved?.id ?? (target?.mode === 'edit' ? target.style.id : null)
    setTarget(null)
  }
  const editedId = target?.mode === 'edit' ? target.style.id : null
  // An edited style another window deleted has no row left; its editor then shows on top.
  const editorOnTop = target !== null && !styles.some((style) => style.id === editedId)
  const editor = target && (
    <StyleEditor key={editedId ?? 'new'} target={target} actions={styleActions} onClose={close} />
  )

  return (
    <div className="preset-styles">
      <div className="preset-filters">
        <label>
          {t('presets.styles.search')}
          <input type="search" value={text} onChange={(event) => setText(event.target.value)} />
        </label>
        <button ref={newButton} type="button" onClick={() => setTarget({ mode: 'create' })}>
          {t('presets.styles.new')}
        </button>
        {workbenchPrompts && (
          <button
            type="button"
            onClick={() => setTarget({ mode: 'create', initial: { name: '', ...workbenchPrompts() } })}
          >
            {t('presets.styles.fromWorkbench')}
          </button>
        )}
        <FileButton
          label={t('presets.styles.import')}
          accept=".csv,text/csv"
          onFile={(file) => void actions.importStyles(file)}
        />
        <button type="button" disabled={busy} onClick={() => void styleActions.exportStyles()}>
          {t('presets.styles.export')}
        </button>
      </div>
      <p className="preset-hint">{t('presets.styles.placeholderHint')}</p>
      {editorOnTop && editor}
      {styles.length === 0 ? (
        <p className="preset-empty">{t('presets.styles.empty')}</p>
      ) : (
        <ul className="preset-list" aria-label={t('presets.tabs.styles')}>
          {styles.map((style) =>
            style.id === editedId ? (
              <li key={style.id} aria-label={style.name}>
                {editor}
              </li>
            ) : (
              <StyleRow
                key={style.id}
                style={style}
                actions={actions}
                onApplyStyle={onApplyStyle}
                onEdit={(picked) => setTarget({ mode: 'edit', style: picked })}
                editButtonRef={(element) => {
                  if (element) editButtons.current.set(style.id, element)
                  else editButtons.current.delete(style.id)
                }}
              />
            ),
          )}
        </ul>
      )}
    </div>
  )
}
