import type { AdetailerUnit } from '../../../../main/contract'
import { clipSkipOf } from './draft'
import type { WorkbenchState } from './store-types'
import { validateDraft } from './validation'

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

/** Cached per draft object: every field may call it on each render. */
export const selectValidation = (state: WorkbenchState) => validateDraft(state.draft)
