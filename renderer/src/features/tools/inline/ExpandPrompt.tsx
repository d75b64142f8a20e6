import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { bilingual } from '../form/label'
import { expandModeField, expandModeValue, selectExpandMode, useToolsStore } from '../tools-store'
import { InlineGate } from './InlineGate'
import { useInlineTool } from './use-inline-tool'
import '../tools.css'

interface ExpandPromptProps {
  readonly prompt: string
  /** The candidate the user picked; the workbench puts it in the prompt as one undoable edit. */
  onPick(prompt: string): void
}

/**
 * Expand prompt beside the prompt editor: the prompt expansion tool turns the current prompt into
 * a few candidates, shown in a popover; picking one replaces the prompt (Ctrl+Z in the editor
 * takes it back). Escape or Dismiss closes the popover without a change.
 */
export function ExpandPrompt({ prompt, onPick }: ExpandPromptProps) {
  const { t, i18n } = useTranslation()
  // The same remembered choice as the Tools screen's prompt expansion form.
  const mode = useToolsStore(selectExpandMode)
  const setField = useToolsStore((state) => state.setField)
  const { state, start, confirm, reset } = useInlineTool()
  const popover = useRef<HTMLDivElement>(null)
  const candidates = state.status === 'done' ? (state.output.prompts ?? []) : []
  const busy = state.status === 'checking' || state.status === 'running'

  const open = state.status === 'done'
  useEffect(() => {
    if (!open) return
    popover.current?.querySelector<HTMLElement>('button')?.focus()
    // A click elsewhere closes the popover, as a menu would, with no change to the prompt.
    const closeOutside = (event: MouseEvent) => {
      if (!(event.target instanceof Node) || !popover.current?.contains(event.target)) reset()
    }
    document.addEventListener('mousedown', closeOutside)
    return () => document.removeEventListener('mousedown', closeOutside)
  }, [open, reset])

  const run = () =>
    void start({
      toolId: 'promptExpand',
      input: {
        body: { sourcePrompt: prompt.trim(), mode: expandModeValue(mode), sequencesNum: 3 },
        images: {},
      },
      images: [],
    })

  return (
    <div className="tl-inline">
      <select
        aria-label={bilingual(expandModeField.label, i18n.language)}
        value={mode}
        disabled={busy}
        onChange={(event) => setField('promptExpand', 'mode', event.target.value)}
      >
        {expandModeField.options.map((option) => (
          <option key={String(option.value)} value={String(option.value)}>
            {bilingual(option.label, i18n.language)}
          </option>
        ))}
      </select>
      <button type="button" disabled={busy || prompt.trim() === ''} onClick={run}>
        {busy ? t('tools.inline.expanding') : t('tools.inline.expand')}
      </button>
      <InlineGate state={state} onConfirm={confirm} onDismiss={reset} />
      {state.status === 'done' && (
        <div
          ref={popover}
          className="tl-popover"
          role="dialog"
          aria-label={t('tools.inline.candidates')}
          onKeyDown={(event) => {
            if (event.key === 'Escape') reset()
          }}
        >
          {candidates.length === 0 && <p>{t('tools.inline.noCandidates')}</p>}
          <ul>
            {candidates.map((candidate, index) => (
              <li key={index}>
                <button
                  type="button"
                  className="tl-candidate"
                  onClick={() => {
                    onPick(candidate)
                    reset()
                  }}
                >
                  {candidate}
                </button>
              </li>
            ))}
          </ul>
          <button type="button" onClick={reset}>
            {t('tools.inline.dismiss')}
          </button>
        </div>
      )}
    </div>
  )
}
