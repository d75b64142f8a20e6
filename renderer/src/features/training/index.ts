/** The Training feature's public surface: the screen (lazy, from App) and its draft store. */
export type { TrainingScreenProps } from './TrainingScreen'
export { useTrainingStore } from './training-store'
