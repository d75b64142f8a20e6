import { useTranslation } from 'react-i18next'
import type { TaskRecord } from '#contract'
import type { SaveControls } from './use-save-actions'

/**
 * Save image as… (or Download), Save all, Copy image and, on the desktop, Open containing folder,
 * with the outcome read out as a status line.
 */
export function SaveButtons({
  record,
  index,
  save,
}: {
  readonly record: TaskRecord
  readonly index: number
  readonly save: SaveControls
}) {
  const { t } = useTranslation()
  const cached = record.images[index]?.cacheKey != null
  return (
    <div className="viewer-save">
      <div role="group" aria-label={t('viewer.save.label')} className="viewer-buttons">
        <button type="button" disabled={!cached} onClick={() => save.saveImage(record, index)} title="Ctrl+S">
          {t(save.dialogs ? 'viewer.save.saveAs' : 'viewer.save.download')}
        </button>
        <button type="button" onClick={() => save.saveAll(record)} title="Ctrl+Shift+S">
          {t(save.dialogs ? 'viewer.save.saveAll' : 'viewer.save.downloadAll', {
            count: record.images.length,
          })}
        </button>
        <button type="button" disabled={!cached} onClick={() => save.copyImage(record, index)} title="Ctrl+C">
          {t('viewer.save.copy')}
        </button>
        {save.dialogs && (
          <button type="button" disabled={!cached} onClick={() => save.reveal(record, index)}>
            {t('viewer.save.reveal')}
          </button>
        )}
      </div>
      {save.status && (
        <p role={save.status.failed ? 'alert' : 'status'} className="viewer-status">
          {save.status.text}
        </p>
      )}
    </div>
  )
}
