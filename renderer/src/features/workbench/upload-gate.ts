import type { ImageUploads, PickedImage } from '../sources'
import { enabledUnitIndexes } from './request'
import type { WorkbenchState } from './store-types'

/**
 * What a submit of the current mode may send to the profile's storage: `local` for a picked file,
 * a clipboard image, a restored input, and always for inpaint (the mask is painted here);
 * `fallback` for earlier results only; `none` for pasted links only, or no images.
 */
export function imageUploads(state: WorkbenchState): ImageUploads {
  const images = (() => {
    switch (state.mode) {
      case 'text2image':
        return []
      case 'image2image':
        return [state.source]
      case 'inpaint':
        return [state.source]
      case 'controlnet':
        return [state.source, ...enabledUnitIndexes(state.draft).map((index) => state.controlImages[index])]
    }
  })()
  if (state.mode === 'inpaint' || images.some((image) => image?.needsUpload === true)) return 'local'
  const isResult = (image: PickedImage | null | undefined) => image?.source.type === 'result'
  return images.some(isResult) ? 'fallback' : 'none'
}
