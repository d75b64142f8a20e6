import { useTranslation } from 'react-i18next'
import type { PickedImage } from './picked-image'
import { noPreviewText, originText, sizeText } from './source-text'

/** The chosen image: its thumbnail (or, for a link, the host it will be fetched from), name and size. */
export function SourcePreview({ image }: { readonly image: PickedImage }) {
  const { t } = useTranslation()
  const size = sizeText(t, image)
  const noPreview = noPreviewText(t, image)
  return (
    <figure className="src-preview">
      {image.previewUrl ? (
        <img src={image.previewUrl} alt={t('sources.previewAlt', { label: image.label })} />
      ) : (
        <div className="src-no-preview" aria-hidden="true">
          {image.source.type === 'url' ? image.label : t('sources.noPreview')}
        </div>
      )}
      <figcaption>
        <span className="src-name">{image.label}</span>
        {size && <span>{size}</span>}
        <span className="src-hint">{originText(t, image)}</span>
        {noPreview && <span className="src-hint">{noPreview}</span>}
      </figcaption>
    </figure>
  )
}
