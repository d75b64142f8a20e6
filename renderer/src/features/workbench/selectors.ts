import type { AdetailerUnit } from '#contract'
import type { PickedImage } from '../sources'
import { clipSkipOf } from './draft'
import { validateForm } from './input-validation'
import { alignImages } from './inputs-slice'
import type { WorkbenchState } from './store-types'

/*
 * Selectors return values or references that only change when their part of the state does, so a
 * component re-renders only when what it shows changes.
 */

export const selectDraft = (state: WorkbenchState) => state.draft
export const selectPrompt = (state: WorkbenchState) => state.draft.prompt
export const selectNegativePrompt = (state: WorkbenchState) => state.draft.negative_prompt
export const selectCheckpoint = (state: WorkbenchState) => state.draft.alwayson_scripts.sd_model_checkpoint
export const selectVae = (state: WorkbenchState) => state.draft.alwayson_scripts.sd_vae ?? ''
export const selectClipSkip = (state: WorkbenchState) => clipSkipOf(state.draft)
export const selectTotalImages = (state: WorkbenchState) => state.draft.n_iter * state.draft.batch_size
export const selectSeedMode = (state: WorkbenchState) => state.seedMode
export const selectLastSeed = (state: WorkbenchState) => state.lastSeed
export const selectCanUndo = (state: WorkbenchState) => state.past.length > 0
export const selectCanRedo = (state: WorkbenchState) => state.future.length > 0
export const selectAssets = (state: WorkbenchState) => state.assets
export const selectPrefs = (state: WorkbenchState) => state.prefs

const noUnits: readonly AdetailerUnit[] = []
export const selectAdetailerUnits = (state: WorkbenchState) =>
  state.draft.alwayson_scripts.ADetailer?.args ?? noUnits

/** Cached per draft, mode and inputs: every field may call it on each render. */
export const selectValidation = (state: WorkbenchState) => validateForm(state.mode, state.draft, state)

export const selectMode = (state: WorkbenchState) => state.mode
export const selectSource = (state: WorkbenchState) => state.source
export const selectImageSettings = (state: WorkbenchState) => state.draft.img2img
export const selectControlNet = (state: WorkbenchState) => state.draft.controlnet

let alignedFor: { images: WorkbenchState['controlImages']; count: number } | null = null
let aligned: readonly (PickedImage | null)[] = []
/** The control images, one per unit (undo may have changed the unit count since they were set). */
export const selectControlImages = (state: WorkbenchState) => {
  const count = state.draft.controlnet.units.length
  if (alignedFor?.images !== state.controlImages || alignedFor.count !== count) {
    alignedFor = { images: state.controlImages, count }
    aligned =
      state.controlImages.length === count ? state.controlImages : alignImages(state.controlImages, count)
  }
  return aligned
}
