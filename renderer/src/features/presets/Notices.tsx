import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { presetErrorText } from './error-text'
import { selectNotice, selectStorage, selectUndo, usePresetsStore } from './presets-store'
import type { PresetActions } from './use-preset-actions'

/** The outcome of the last action: a status for success, an alert for a failure. */
export function NoticeBar() {
  const { t } = useTranslation()
  const notice = usePresetsStore(selectNotice)
  const setNotice = usePresetsStore((state) => state.setNotice)
  if (!notice) return null
  const text = notice.error
    ? `${t(notice.key)} ${presetErrorText(t, notice.error)}`
    : t(notice.key, { ...notice.values })
  return (
    <div
      className={`preset-notice preset-notice-${notice.tone}`}
      role={notice.tone === 'error' ? 'alert' : 'status'}
    >
      <span>{text}</span>
      <button type="button" onClick={() => setNotice(null)}>
        {t('presets.actions.dismiss')}
      </button>
    </div>
  )
}

/** "Deleted X — Undo": the delete can be taken back for as long as the app runs. */
export function UndoBar({ actions }: { actions: PresetActions }) {
  const { t } = useTranslation()
  const undo = usePresetsStore(selectUndo)
  const setUndo = usePresetsStore((state) => state.setUndo)
  if (!undo) return null
  return (
    <div className="preset-notice preset-notice-info" role="status">
      <span>{t('presets.undo.deleted', { name: undo.name })}</span>
      <button type="button" onClick={() => void actions.undo(undo.id)}>
        {t('presets.undo.undo')}
      </button>
      <button type="button" onClick={() => setUndo(null)}>
        {t('presets.actions.dismiss')}
      </button>
    </div>
  )
}

/** Tells the user the library file was damaged and where the original was kept. */
export function StorageNotice() {
  const { t } = useTranslation()
  const storage = usePresetsStore(selectStorage)
  const [dismissed, setDismissed] = useState(false)
  if (!storage || storage.state !== 'recovered' || dismissed) return null
  return (
    <div className="preset-notice preset-notice-error" role="alert">
      <span>
        {t(`presets.storage.${storage.reason ?? 'bad_shape'}`)}{' '}
        {t('presets.storage.keptAside', {
          file: storage.keptAsideAs ?? '',
          recovered: storage.recoveredEntries,
          dropped: storage.droppedEntries,
        })}
      </span>
      <button type="button" onClick={() => setDismissed(true)}>
        {t('presets.actions.dismiss')}
      </button>
    </div>
  )
}
