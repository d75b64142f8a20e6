import {
  planPlot,
  plotAxisNames,
  taskRequestSchema,
  type ImageSource,
  type PlotAxisInput,
  type PlotAxisName,
  type PlotPlanError,
  type PlotRequestInput,
} from '#contract'
import { buildRequest, type RequestImages } from '../workbench/request'
import { selectValidation } from '../workbench/selectors'
import type { WorkbenchState } from '../workbench/store-types'
import type { PlotAxisDraft } from './plot-store'

export type PlotPreview =
  | { readonly state: 'invalid_form' | 'no_values' }
  | { readonly state: 'error'; readonly error: PlotPlanError }
  | {
      readonly state: 'ready'
      /** The axes as typed; the base is built at Start, with the real input images. */
      readonly axes: Omit<PlotRequestInput, 'base'>
      readonly counts: Partial<Record<PlotAxisName, number>>
      readonly taskCount: number
      readonly imageCount: number
    }

// Planning needs input images only to be valid sources: which picture they are changes no count or
// range, and reading them (a painted mask is rendered and imported) waits until Start.
const standIn: ImageSource = { type: 'url', url: 'https://plot.invalid/input.png' }
const standInImages = (workbench: WorkbenchState): RequestImages => ({
  source: standIn,
  mask: standIn,
  controlImages: workbench.draft.controlnet.units.map(() => standIn),
})
const noUploads = { allowResize: false, keepUploads: false }

/**
 * What Start would send, checked as main checks it (the same contract function), so the panel's
 * feedback and the refusal main would give never disagree. The current mode's form is the base:
 * text2image, img2img, inpaint or ControlNet, each with the axes and ranges of its endpoint.
 */
export function previewPlot(
  workbench: WorkbenchState,
  axes: Record<PlotAxisName, PlotAxisDraft>,
): PlotPreview {
  if (!selectValidation(workbench).valid) return { state: 'invalid_form' }
  const inputs: Partial<Record<PlotAxisName, PlotAxisInput>> = {}
  for (const name of plotAxisNames) {
    const draft = axes[name]
    if (draft.type !== null && (name === 'x' || draft.values.trim() !== ''))
      inputs[name] = { type: draft.type, values: draft.values }
  }
  const x = inputs.x
  if (!x || x.values.trim() === '') return { state: 'no_values' }
  let checked
  try {
    checked = taskRequestSchema.safeParse(
      buildRequest(workbench.mode, workbench.draft, standInImages(workbench), noUploads),
    )
  } catch {
    return { state: 'invalid_form' }
  }
  if (!checked.success) return { state: 'invalid_form' }
  const result = planPlot({ ...inputs, x, base: checked.data })
  if (!result.ok) return { state: 'error', error: result.error }
  const counts: Partial<Record<PlotAxisName, number>> = {}
  for (const name of plotAxisNames) {
    const axis = result.plan.axes[name]
    if (axis) counts[name] = axis.values.length
  }
  return {
    state: 'ready',
    axes: { ...inputs, x },
    counts,
    taskCount: result.plan.taskCount,
    imageCount: result.plan.imageCount,
  }
}
