/** The inpaint feature's public surface: the mask painter and the mask as data. */
export { MaskPainter, type MaskPainterProps } from './MaskPainter'
export {
  emptyMask,
  isMaskEmpty,
  canUndo,
  canRedo,
  type MaskDocument,
  type MaskOperation,
} from './mask-document'
export { renderMaskPng } from './mask-image'
