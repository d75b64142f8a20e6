import { useTranslation } from 'react-i18next'
import type { CheckpointPreset, EmbeddingPreset, LoraPreset } from '#contract'
import { PresetItem } from './PresetItem'
import { selectPage, usePresetsStore, type PresetTab } from './presets-store'
import type { PresetActions } from './use-preset-actions'

interface PresetListProps {
  readonly tab: PresetTab
  readonly actions: PresetActions
  readonly onApplyCheckpoint?: (preset: CheckpointPreset) => void
  readonly onInsertExtraNetwork?: (preset: LoraPreset | EmbeddingPreset) => void
}

/** The page of presets main answered for the current filters, with "show more" for the rest. */
export function PresetList({ tab, actions, onApplyCheckpoint, onInsertExtraNetwork }: PresetListProps) {
  const { t } = useTranslation()
  const page = usePresetsStore(selectPage)
  const showMore = usePresetsStore((state) => state.showMore)
  if (!page) return <p className="preset-empty">{t('presets.list.loading')}</p>
  return (
    <div className="preset-list-wrap">
      <p className="preset-count">{t('presets.list.count', { count: page.total })}</p>
      {page.total === 0 ? (
        <p className="preset-empty">{t('presets.list.empty')}</p>
      ) : (
        <ul className="preset-list" aria-label={t('presets.list.label', { kind: t(`presets.tabs.${tab}`) })}>
          {page.items.map((preset) => (
            <PresetItem
              key={preset.id}
              preset={preset}
              actions={actions}
              onApplyCheckpoint={onApplyCheckpoint}
              onInsertExtraNetwork={onInsertExtraNetwork}
            />
          ))}
        </ul>
      )}
      {page.total > page.items.length && (
        <button type="button" onClick={showMore}>
          {t('presets.list.showMore', { shown: page.items.length, total: page.total })}
        </button>
      )}
    </div>
  )
}
