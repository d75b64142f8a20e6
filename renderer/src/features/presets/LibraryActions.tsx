import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { selectBusy, usePresetsStore } from './presets-store'
import type { PresetActions } from './use-preset-actions'
import { FileButton } from '../../shared/ui/FileButton'

/** New preset, export, import (with the conflict choice) and sync with the server. */
export function LibraryActions({ actions }: { actions: PresetActions }) {
  const { t } = useTranslation()
  const busy = usePresetsStore(selectBusy)
  const tab = usePresetsStore((state) => state.tab)
  const openEditor = usePresetsStore((state) => state.openEditor)
  const [replace, setReplace] = useState(false)
  return (
    <div className="preset-toolbar">
      {tab !== 'styles' && (
        <button type="button" onClick={() => openEditor({ mode: 'create', kind: tab })}>
          {t('presets.actions.new')}
        </button>
      )}
      <button type="button" disabled={busy} onClick={() => void actions.exportLibrary()}>
        {t('presets.actions.export')}
      </button>
      <FileButton
        label={t('presets.actions.import')}
        accept=".json,application/json"
        onFile={(file) => void actions.importLibrary(file, replace)}
      />
      <label className="preset-check">
        <input type="checkbox" checked={replace} onChange={(event) => setReplace(event.target.checked)} />
        {t('presets.actions.replaceOnImport')}
      </label>
      <button type="button" disabled={busy} onClick={() => void actions.sync()}>
        {t('presets.actions.sync')}
      </button>
    </div>
  )
}
