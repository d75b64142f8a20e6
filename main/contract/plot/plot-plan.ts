import { taskRequestSchema, type TaskRequest } from '../procedures/tasks'
import { parseNumberAxis, parseTextAxis, type AxisValuesError } from './axis-values'
import { maxPlotCells } from './plot-cell-ref'
import { plotAxisSpecs, type ApplyRefusal, type PlotAxisType, type PlotValue } from './axis-types'
import { axisTakesWholeNumbers, plotAxesFor } from './axis-modes'
import { plotValueLabel } from './axis-captions'

export const plotAxisNames = ['x', 'y', 'z'] as const
export type PlotAxisName = (typeof plotAxisNames)[number]

/** One axis as the user wrote it. */
export interface PlotAxisInput {
  readonly type: PlotAxisType
  readonly values: string
}

export interface PlotAxisPlan {
  readonly type: PlotAxisType
  /** The values text as typed (the infotext's `X Values`). */
  readonly text: string
  readonly values: PlotValue[]
  /** What the grid writes beside each row or column, in English (plot-service.ts words it for zh). */
  readonly labels: string[]
}

export interface PlotCellPlan {
  readonly x: number
  readonly y: number
  readonly z: number
  /** The cell's request, validated: exactly what the cell's task will be. */
  readonly request: TaskRequest
}

export interface PlotPlan {
  readonly axes: Partial<Record<PlotAxisName, PlotAxisPlan>>
  /** In A1111's order: x fastest, then y, then z. */
  readonly cells: PlotCellPlan[]
  readonly taskCount: number
  /** Tasks × images per task (`n_iter × batch_size`). */
  readonly imageCount: number
}

export type PlotPlanErrorReason =
  AxisValuesError['reason'] | ApplyRefusal | 'out_of_range' | 'invalid_base' | 'same_type' | 'too_many_cells'

/** Why a plot cannot be planned: which axis, which value as typed, and what is wrong with it. */
export interface PlotPlanError {
  readonly axis: PlotAxisName | 'base'
  readonly type?: PlotAxisType
  readonly value?: string
  readonly reason: PlotPlanErrorReason
  readonly message: string
}

export type PlotPlanResult = { ok: true; plan: PlotPlan } | { ok: false; error: PlotPlanError }

/** Above this many tasks the UI asks before starting; a setting may change it. */
export const defaultPlotConfirmAbove = 16
/** A1111 draws seeds from [0, 4294967294). */
export const randomPlotSeed = () => Math.floor(Math.random() * 4_294_967_294)

export interface PlotPlanInput {
  readonly base: TaskRequest
  readonly x: PlotAxisInput
  readonly y?: PlotAxisInput
  readonly z?: PlotAxisInput
}

const reasonText: Record<AxisValuesError['reason'] | ApplyRefusal, string> = {
  empty: 'has no values',
  not_a_number: 'is not a number',
  not_an_integer: 'is not a whole number',
  empty_range: 'is a range with no values',
  too_many: 'gives too many values',
  not_found: 'is not in the prompt or the negative prompt (Prompt S/R searches for the first value)',
  not_a_size: 'is not a size such as 512x768',
  unknown_schedule: 'is not a schedule (Automatic, Karras or Exponential)',
  wrong_mode: 'is not available in this mode (ControlNet weight needs the ControlNet mode)',
  needs_hires: 'needs hires fix on: without a source image, denoising acts only on the hires pass',
}

const fail = (error: Omit<PlotPlanError, 'message'>, detail: string): PlotPlanResult => ({
  ok: false,
  error: {
    ...error,
    message: `${error.axis === 'base' ? 'The base parameters' : `Axis ${error.axis.toUpperCase()}`}${
      error.type ? ` (${plotAxisSpecs[error.type].label})` : ''
    }${error.value === undefined ? '' : `: "${error.value}"`} ${detail}`,
  },
})

const cloneRequest = (request: TaskRequest): TaskRequest => structuredClone(request)

function applyValue(request: TaskRequest, type: PlotAxisType, value: PlotValue, first: PlotValue) {
  const copy = cloneRequest(request)
  const spec: { apply: (p: TaskRequest['params'], v: PlotValue, f: PlotValue) => ApplyRefusal | null } =
    plotAxisSpecs[type]
  const refusal = spec.apply(copy.params, value, first)
  return { copy, refusal }
}

/** The first schema issue about this axis's fields, in words. */
function rangeIssue(request: TaskRequest, type: PlotAxisType): string | null {
  const checked = taskRequestSchema.safeParse(request)
  if (checked.success) return null
  const fields: readonly string[] = plotAxisSpecs[type].fields
  const issue = checked.error.issues.find((each) => {
    const path = each.path.slice(1).map(String).join('.')
    return each.path[0] === 'params' && fields.some((field) => path === field || path.startsWith(`${field}.`))
  })
  return issue ? `is out of range: ${issue.message}` : null
}

function planAxis(base: TaskRequest, name: PlotAxisName, input: PlotAxisInput, seed: () => number) {
  const spec = plotAxisSpecs[input.type]
  const parsed =
    spec.value === 'text' ? parseTextAxis(input.values) : parseNumberAxis(input.values, spec.value === 'int')
  const where = { axis: name, type: input.type }
  if (!plotAxesFor(base.kind).includes(input.type))
    return fail({ ...where, reason: 'wrong_mode' }, reasonText.wrong_mode)
  if (!parsed.ok) return fail({ ...where, ...parsed.error }, reasonText[parsed.error.reason])
  const whole = axisTakesWholeNumbers(base, input.type)
  const fraction = parsed.values.find((value) => whole && !Number.isInteger(value))
  if (fraction !== undefined)
    return fail(
      { ...where, value: String(fraction), reason: 'not_an_integer' },
      'is not a whole number, and this endpoint takes whole numbers only',
    )
  // A1111 fixes every -1 seed to a random one before the first cell, so each column keeps its seed.
  const values: PlotValue[] = parsed.values.map((value) =>
    input.type === 'seed' && value === -1 ? seed() : value,
  )
  const first = values[0] ?? ''
  for (const [index, value] of values.entries()) {
    const typed = String(parsed.values[index])
    const { copy, refusal } = applyValue(base, input.type, value, first)
    if (refusal) return fail({ ...where, value: typed, reason: refusal }, reasonText[refusal])
    const issue = rangeIssue(copy, input.type)
    if (issue) return fail({ ...where, value: typed, reason: 'out_of_range' }, issue)
  }
  const axis: PlotAxisPlan = {
    type: input.type,
    text: input.values,
    values,
    labels: values.map((value) => plotValueLabel(input.type, value, 'en')),
  }
  return { ok: true as const, axis }
}

/**
 * Plans a plot: parses each axis, fixes random seeds, checks every value against the task
 * schema's ranges (so nothing invalid is ever sent), and builds one validated request per cell.
 * Pure and deterministic for a given `seed` source.
 */
export function planPlot(input: PlotPlanInput, seed: () => number = randomPlotSeed): PlotPlanResult {
  const baseCheck = taskRequestSchema.safeParse(input.base)
  if (!baseCheck.success) {
    const issue = baseCheck.error.issues[0]
    return fail(
      { axis: 'base', reason: 'invalid_base' },
      `are not valid: ${issue?.path.join('.')} ${issue?.message}`,
    )
  }
  const base = cloneRequest(baseCheck.data)
  if (base.params.seed === -1) base.params.seed = seed()
  // A hires scale axis turns hires fix on in every cell, so a denoising axis beside it has a pass to act on.
  if (plotAxisNames.some((name) => input[name]?.type === 'hr_scale')) base.params.enable_hr = true
  const axes: Partial<Record<PlotAxisName, PlotAxisPlan>> = {}
  const seen = new Set<PlotAxisType>()
  for (const name of plotAxisNames) {
    const axisInput = input[name]
    if (!axisInput) continue
    if (seen.has(axisInput.type))
      return fail({ axis: name, type: axisInput.type, reason: 'same_type' }, 'is already on another axis')
    seen.add(axisInput.type)
    const planned = planAxis(base, name, axisInput, seed)
    if (!('axis' in planned)) return planned
    axes[name] = planned.axis
  }
  const sizes = plotAxisNames.map((name) => axes[name]?.values.length ?? 1)
  const [width = 1, height = 1, depth = 1] = sizes
  if (width * height * depth > maxPlotCells)
    return fail(
      { axis: 'x', reason: 'too_many_cells' },
      `gives ${width * height * depth} cells; at most ${maxPlotCells}`,
    )
  const cells: PlotCellPlan[] = []
  for (let z = 0; z < depth; z += 1)
    for (let y = 0; y < height; y += 1)
      for (let x = 0; x < width; x += 1) {
        const made = cellRequest(base, axes, { x, y, z })
        if (!made.ok) return made
        cells.push({ x, y, z, request: made.request })
      }
  const perTask = (base.params.n_iter ?? 1) * (base.params.batch_size ?? 1)
  return { ok: true, plan: { axes, cells, taskCount: cells.length, imageCount: cells.length * perTask } }
}

function cellRequest(
  base: TaskRequest,
  axes: Partial<Record<PlotAxisName, PlotAxisPlan>>,
  at: Record<PlotAxisName, number>,
): { ok: true; request: TaskRequest } | { ok: false; error: PlotPlanError } {
  let request = base
  for (const name of plotAxisNames) {
    const axis = axes[name]
    if (!axis) continue
    const { copy } = applyValue(request, axis.type, axis.values[at[name]] ?? '', axis.values[0] ?? '')
    request = copy
  }
  const checked = taskRequestSchema.safeParse(request)
  if (checked.success) return { ok: true, request: checked.data }
  const labels = plotAxisNames.flatMap((name) => axes[name]?.labels[at[name]] ?? [])
  const issue = checked.error.issues[0]
  const message = `The cell ${labels.join(' × ')} is not valid: ${issue?.path.join('.')} ${issue?.message}`
  return { ok: false, error: { axis: 'x', reason: 'out_of_range', value: labels.join(' × '), message } }
}
