import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import type { ImageSource } from '#contract'
import { openStorageSettings, StorageNeededNotice, UploadConfirmDialog } from '../sources'
import { noPreprocessor } from './preprocessors'
import { previewKey, type PreviewControls } from './use-previews'

interface PreviewPaneProps {
  /** The unit's own control image, else the base image; null when there is neither. */
  readonly source: ImageSource | null
  readonly preprocessor: string
  readonly controls: PreviewControls
}

/** Why the preview cannot run, or null when it can. */
function blockedText(t: TFunction, source: ImageSource | null, preprocessor: string): string | null {
  if (source === null) return t('controlnet.preview.needsImage')
  const name = preprocessor.trim()
  if (name === '' || name === noPreprocessor) return t('controlnet.preview.needsPreprocessor')
  return null
}

/** Storage problems get the longer text that says where to fix them. */
const failureText = (t: TFunction, code: string) =>
  t([`controlnet.preview.errors.${code}`, 'controlnet.preview.errors.other'], {
    reason: t(`errors.${code}`),
  })

/**
 * "Preview preprocessor": what the preprocessor extracts from the control image, from the
 * service's CNT preview tool, shown beside the control image. A local image first gets the same
 * upload dialog, or storage-needed notice, as Generate.
 */
export function PreviewPane({ source, preprocessor, controls }: PreviewPaneProps) {
  const { t } = useTranslation()
  const id = useId()
  const state = source ? controls.previews[previewKey(source, preprocessor)] : undefined
  const blocked = blockedText(t, source, preprocessor)
  const busy = state?.status === 'busy'
  return (
    <div className="cn-preview" aria-busy={busy || undefined}>
      {state?.status === 'done' && (
        <figure>
          <img src={state.dataUrl} alt={t('controlnet.preview.alt', { preprocessor: preprocessor.trim() })} />
          <figcaption className="cn-hint">
            {t('controlnet.preview.size', { width: state.width, height: state.height })}
          </figcaption>
        </figure>
      )}
      <button
        type="button"
        disabled={blocked !== null || busy}
        aria-describedby={`${id}-note`}
        onClick={() => source && void controls.run(source, preprocessor)}
      >
        {busy ? t('controlnet.preview.busy') : t('controlnet.preview.run')}
      </button>
      <small id={`${id}-note`} className="cn-hint">
        {blocked ?? t('controlnet.preview.cost')}
      </small>
      {state?.status === 'failed' && (
        <p role="alert" className="cn-issue">
          {failureText(t, state.code)}
        </p>
      )}
      {source && state?.status === 'needsStorage' && (
        <StorageNeededNotice
          profile={state.profile}
          onOpenSettings={openStorageSettings}
          onClose={() => controls.dismiss(source, preprocessor)}
        />
      )}
      {source && state?.status === 'confirmUpload' && (
        <UploadConfirmDialog
          profile={state.profile}
          storage={state.storage}
          purpose="preview"
          keepUploads={false}
          onConfirm={() => void controls.confirmUpload(source, preprocessor)}
          onCancel={() => controls.dismiss(source, preprocessor)}
        />
      )}
    </div>
  )
}
