import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { historyExportFormats, type HistoryExportFormat } from '#contract'
import { FileButton } from '../../shared/ui/FileButton'
import { selectBusy, selectSelection, useHistoryStore, selectedCount } from './history-store'

export interface TransferActions {
  exportTasks(scope: 'selected' | 'all', format: HistoryExportFormat): void
  importFile(file: File): void
  askDeleteSelection(): void
}

/** Selection count, bulk delete, export, import and the archive lookup. */
export function HistoryActions({ total, actions }: { total: number | null; actions: TransferActions }) {
  const { t } = useTranslation()
  const selection = useHistoryStore(selectSelection)
  const busy = useHistoryStore(selectBusy)
  const setDialog = useHistoryStore((state) => state.setDialog)
  const [format, setFormat] = useState<HistoryExportFormat>('jsonl')
  const count = selectedCount(selection, total ?? 0)
  return (
    <div className="history-actions" role="toolbar" aria-label={t('history.actions.label')}>
      <span className="history-count" aria-live="polite">
        {total === null ? t('history.list.loading') : t('history.list.count', { count: total })}
        {count > 0 && ` · ${t('history.list.selected', { count })}`}
      </span>
      <button type="button" disabled={count === 0 || busy} onClick={actions.askDeleteSelection}>
        {t('history.actions.deleteSelected', { count })}
      </button>
      <label>
        {t('history.export.format')}
        <select value={format} onChange={(event) => setFormat(event.target.value as HistoryExportFormat)}>
          {historyExportFormats.map((name) => (
            <option key={name} value={name}>
              {t(`history.export.${name}`)}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        disabled={count === 0 || busy}
        onClick={() => actions.exportTasks('selected', format)}
      >
        {t('history.export.selected')}
      </button>
      <button type="button" disabled={!total || busy} onClick={() => actions.exportTasks('all', format)}>
        {t('history.export.all')}
      </button>
      <FileButton
        label={t('history.import.button')}
        accept=".jsonl,.csv,.json,.txt"
        disabled={busy}
        onFile={(file) => actions.importFile(file)}
      />
      <button type="button" onClick={() => setDialog({ kind: 'lookup' })}>
        {t('history.lookup.open')}
      </button>
    </div>
  )
}
