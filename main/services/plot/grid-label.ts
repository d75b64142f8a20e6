import type { OverlayOptions } from 'sharp'
import { loadSharp } from '../images/load-sharp'

/** The family inside resources/fonts/plot-label-font.ttf (a subset of WenQuanYi Micro Hei). */
export const labelFontFamily = 'WenQuanYi Micro Hei'

export interface LabelBox {
  readonly left: number
  readonly top: number
  readonly width: number
  readonly height: number
  readonly fontSize: number
  /** The font file: libvips loads it itself, so no installed font is needed (CJK included). */
  readonly fontFile: string
  readonly colour?: string
}

const padding = 8
const maxLabelLength = 500

/** Pango markup treats these as tags and entities; a label is plain text. */
const escapeMarkup = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/**
 * One label as an overlay: wrapped to the box's width, centred in the box, cut at its bottom edge
 * when too long. Null for an empty label. The text goes through libvips' text renderer with the
 * shipped font file, which (unlike SVG text) does not depend on the fonts installed.
 */
export async function drawLabel(text: string, box: LabelBox): Promise<OverlayOptions | null> {
  const shown = text.trim().slice(0, maxLabelLength)
  const width = box.width - padding * 2
  const height = box.height - padding * 2
  if (shown === '' || width < 8 || height < 8) return null
  const sharp = await loadSharp()
  const rendered = await sharp({
    text: {
      text: `<span foreground="${box.colour ?? '#000000'}">${escapeMarkup(shown)}</span>`,
      font: `${labelFontFamily} ${box.fontSize}`,
      fontfile: box.fontFile,
      width,
      align: 'centre',
      wrap: 'word-char',
      rgba: true,
      dpi: 72,
    },
  })
    .png()
    .toBuffer({ resolveWithObject: true })
  const cutHeight = Math.min(rendered.info.height, height)
  const cutWidth = Math.min(rendered.info.width, width)
  const input =
    cutHeight < rendered.info.height || cutWidth < rendered.info.width
      ? await sharp(rendered.data)
          .extract({ left: 0, top: 0, width: cutWidth, height: cutHeight })
          .png()
          .toBuffer()
      : rendered.data
  return {
    input,
    left: box.left + Math.floor((box.width - cutWidth) / 2),
    top: box.top + Math.floor((box.height - cutHeight) / 2),
  }
}
