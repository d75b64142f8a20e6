import type { Ref } from 'react'
import { useTranslation } from 'react-i18next'
import type { PromptStyle } from '#contract'
import type { PresetActions } from './use-preset-actions'

interface StyleRowProps {
  readonly style: PromptStyle
  readonly actions: PresetActions
  readonly onApplyStyle?: (style: PromptStyle) => void
  readonly onEdit: (style: PromptStyle) => void
  /** The Edit button, where focus comes back when the editor for this row closes. */
  readonly editButtonRef: Ref<HTMLButtonElement>
}

/** One prompt style: its name and texts, and apply, edit and delete. */
export function StyleRow({ style, actions, onApplyStyle, onEdit, editButtonRef }: StyleRowProps) {
  const { t } = useTranslation()
  const name = style.name
  return (
    <li className="preset-item preset-style" aria-label={name}>
      <div className="preset-main">
        <span className="preset-name">{name}</span>
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
            aria-label={t('presets.list.applyNamed', { name })}
            onClick={() => onApplyStyle(style)}
          >
            {t('presets.list.apply')}
          </button>
        )}
        <button
          ref={editButtonRef}
          type="button"
          aria-label={t('presets.list.editNamed', { name })}
          onClick={() => onEdit(style)}
        >
          {t('presets.list.edit')}
        </button>
        <button
          type="button"
          aria-label={t('presets.list.deleteNamed', { name })}
          onClick={() => void actions.remove(style)}
        >
          {t('presets.list.delete')}
        </button>
      </div>
    </li>
  )
}
