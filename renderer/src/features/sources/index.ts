/** The sources feature's public surface: the input image slot used by img2img, inpaint and ControlNet. */
export { ImageSourcePicker, type ImageSourcePickerProps } from './ImageSourcePicker'
export {
  resultDragType,
  resultDragData,
  parseResultDrag,
  type PickedImage,
  type ResultDrag,
} from './picked-image'
export { isImageSourceTarget } from './use-slot-events'
export { dataUrlHead, imageSizeOf } from './image-bytes'
