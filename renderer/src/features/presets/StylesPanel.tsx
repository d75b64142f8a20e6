import { useTranslation } from 'react-i18next'
import type { PromptStyle } from '../../../../main/contract'
import { selectStyles, usePresetsStore } from './presets-store'
import type { PresetActions } from './use-preset-actions'

interface StylesPanelProps {
  readonly actions: PresetActions
  readonly onApplyStyle?: (style: PromptStyle) => void
}

/** The prompt styles (A1111 styles.csv): search, import, apply to the workbench, delete. */
export function StylesPanel({ actions, onApplyStyle }: StylesPanelProps) {
  const { t } = useTranslation()
  const styles = usePresetsStore(selectStyles)
  const text = usePresetsStore((state) => state.text)
  const setText = usePresetsStore((state) => state.setText)
  return (
    <div className="preset-styles">
      <div className="preset-filters">
        <label>
          {t('presets.styles.search')}
          <input type="search" value={text} onChange={(event) => setText(event.target.value)} />
        </label>
        <label className="preset-file-button">
          {t('presets.styles.import')}
          <input
            type="file"
            accept=".csv,text/csv"
            onChange={(event) => {
              const file = event.target.files?.[0]
              event.target.value = ''
              if (file) void actions.importStyles(file)
            }}
          />
        </label>
      </div>
      <p className="preset-hint">{t('presets.styles.placeholderHint')}</p>
      {styles.length === 0 ? (
        <p className="preset-empty">{t('presets.styles.empty')}</p>
      ) : (
        <ul className="preset-list" aria-label={t('presets.tabs.styles')}>
          {styles.map((style) => (
            <li key={style.id} className="preset-item preset-style" aria-label={style.name}>
              <div className="preset-main">
                <span className="preset-name">{style.name}</span>
                <span className="preset-style-text">{style.prompt}</span>
                {style.negativePrompt && (
                  <span className="preset-style-text preset-style-negative">
                    {t('presets.styles.negative', { text: style.negativePrompt })}
                  </span>
                )}
              </div>
              <div className="preset-actions">
                {onApplyStyle && (
                  <button
                    type="button"
                    aria-label={t('presets.list.applyNamed', { name: style.name })}
                    onClick={() => onApplyStyle(style)}
                  >
                    {t('presets.list.apply')}
                  </button>
                )}
                <button
                  type="button"
                  aria-label={t('presets.list.deleteNamed', { name: style.name })}
                  onClick={() => void actions.remove(style)}
                >
                  {t('presets.list.delete')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
