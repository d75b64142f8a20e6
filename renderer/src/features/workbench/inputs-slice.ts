import { controlNetLimits } from '#contract'
import { emptyMask, isMaskEmpty } from '../inpaint'
import type { PickedImage } from '../sources'
import { commitDraft, replaceBase } from './draft-slice'
import { mergeParams } from './draft'
import type { InputsSlice, WorkbenchSlice } from './store-types'

/** Control images padded or cut to the unit count, so units and images stay index-aligned. */
export const alignImages = (images: readonly (PickedImage | null)[], count: number) =>
  Array.from({ length: Math.min(count, controlNetLimits.maxUnits) }, (_, index) => images[index] ?? null)

/** A painted mask is drawn over one picture: a source of another size makes it meaningless. */
const sameSize = (a: PickedImage | null, b: PickedImage | null) =>
  a !== null && b !== null && a.width === b.width && a.height === b.height

export const createInputsSlice: WorkbenchSlice<InputsSlice> = (set, get) => ({
  mode: 'text2image',
  source: null,
  mask: emptyMask,
  maskImage: null,
  controlImages: [],
  inputOptions: { allowResize: false, keepUploads: null },
  pendingGenerate: false,
  setMode: (mode) => set({ mode }),
  setSource: (source) =>
    set((state) =>
      sameSize(state.source, source) ? { source } : { source, mask: emptyMask, maskImage: null },
    ),
  // Painting replaces a mask restored from an earlier task.
  setMask: (mask) => set((state) => ({ mask, maskImage: isMaskEmpty(mask) ? state.maskImage : null })),
  setMaskImage: (maskImage) => set({ maskImage }),
  setControlNet: ({ units, images }) =>
    set((state) => ({
      ...commitDraft(
        state,
        { ...state.draft, controlnet: { ...state.draft.controlnet, units: [...units] } },
        'controlnet.units',
      ),
      controlImages: alignImages(images, units.length),
    })),
  setInputOption: (key, value) => set((state) => ({ inputOptions: { ...state.inputOptions, [key]: value } })),
  loadTask: (load) =>
    set((state) => {
      const draft = mergeParams(replaceBase(state.draft), load.patch)
      const source = load.source === undefined ? state.source : load.source
      return {
        ...commitDraft(state, draft, null),
        mode: load.mode,
        source,
        mask: source === state.source ? state.mask : emptyMask,
        maskImage:
          load.maskImage !== undefined ? load.maskImage : source === state.source ? state.maskImage : null,
        controlImages: alignImages(load.controlImages ?? state.controlImages, draft.controlnet.units.length),
        pendingGenerate: load.generate,
      }
    }),
  takePendingGenerate: () => {
    const pending = get().pendingGenerate
    if (pending) set({ pendingGenerate: false })
    return pending
  },
})
