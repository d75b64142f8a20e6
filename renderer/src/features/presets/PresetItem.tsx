import { useTranslation } from 'react-i18next'
import type { CheckpointPreset, EmbeddingPreset, LoraPreset, Preset } from '#contract'
import { PresetThumb } from './PresetThumb'
import { usePresetsStore } from './presets-store'
import type { PresetActions } from './use-preset-actions'

interface PresetItemProps {
  readonly preset: Preset
  readonly actions: PresetActions
  readonly onApplyCheckpoint?: (preset: CheckpointPreset) => void
  readonly onInsertExtraNetwork?: (preset: LoraPreset | EmbeddingPreset) => void
}

/** One row of the library: what the preset is, its flags, and what can be done with it. */
export function PresetItem({ preset, actions, onApplyCheckpoint, onInsertExtraNetwork }: PresetItemProps) {
  const { t } = useTranslation()
  const openEditor = usePresetsStore((state) => state.openEditor)
  const name = preset.displayName
  return (
    <li className="preset-item" aria-label={name}>
      <PresetThumb preset={preset} />
      <div className="preset-main">
        <span className="preset-name">{name}</span>
        <code className="preset-file">{preset.fileName}</code>
        <span className="preset-badges">
          <span className="preset-badge">{t(`presets.families.${preset.family}`)}</span>
          {preset.origin === 'server' && <span className="preset-badge">{t('presets.list.fromServer')}</span>}
          {preset.missingOnServer && (
            <span className="preset-badge preset-badge-warn">{t('presets.list.missingOnServer')}</span>
          )}
          {preset.tags.map((tag) => (
            <span key={tag} className="preset-tag">
              {tag}
            </span>
          ))}
        </span>
      </div>
      <div className="preset-actions">
        <button
          type="button"
          className="preset-fav"
          aria-pressed={preset.favourite}
          aria-label={t('presets.list.favourite', { name })}
          onClick={() => void actions.toggleFavourite(preset)}
        />
        {preset.kind === 'checkpoint' && onApplyCheckpoint && (
          <button
            type="button"
            aria-label={t('presets.list.applyNamed', { name })}
            onClick={() => onApplyCheckpoint(preset)}
          >
            {t('presets.list.apply')}
          </button>
        )}
        {(preset.kind === 'lora' || preset.kind === 'embedding') && onInsertExtraNetwork && (
          <button
            type="button"
            aria-label={t('presets.list.insertNamed', { name })}
            title={t('presets.list.insertHint')}
            onClick={() => onInsertExtraNetwork(preset)}
          >
            {t('presets.list.insert')}
          </button>
        )}
        <button
          type="button"
          aria-label={t('presets.list.editNamed', { name })}
          onClick={() => openEditor({ mode: 'edit', preset })}
        >
          {t('presets.list.edit')}
        </button>
        <button
          type="button"
          aria-label={t('presets.list.duplicateNamed', { name })}
          onClick={() => void actions.duplicate(preset, t('presets.list.copyName', { name }))}
        >
          {t('presets.list.duplicate')}
        </button>
        <button
          type="button"
          aria-label={t('presets.list.deleteNamed', { name })}
          onClick={() => void actions.remove(preset)}
        >
          {t('presets.list.delete')}
        </button>
      </div>
    </li>
  )
}
