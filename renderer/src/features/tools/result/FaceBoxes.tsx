import { useTranslation } from 'react-i18next'
import type { FaceBox } from '#contract'

interface FaceBoxesProps {
  readonly faces: readonly FaceBox[]
  /** The pixel size of the image the boxes were found in; null (a pasted link) lists the faces instead. */
  readonly size: { readonly width: number; readonly height: number } | null
  onPick(faceIdx: number): void
}

/**
 * The detected faces as numbered boxes laid over the image (in per cent, so they follow its shown
 * size). Numbers count from 1, left to right, as `faceIdx` does; clicking one starts a multiple swap.
 */
export function FaceBoxes({ faces, size, onPick }: FaceBoxesProps) {
  const { t } = useTranslation()
  if (size === null)
    return (
      <div
        className="tl-face-list"
        role="group"
        aria-label={t('tools.result.faces', { count: faces.length })}
      >
        {faces.map((face, index) => (
          <button
            key={index}
            type="button"
            title={t('tools.result.faceHint', { number: index + 1 })}
            onClick={() => onPick(index + 1)}
          >
            {t('tools.result.face', { number: index + 1 })}
          </button>
        ))}
      </div>
    )
  const { width, height } = size
  const pct = (value: number, of: number) => `${(100 * value) / Math.max(1, of)}%`
  return (
    <div className="tl-faces" role="group" aria-label={t('tools.result.faces', { count: faces.length })}>
      {faces.map((face, index) => (
        <button
          key={index}
          type="button"
          className="tl-face"
          style={{
            left: pct(face.x, width),
            top: pct(face.y, height),
            width: pct(face.width, width),
            height: pct(face.height, height),
          }}
          aria-label={t('tools.result.face', { number: index + 1 })}
          title={t('tools.result.faceHint', { number: index + 1 })}
          onClick={() => onPick(index + 1)}
        >
          <span>{index + 1}</span>
        </button>
      ))}
    </div>
  )
}
