import {
  allowedOf,
  bodySchemaOf,
  toolPath,
  toolQueryPath,
  toolRegistry,
  type ToolId,
  type ToolRow,
} from '#contract'
import {
  businessError,
  invalidParameter,
  ok,
  record,
  type Route,
  type RouteAnswer,
  type RouteContext,
} from './sim-route-kit'
import { hairChangeCode, simHairChange } from './sim-hair-change'
import { simToolBehaviours, type SimToolBehaviour, type SimToolOutput } from './sim-tool-behaviours'
import { taskIdPattern } from './sim-validate'

/**
 * How tool submits answer (§13 shows both): `documented` as each row's page shows, `at-once` with
 * the result in the submit answer, `task-id` with `{task_id}` and the result through queryTask.
 */
export type SimToolAnswer = 'documented' | 'at-once' | 'task-id'

/** The simulator's tool state: the runs by `businessTaskId`, the answer shape, an optional echo. */
export interface SimToolState {
  readonly runs: Map<string, SimToolRun>
  answer: SimToolAnswer
  /** Test knob: text appended to every string a tool answers (e.g. a canary, SECURITY.md #25). */
  echo: string | null
}

export interface SimToolRun {
  readonly taskId: string
  readonly serviceId: string
  /** The status beside a finished result (prompt expansion's page shows 0, the others 1). */
  readonly doneStatus: 0 | 1
  readonly createdAt: number
  /** When the result is there: at once for an at-once answer, after a few steps otherwise. */
  readonly doneAt: number
  readonly willFail: boolean
  readonly output: SimToolOutput
}

export const createSimToolState = (answer: SimToolAnswer = 'documented'): SimToolState => ({
  runs: new Map(),
  answer,
  echo: null,
})

const toolSteps = 5
const imagePrefix = '/sim-images/tool-run/'

export const toolRunImagePath = (taskId: string, index: number) =>
  `${imagePrefix}${encodeURIComponent(taskId)}/${index}.png`

/** The output PNG of a tool run's image path, once the run is done; null for anything else. */
export function toolRunImage(tools: SimToolState, path: string, now: number): Buffer | null {
  const match = /^\/sim-images\/tool-run\/([^/]+)\/(\d+)\.png$/.exec(path)
  const run = match?.[1] ? tools.runs.get(decodeURIComponent(match[1])) : undefined
  if (!run || now < run.doneAt || run.willFail) return null
  return run.output.images[Number(match?.[2])] ?? null
}

/** The row's body check (tool-rows.ts): the first problem names the field and what it allows. */
function validate(row: ToolRow, body: Record<string, unknown>): RouteAnswer | null {
  const { businessTaskId, ...rest } = body
  if (typeof businessTaskId !== 'string' || !taskIdPattern.test(businessTaskId))
    return invalidParameter('businessTaskId', '1–128 letters, digits or ._:- are required')
  const issue = bodySchemaOf(row.fields).safeParse(rest).error?.issues[0]
  if (!issue) return null
  if (issue.code === 'unrecognized_keys') return invalidParameter(issue.keys[0] ?? '?', 'unknown field')
  const name = String(issue.path[0] ?? '')
  const field = row.fields.find((candidate) => candidate.name === name)
  return invalidParameter(
    name,
    `${rest[name] === undefined ? 'required' : 'out of range'}: ${field ? allowedOf(field) : ''}`,
  )
}

const echoed = (value: unknown, echo: string | null): unknown => {
  if (echo === null) return value
  if (typeof value === 'string') return `${value} ${echo}`
  return Array.isArray(value) ? value.map((item) => echoed(item, echo)) : value
}

/** A run's data in the answer: the result fields once done, status 0/1 as the pages show them. */
function runData(tools: SimToolState, run: SimToolRun, ctx: RouteContext) {
  const base = { taskId: run.serviceId, businessTaskId: run.taskId }
  if (ctx.now < run.doneAt) return { ...base, status: 0, desc: echoed('生成中', tools.echo) }
  if (run.willFail) return { ...base, status: -1, desc: echoed('任务失败 (task failed)', tools.echo) }
  const links = run.output.images.map((_, i) => `${ctx.baseUrl}${toolRunImagePath(run.taskId, i)}`)
  const images =
    links.length === 1 ? { outputImageUrl: links[0] } : links.length > 1 ? { outputImageUrls: links } : {}
  const fields = Object.fromEntries(
    Object.entries(run.output.fields).map(([key, value]) => [
      key,
      key === 'faces' ? value : echoed(value, tools.echo),
    ]),
  )
  return { ...base, status: run.doneStatus, ...fields, ...images }
}

/** What a tool route needs: its body check, its behaviour, the answer its page shows. */
export interface SimToolSpec {
  readonly check: (body: Record<string, unknown>) => RouteAnswer | null
  readonly behaviour: SimToolBehaviour
  readonly documentedAnswer: ToolRow['documentedAnswer']
  readonly doneStatus: 0 | 1
}

const rowSpec = (toolId: Exclude<ToolId, 'cntPreview'>): SimToolSpec => {
  const row = toolRegistry[toolId]
  return {
    check: (body) => validate(row, body),
    behaviour: simToolBehaviours[toolId],
    documentedAnswer: row.documentedAnswer,
    // Prompt expansion's page shows status 0 beside its result; the others show 1.
    doneStatus: row.output === 'prompts' ? 0 : 1,
  }
}

const atOnce = (tools: SimToolState, spec: SimToolSpec) =>
  tools.answer === 'at-once' || (tools.answer === 'documented' && spec.documentedAnswer === 'result')

function submitRoute(spec: SimToolSpec): Route {
  return async (ctx, raw) => {
    const tools = ctx.store.tools
    const body = record(raw)
    const refused = spec.check(body)
    if (refused) return refused
    const taskId = String(body.businessTaskId)
    const existing = tools.runs.get(taskId)
    const answer = (run: SimToolRun) =>
      ok(atOnce(tools, spec) ? runData(tools, run, ctx) : { task_id: `pre${run.serviceId}` })
    if (existing) return answer(existing)
    if (ctx.faults.fires('quotaExceeded', ctx.path))
      return businessError('quota', '余额不足 (insufficient balance)')
    const made = await spec.behaviour(body, ctx.signal)
    if (!made.ok) return invalidParameter(made.field, made.message)
    const steps = ctx.timing
    const run: SimToolRun = {
      taskId,
      serviceId: String(ctx.store.nextServiceId++),
      doneStatus: spec.doneStatus,
      createdAt: ctx.now,
      doneAt: atOnce(tools, spec) ? ctx.now : ctx.now + steps.queueMs + toolSteps * steps.msPerStep,
      willFail: ctx.faults.fires('taskFailure', ctx.path),
      output: made.output,
    }
    tools.runs.set(taskId, run)
    if (ctx.faults.fires('resetAfterSubmit', ctx.path)) return { kind: 'reset' }
    return answer(run)
  }
}

function queryRoute(): Route {
  return (ctx, raw) => {
    const tools = ctx.store.tools
    const taskId = record(raw).businessTaskId
    if (typeof taskId !== 'string' || taskId.length === 0)
      return invalidParameter('businessTaskId', 'required')
    const run = tools.runs.get(taskId)
    if (!run) return businessError('notFound', '任务不存在 (task not found)')
    return ok(runData(tools, run, ctx))
  }
}

/** Every tool the simulator runs by its code: the documented rows but the CNT preview, and hair change. */
const simToolSpecs: readonly [string, SimToolSpec][] = [
  ...(Object.keys(simToolBehaviours) as Exclude<ToolId, 'cntPreview'>[]).map(
    (toolId): [string, SimToolSpec] => [toolRegistry[toolId].toolCode, rowSpec(toolId)],
  ),
  [hairChangeCode, simHairChange],
]

/** Submit and query routes of every tool in `simToolSpecs`. */
export function simToolRoutes(): [string, Route][] {
  return simToolSpecs.flatMap(([toolCode, spec]): [string, Route][] => [
    [toolPath(toolCode), submitRoute(spec)],
    [toolQueryPath(toolCode), queryRoute()],
  ])
}

/** The tools' submit paths (the submit-only faults and the request log's bodies apply there). */
export const simToolSubmitPaths: readonly string[] = simToolSpecs.map(([toolCode]) => toolPath(toolCode))
