import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Modal } from '../../../shared/ui/Modal'

interface ImageViewerProps {
  readonly src: string | null
  readonly alt: string
  /** Laid over the image at its shown size (face boxes). */
  readonly overlay?: ReactNode
}

/** A result shown large; a click opens it at full size in a dialog. */
export function ImageViewer({ src, alt, overlay }: ImageViewerProps) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  if (src === null) return <p className="tl-hint">{t('tools.result.loadingImage')}</p>
  return (
    <div className="tl-image">
      <div className="tl-image-frame">
        <img src={src} alt={alt} />
        {overlay}
      </div>
      <button type="button" className="tl-link" onClick={() => setOpen(true)}>
        {t('tools.result.open', { label: alt })}
      </button>
      {open && (
        <Modal
          title={alt}
          onCancel={() => setOpen(false)}
          className="tl-lightbox"
          backdropClassName="tl-backdrop"
        >
          <img src={src} alt={alt} className="tl-lightbox-image" />
          <button type="button" onClick={() => setOpen(false)}>
            {t('tools.result.close')}
          </button>
        </Modal>
      )}
    </div>
  )
}
