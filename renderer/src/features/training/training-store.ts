import { create } from 'zustand'
import type { FieldValue, FormValues } from '../tools'
import type { DatasetImage } from './dataset/dataset-types'

/** A named set of field values that fills the form; the user may change any field afterwards. */
export type StartingPointId = 'quick' | 'balanced' | 'quality'

interface TrainingState {
  readonly images: readonly DatasetImage[]
  /** Files in a picked or dropped folder that were not pictures (captions, system files). */
  readonly skipped: number
  readonly values: FormValues
  /** The starting point last applied, while the fields still hold its values. */
  readonly startingPoint: StartingPointId | null
  readonly advancedOpen: boolean
  /** The uploads stay in the bucket after the job ends. */
  readonly keepUploads: boolean
  /** Sign the upload links for the 7-day maximum for this job, whatever the profile's default. */
  readonly longLinks: boolean
  addImages(images: readonly DatasetImage[], skipped: number): void
  updateImage(image: DatasetImage): void
  removeImage(id: string): void
  clearImages(): void
  setField(name: string, value: FieldValue): void
  applyStartingPoint(id: StartingPointId, values: FormValues): void
  setValues(values: FormValues): void
  setAdvancedOpen(open: boolean): void
  setKeepUploads(keep: boolean): void
  setLongLinks(long: boolean): void
}

/**
 * The Training screen's draft: the picked images (by cache key, with what the grid shows), the
 * settings form as typed, and the upload choices. Jobs themselves live in main (history).
 */
export const useTrainingStore = create<TrainingState>()((set) => ({
  images: [],
  skipped: 0,
  values: {},
  startingPoint: null,
  advancedOpen: false,
  keepUploads: false,
  longLinks: false,
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
  setLongLinks: (longLinks) => set({ longLinks }),
}))
