import { taskKinds, type TaskKind } from '#contract'

/**
 * The workbench's modes, one per task kind and in the same order (text-to-image, image-to-image,
 * inpaint, ControlNet); Alt+1…4 picks them. A mode decides which request the draft becomes.
 */
export const workbenchModes = taskKinds
export type WorkbenchMode = TaskKind

/** The modes that redraw a source image (img2img v2; inpaint is img2img with a mask). */
export const isImageMode = (mode: WorkbenchMode): mode is 'image2image' | 'inpaint' =>
  mode === 'image2image' || mode === 'inpaint'

/** The modes whose input images may go to the profile's storage. */
export const takesInputImages = (mode: WorkbenchMode) => mode !== 'text2image'

export const isWorkbenchMode = (value: unknown): value is WorkbenchMode =>
  workbenchModes.some((mode) => mode === value)
