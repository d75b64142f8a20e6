import { create } from 'zustand'
import { trainingLinkLimits, type TrainingStartId } from '#contract'
import type { FieldValue, FormValues } from '../tools'
import type { DatasetImage } from './dataset/dataset-types'
import { firstStart, firstValues } from './settings/training-form'

interface TrainingState {
  readonly images: readonly DatasetImage[]
  /** Files in a picked or dropped folder that were not pictures (captions, system files). */
  readonly skipped: number
  readonly values: FormValues
  /** The starting point last applied, while the fields still hold its values. */
  readonly startingPoint: TrainingStartId | null
  readonly advancedOpen: boolean
  /** The uploads stay in the bucket after the job ends. */
  readonly keepUploads: boolean
  /** How long the upload links live: training may wait in a queue, so 7 days unless the user shortens it. */
  readonly linkLifetimeDays: number
  /** Words that call up the trained concept, comma-separated as typed; copied to the LoRA's preset. */
  readonly triggerWords: string
  /** A name the LoRA is expected to carry, to recognise it in the profile's LoRA list. */
  readonly loraHint: string
  addImages(images: readonly DatasetImage[], skipped: number): void
  updateImage(image: DatasetImage): void
  removeImage(id: string): void
  clearImages(): void
  setField(name: string, value: FieldValue): void
  applyStartingPoint(id: TrainingStartId, values: FormValues): void
  setValues(values: FormValues): void
  setAdvancedOpen(open: boolean): void
  setKeepUploads(keep: boolean): void
  setLinkLifetimeDays(days: number): void
  setTriggerWords(text: string): void
  setLoraHint(text: string): void
}

/**
 * The Training screen's draft: the picked images (by cache key, with what the grid shows), the
 * settings form as typed, and the upload choices. Jobs themselves live in main (history).
 */
export const useTrainingStore = create<TrainingState>()((set) => ({
  images: [],
  skipped: 0,
  values: firstValues,
  startingPoint: firstStart,
  advancedOpen: false,
  keepUploads: false,
  linkLifetimeDays: trainingLinkLimits.defaultDays,
  triggerWords: '',
  loraHint: '',
  addImages: (images, skipped) =>
    set((state) => ({ images: [...state.images, ...images], skipped: state.skipped + skipped })),
  updateImage: (image) =>
    set((state) => ({ images: state.images.map((old) => (old.id === image.id ? image : old)) })),
  removeImage: (id) => set((state) => ({ images: state.images.filter((image) => image.id !== id) })),
  clearImages: () => set({ images: [], skipped: 0 }),
  // A changed field leaves the starting point: the form no longer is "quick" or "quality".
  setField: (name, value) =>
    set((state) => ({ values: { ...state.values, [name]: value }, startingPoint: null })),
  applyStartingPoint: (startingPoint, values) =>
    set((state) => ({ values: { ...state.values, ...values }, startingPoint })),
  setValues: (values) => set({ values }),
  setAdvancedOpen: (advancedOpen) => set({ advancedOpen }),
  setKeepUploads: (keepUploads) => set({ keepUploads }),
  setLinkLifetimeDays: (linkLifetimeDays) => set({ linkLifetimeDays }),
  setTriggerWords: (triggerWords) => set({ triggerWords }),
  setLoraHint: (loraHint) => set({ loraHint }),
}))
