import { useTranslation } from 'react-i18next'

interface EditorFooterProps {
  /** Some field shows a message: say so once, where the buttons are. */
  readonly hasErrors: boolean
  readonly busy: boolean
  readonly saveLabel: string
  onCancel(): void
}

/** The end of a preset or style form: the "fix these" alert, then Save and Cancel. */
export function EditorFooter({ hasErrors, busy, saveLabel, onCancel }: EditorFooterProps) {
  const { t } = useTranslation()
  return (
    <>
      {hasErrors && (
        <p role="alert" className="preset-error">
          {t('presets.editor.fixErrors')}
        </p>
      )}
      <div className="preset-editor-actions">
        <button type="submit" disabled={busy}>
          {saveLabel}
        </button>
        <button type="button" onClick={onCancel}>
          {t('presets.editor.cancel')}
        </button>
      </div>
    </>
  )
}
