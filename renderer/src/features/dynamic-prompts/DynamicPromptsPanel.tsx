import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { dynamicPromptLimits } from '#contract'
import { useDynamicPrompts, type DynamicMode } from './dynamic-store'
import './dynamic-prompts.css'
import { useExpansion, type ExpansionState } from './use-expansion'

const modes = ['off', 'random', 'combinatorial'] as const satisfies readonly DynamicMode[]
/** The preview lists this many; the count says how many Generate sends. */
const previewLines = 8

function Preview({ state }: { readonly state: ExpansionState }) {
  const { t } = useTranslation()
  if (state.status === 'off') return null
  if (state.status === 'loading') return <p className="dp-status">{t('dynamic-prompts.loading')}</p>
  if (state.status === 'error') {
    const known =
      state.syntax !== null &&
      ['unknown_wildcard', 'wildcard_cycle', 'unclosed_variant', 'unexpected_close', 'too_deep'].includes(
        state.syntax,
      )
    return (
      <p role="alert" className="wb-issue dp-error">
        {known
          ? t(`dynamic-prompts.errors.${state.syntax}`, {
              wildcard: state.wildcard ?? '',
              position: (state.position ?? 0) + 1,
            })
          : state.message}
      </p>
    )
  }
  const { prompts, total, totalCapped } = state.result
  const all = totalCapped ? t('dynamic-prompts.huge') : total.toLocaleString()
  return (
    <div className="dp-preview">
      <p role="status" className="dp-status" data-testid="dynamic-count">
        {t('dynamic-prompts.count', { count: prompts.length, total: all })}
      </p>
      <ol aria-label={t('dynamic-prompts.previewLabel')}>
        {prompts.slice(0, previewLines).map((prompt, index) => (
          <li key={index}>{prompt}</li>
        ))}
      </ol>
      {prompts.length > previewLines && (
        <p className="dp-more">{t('dynamic-prompts.more', { count: prompts.length - previewLines })}</p>
      )}
    </div>
  )
}

/**
 * Dynamic prompts (sd-dynamic-prompts syntax): off, random or combinatorial, how many, and a live
 * preview of the prompts Generate will send, one task each.
 */
export function DynamicPromptsPanel({ template }: { readonly template: string }) {
  const { t } = useTranslation()
  const { mode, count, setMode, setCount, reroll } = useDynamicPrompts()
  const state = useExpansion(template)
  // The field's own text, so it can be cleared while typing; the store takes only whole numbers in range.
  const [countText, setCountText] = useState(String(count))
  return (
    <fieldset className="wb-group dp-panel">
      <legend>{t('dynamic-prompts.title')}</legend>
      <div className="dp-controls">
        <label>
          {t('dynamic-prompts.mode')}
          <select value={mode} onChange={(event) => setMode(event.target.value as DynamicMode)}>
            {modes.map((value) => (
              <option key={value} value={value}>
                {t(`dynamic-prompts.modes.${value}`)}
              </option>
            ))}
          </select>
        </label>
        {mode !== 'off' && (
          <label>
            {mode === 'random' ? t('dynamic-prompts.countRandom') : t('dynamic-prompts.countMax')}
            <input
              type="number"
              min={1}
              max={dynamicPromptLimits.maxCount}
              value={countText}
              onChange={(event) => {
                setCountText(event.target.value)
                const typed = Number(event.target.value)
                if (Number.isInteger(typed) && typed >= 1 && typed <= dynamicPromptLimits.maxCount)
                  setCount(typed)
              }}
              onBlur={() => setCountText(String(count))}
            />
          </label>
        )}
        {mode === 'random' && (
          <button type="button" onClick={reroll}>
            {t('dynamic-prompts.reroll')}
          </button>
        )}
      </div>
      {mode !== 'off' && <p className="wb-hint">{t('dynamic-prompts.hint')}</p>}
      <Preview state={state} />
    </fieldset>
  )
}
