import { takesWholeNumbers } from '../endpoint-fields'
import { sdEndpointOf } from '../endpoints/sd-routing'
import type { TaskRequest } from '../procedures/tasks'
import type { TaskKind } from '../schemas/task'
import { plotAxisTypes, type PlotAxisType } from './axis-types'

/*
 * Which axes a mode can plot, read from the endpoint registry where it decides: a ControlNet
 * weight exists only on ControlNet units, and an endpoint that types hires scale or CFG as
 * integers (img2img, inpaint, ControlNet v2) would round 7.5 to 8, so two columns would send the
 * same request; such a value is refused before anything is sent.
 */

/** Axes only some modes have, and those modes. */
const axisModes: Partial<Record<PlotAxisType, readonly TaskKind[]>> = {
  controlnet_weight: ['controlnet'],
}

/** The axes a request of `kind` can vary, in the menu's order. */
export function plotAxesFor(kind: TaskKind): PlotAxisType[] {
  return plotAxisTypes.filter((type) => axisModes[type]?.includes(kind) ?? true)
}

/** Whether the request's endpoint takes the axis's field as a whole number only. */
export function axisTakesWholeNumbers(request: TaskRequest, type: PlotAxisType): boolean {
  if (type !== 'hr_scale' && type !== 'cfg_scale') return false
  const endpoint = sdEndpointOf(request.kind, request.kind === 'controlnet' ? request.endpoint : undefined)
  return takesWholeNumbers(endpoint, type)
}
