import { useTranslation } from 'react-i18next'
import { StorageNeededNotice, UploadConfirmDialog, openStorageSettings } from '../../sources'
import type { InlineState } from './use-inline-tool'

/** What an inline run waits on or ends with, other than its output: consent, storage, an error. */
export function InlineGate({
  state,
  onConfirm,
  onDismiss,
}: {
  readonly state: InlineState
  onConfirm(): void
  onDismiss(): void
}) {
  const { t } = useTranslation()
  switch (state.status) {
    case 'confirmUpload':
      return (
        <UploadConfirmDialog
          profile={state.profile}
          storage={state.storage}
          purpose="tool"
          keepUploads={state.keepUploads}
          onConfirm={onConfirm}
          onCancel={onDismiss}
        />
      )
    case 'needsStorage':
      return (
        <StorageNeededNotice
          profile={state.profile}
          onOpenSettings={openStorageSettings}
          onClose={onDismiss}
        />
      )
    case 'failed':
      return (
        <p role="alert" className="tl-issue">
          {state.message || t(`errors.${state.code}`)}
        </p>
      )
    case 'running':
      return (
        <span role="status" className="tl-hint">
          {t('tools.inline.running')}
        </span>
      )
    default:
      return null
  }
}
