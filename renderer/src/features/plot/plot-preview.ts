import {
  planPlot,
  plotAxisNames,
  taskRequestSchema,
  type PlotAxisInput,
  type PlotAxisName,
  type PlotPlanError,
  type PlotRequestInput,
} from '#contract'
import { buildRequest } from '../workbench/request'
import { selectValidation } from '../workbench/selectors'
import type { WorkbenchState } from '../workbench/store-types'
import type { PlotAxisDraft } from './plot-store'

export type PlotPreview =
  | { readonly state: 'wrong_mode' | 'invalid_form' | 'no_values' }
  | { readonly state: 'error'; readonly error: PlotPlanError }
  | {
      readonly state: 'ready'
      readonly request: PlotRequestInput
      readonly counts: Partial<Record<PlotAxisName, number>>
      readonly taskCount: number
      readonly imageCount: number
    }

const noImages = { source: null, mask: null, controlImages: [] }
const noUploads = { allowResize: false, keepUploads: false }

/**
 * What Start would send, checked as main checks it (the same contract function), so the panel's
 * feedback and the refusal main would give never disagree. The current text2image form is the base.
 */
export function previewPlot(
  workbench: WorkbenchState,
  axes: Record<PlotAxisName, PlotAxisDraft>,
): PlotPreview {
  if (workbench.mode !== 'text2image') return { state: 'wrong_mode' }
  if (!selectValidation(workbench).valid) return { state: 'invalid_form' }
  const inputs: Partial<Record<PlotAxisName, PlotAxisInput>> = {}
  for (const name of plotAxisNames) {
    const draft = axes[name]
    if (draft.type !== null && (name === 'x' || draft.values.trim() !== ''))
      inputs[name] = { type: draft.type, values: draft.values }
  }
  const x = inputs.x
  if (!x || x.values.trim() === '') return { state: 'no_values' }
  const base = buildRequest('text2image', workbench.draft, noImages, noUploads)
  const checked = taskRequestSchema.safeParse(base)
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
    request: { ...inputs, x, base },
    counts,
    taskCount: result.plan.taskCount,
    imageCount: result.plan.imageCount,
  }
}
