/**
 * The sources feature's public surface: the input image slot used by img2img, inpaint and
 * ControlNet, and what decides whether local images may go to the profile's storage (the consent
 * per destination, the dialog and the storage-needed notice), shared by Generate and the preview.
 */
export { ImageSourcePicker, type ImageSourcePickerProps } from './ImageSourcePicker'
export {
  resultDragType,
  isResultDrag,
  resultDragData,
  parseResultDrag,
  type PickedImage,
  type ResultDrag,
} from './picked-image'
export { isImageSourceTarget } from './use-slot-events'
export { dataUrlHead, imageSizeOf } from './image-bytes'
export { pickedFromLink } from './picked-image'
export { activeProfile, checkUploads, lacksImageStorage, type ImageUploads } from './upload-gate'
export { useUploadConsents } from './upload-consents'
export { useActiveProfile } from './use-active-profile'
export { openStorageSettings } from './open-settings'
export { StorageNeededNotice, UploadConfirmDialog } from './UploadNotices'
export { SlotStorageNotice } from './SlotStorageNotice'
export { noPreviewText, originText } from './source-text'
export { SlotActionsProvider, type SlotActions } from './slot-actions'
export { readImageFile } from './read-image-file'
