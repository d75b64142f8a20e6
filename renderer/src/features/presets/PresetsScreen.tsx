import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useShallow } from 'zustand/react/shallow'
import type { CheckpointPreset, EmbeddingPreset, LoraPreset, PromptStyle } from '#contract'
import { useClient } from '../../app/client-context'
import { KindTabs, panelId, tabId } from './KindTabs'
import { LibraryActions } from './LibraryActions'
import { NoticeBar, StorageNotice, UndoBar } from './Notices'
import { PresetEditor } from './PresetEditor'
import { PresetFilters } from './PresetFilters'
import { PresetList } from './PresetList'
import { selectEditor, selectFilters, usePresetsStore } from './presets-store'
import { StylesPanel } from './StylesPanel'
import { SyncReportView } from './SyncReportView'
import { usePresetActions } from './use-preset-actions'
import './presets.css'

export interface PresetsScreenProps {
  /** Loads a checkpoint preset's model and recommended settings into the workbench. */
  readonly onApplyCheckpoint?: (preset: CheckpointPreset) => void
  /** Inserts a LoRA tag or an embedding name into the workbench's prompt, at its cursor. */
  readonly onInsertExtraNetwork?: (preset: LoraPreset | EmbeddingPreset) => void
  /** Applies a prompt style to the workbench's prompts (see `applyStyle` in the contract). */
  readonly onApplyStyle?: (style: PromptStyle) => void
  /** The workbench's prompts now, to save them as a new style. */
  readonly workbenchPrompts?: () => { readonly prompt: string; readonly negativePrompt: string }
  /** Opens the history at a training job: where a trained LoRA's editor links to. */
  readonly onOpenTrainingJob?: (taskId: string) => void
}

/** The library of checkpoints, VAEs, LoRAs, embeddings and prompt styles. */
export function PresetsScreen({
  onApplyCheckpoint,
  onInsertExtraNetwork,
  onApplyStyle,
  workbenchPrompts,
  onOpenTrainingJob,
}: PresetsScreenProps) {
  const { t } = useTranslation()
  const client = useClient()
  const actions = usePresetActions()
  const filters = usePresetsStore(useShallow(selectFilters))
  const editor = usePresetsStore(selectEditor)
  const reload = usePresetsStore((state) => state.reload)
  const loadStorageStatus = usePresetsStore((state) => state.loadStorageStatus)

  useEffect(() => {
    void loadStorageStatus(client)
  }, [client, loadStorageStatus])
  useEffect(() => {
    void reload(client)
  }, [client, reload, filters])
  // Another window, an import or a sync may change the library; reload what is shown.
  useEffect(() => client.on('presets.changed', () => void reload(client)), [client, reload])

  const editorKey = editor?.mode === 'edit' ? editor.preset.id : `new-${editor?.kind ?? ''}`
  return (
    <section className="presets-screen" aria-labelledby="presets-title">
      <h2 id="presets-title">{t('presets.title')}</h2>
      <StorageNotice />
      <LibraryActions actions={actions} />
      <NoticeBar />
      <UndoBar actions={actions} />
      <SyncReportView />
      <KindTabs />
      <div role="tabpanel" id={panelId} aria-labelledby={tabId(filters.tab)} className="preset-panel">
        {filters.tab === 'styles' ? (
          <StylesPanel actions={actions} onApplyStyle={onApplyStyle} workbenchPrompts={workbenchPrompts} />
        ) : (
          <>
            <PresetFilters />
            <div className="preset-body">
              <PresetList
                tab={filters.tab}
                actions={actions}
                onApplyCheckpoint={onApplyCheckpoint}
                onInsertExtraNetwork={onInsertExtraNetwork}
              />
              {editor && (
                <PresetEditor key={editorKey} editor={editor} onOpenTrainingJob={onOpenTrainingJob} />
              )}
            </div>
          </>
        )}
      </div>
    </section>
  )
}
