import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { FileButton } from '../../shared/ui/FileButton'
import { maxPngBytes } from './png-params'
import type { PngLoadState } from './use-png-params'

interface PngParamsBarProps {
  readonly state: PngLoadState
  readonly dragging: boolean
  readonly onFile: (file: File) => void
}

const megabytes = (bytes: number) => Math.floor(bytes / (1024 * 1024))

/** A skipped field by its form label where the form has one ("alwayson_scripts.sd_vae" → "VAE"). */
const fieldLabel = (t: TFunction, path: string) => {
  const name = path.split('.').at(-1) ?? path
  return t(`workbench.fields.${name}`, { defaultValue: name })
}

function loadedText(t: TFunction, state: Extract<PngLoadState, { status: 'loaded' }>) {
  const source = t(`workbench.png.source.${state.source === 'img-open' ? 'ours' : 'a1111'}`)
  const loaded = t('workbench.png.loaded', { file: state.fileName, source })
  const skipped =
    state.skipped.length === 0
      ? t('workbench.png.noneSkipped')
      : t('workbench.png.skipped', {
          count: state.skipped.length,
          fields: state.skipped.map((path) => fieldLabel(t, path)).join(', '),
        })
  return `${loaded} ${skipped} ${t('workbench.png.undoHint')}`
}

function failedText(t: TFunction, state: Extract<PngLoadState, { status: 'failed' }>) {
  const values = { file: state.fileName, limit: megabytes(maxPngBytes) }
  if (state.reason !== 'failed') return t(`workbench.png.errors.${state.reason}`, values)
  return t('workbench.png.errors.failed', { ...values, reason: t(`errors.${state.code ?? 'internal'}`) })
}

/**
 * "Load parameters from PNG…" for keyboard users (the same as dropping the image on the screen),
 * and what the last load did: which program wrote the parameters and which fields were left out.
 */
export function PngParamsBar({ state, dragging, onFile }: PngParamsBarProps) {
  const { t } = useTranslation()
  return (
    <div className="wb-png">
      <FileButton label={t('workbench.png.button')} accept="image/png,.png" onFile={onFile} />
      <span className="wb-hint">{dragging ? t('workbench.png.dropNow') : t('workbench.png.dropHint')}</span>
      <p role="status" className="wb-hint wb-png-status">
        {state.status === 'reading' && t('workbench.png.reading', { file: state.fileName })}
        {state.status === 'loaded' && loadedText(t, state)}
      </p>
      {state.status === 'failed' && (
        <p role="alert" className="wb-issue">
          {failedText(t, state)}
        </p>
      )}
    </div>
  )
}
