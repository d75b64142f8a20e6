import {
  assetListGuess,
  serviceDedupesTaskId,
  simulatedServiceCodes,
  type TemporaryImageStyle,
} from '../services/api/api-guesses'
import { apiPaths } from '../services/api/api-paths'
import type { AssetKind } from '../services/api/api-types'
import { assetRows } from './sim-assets'
import type { FaultState } from './sim-faults'
import { archivedData, realtimeData, type SimTask, type SimTiming } from './sim-tasks'
import { attachSourceImages } from './sim-source-image'
import {
  validateImage2ImageV2,
  validateText2ImageV2,
  validateText2ImageV3,
  type SimTaskSpec,
  type Validation,
} from './sim-validate'

/** The tasks and balances the simulator keeps. */
export interface SimStore {
  readonly tasks: Map<string, SimTask>
  /** Images each account may still generate; absent = unlimited. */
  readonly credits: Map<string, number>
  nextServiceId: number
}

export interface RouteContext {
  readonly store: SimStore
  readonly baseUrl: string
  readonly path: string
  readonly now: number
  readonly timing: SimTiming
  readonly style: TemporaryImageStyle
  readonly faults: FaultState
  readonly archiveAfterMs: number
  /** Whose balance a submit spends. */
  readonly account: string
  /** Aborted when the simulator closes (ends image downloads). */
  readonly signal: AbortSignal
}

export interface Envelope {
  readonly code: string
  readonly msg: string
  readonly data: unknown
}

export type RouteAnswer = { readonly kind: 'json'; readonly envelope: Envelope } | { readonly kind: 'reset' }

const ok = (data: unknown): RouteAnswer => ({ kind: 'json', envelope: { code: '200', msg: 'success', data } })

/** A business error: HTTP 200 with a non-"200" code (guess 6), the simulator's codes (guess 5). */
export const businessError = (kind: keyof typeof simulatedServiceCodes, msg: string): RouteAnswer => ({
  kind: 'json',
  envelope: { code: simulatedServiceCodes[kind], msg, data: null },
})

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {}

/** A submit's extra step after validation (img2img downloads its images); none for text2image. */
type Prepare = (spec: SimTaskSpec, signal: AbortSignal) => Promise<Validation>

const submit =
  (validate: (body: unknown) => Validation, answer: (task: SimTask) => unknown, prepare?: Prepare) =>
  async (ctx: RouteContext, body: unknown): Promise<RouteAnswer> => {
    const validated = validate(body)
    const checked = validated.ok && prepare ? await prepare(validated.spec, ctx.signal) : validated
    if (!checked.ok)
      return businessError('invalid', `invalid parameter: ${checked.field}: ${checked.message}`)
    const existing = ctx.store.tasks.get(checked.spec.taskId)
    if (existing && serviceDedupesTaskId) return ok(answer(existing))
    const balance = ctx.store.credits.get(ctx.account)
    if (
      ctx.faults.fires('quotaExceeded', ctx.path) ||
      (balance !== undefined && balance < checked.spec.imageCount)
    )
      return businessError('quota', '余额不足 (insufficient balance)')
    if (balance !== undefined) ctx.store.credits.set(ctx.account, balance - checked.spec.imageCount)
    const task: SimTask = {
      spec: checked.spec,
      serviceId: String(ctx.store.nextServiceId++),
      createdAt: ctx.now,
      willFail: ctx.faults.fires('taskFailure', ctx.path),
    }
    ctx.store.tasks.set(task.spec.taskId, task)
    if (ctx.faults.fires('resetAfterSubmit', ctx.path)) return { kind: 'reset' }
    return ok(answer(task))
  }

const query =
  (archived: boolean) =>
  (ctx: RouteContext, body: unknown): RouteAnswer => {
    const taskId = record(body).businessTaskId
    if (typeof taskId !== 'string' || taskId.length === 0)
      return businessError('invalid', 'invalid parameter: businessTaskId: required')
    const task = ctx.store.tasks.get(taskId)
    // The realtime query serves only recent tasks; older ones are in the archive (§6).
    if (!task || (!archived && ctx.now - task.createdAt > ctx.archiveAfterMs))
      return businessError('notFound', '任务不存在 (task not found)')
    const view = {
      baseUrl: ctx.baseUrl,
      now: ctx.now,
      timing: ctx.timing,
      style: ctx.style,
      unknownStatus: ctx.faults.faults.unknownStatus ?? null,
    }
    return ok(archived ? archivedData(task, view) : realtimeData(task, view))
  }

const pageField = (value: unknown, max: number): number | null =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max ? value : null

const list =
  (kind: AssetKind) =>
  (ctx: RouteContext, body: unknown): RouteAnswer => {
    const fields = record(body)
    const pageSize = pageField(fields.pageSize, 100)
    const pageNum = pageField(fields.pageNum, 100_000)
    if (pageSize === null)
      return businessError('invalid', 'invalid parameter: pageSize: an integer 1–100 is required')
    if (pageNum === null)
      return businessError('invalid', 'invalid parameter: pageNum: an integer ≥ 1 is required')
    const filters = [
      ['sdModelCheckpoint', fields.sdModelCheckpoint],
      ['sdModelName', fields.sdModelName],
    ] as const
    const rows = assetRows(kind, ctx.baseUrl).filter((row) =>
      filters.every(
        ([key, wanted]) =>
          typeof wanted !== 'string' ||
          String(row[key] ?? '')
            .toLowerCase()
            .includes(wanted.toLowerCase()),
      ),
    )
    return ok({
      rows: rows.slice((pageNum - 1) * pageSize, pageNum * pageSize),
      total: rows.length,
      pageSize,
      pageNum,
    })
  }

type Route = (ctx: RouteContext, body: unknown) => RouteAnswer | Promise<RouteAnswer>

const routes = new Map<string, Route>([
  [apiPaths.text2image, submit(validateText2ImageV2, (task) => ({ task_id: task.spec.taskId }))],
  [
    apiPaths.text2imageV3,
    submit(validateText2ImageV3, (task) => ({ taskId: task.serviceId, businessTaskId: task.spec.taskId })),
  ],
  // A source or mask that cannot be downloaded refuses the submit (naming the field): no task is made.
  [
    apiPaths.image2image,
    submit(validateImage2ImageV2, (task) => ({ task_id: task.spec.taskId }), attachSourceImages),
  ],
  [apiPaths.queryTask, query(false)],
  [apiPaths.queryArchivedTask, query(true)],
  ...(Object.keys(assetListGuess) as AssetKind[]).map((kind): [string, Route] => [
    assetListGuess[kind].path,
    list(kind),
  ]),
])

/** The handler of a POST API path, or undefined for an unknown path. */
export const apiRoute = (path: string): Route | undefined => routes.get(path)

/** Whether a path creates tasks (the submit-only fault applies there). */
export const isSubmitPath = (path: string): boolean =>
  path === apiPaths.text2image || path === apiPaths.text2imageV3 || path === apiPaths.image2image
