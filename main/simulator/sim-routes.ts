import {
  sdEndpointIds,
  sdEndpoints,
  sdSubmitPaths,
  trainingRow,
  type SdEndpointId,
  type SdEndpointRow,
} from '#contract'
import { assetListGuess, serviceDedupesTaskId } from '../services/api/api-guesses'
import { apiPaths, toolCodes, toolQueryPath } from '../services/api/api-paths'
import type { AssetKind } from '../services/api/api-types'
import { assetRows } from './sim-assets'
import {
  businessError,
  invalidParameter,
  ok,
  record,
  type Route,
  type RouteAnswer,
  type RouteContext,
} from './sim-route-kit'
import { attachSourceImages } from './sim-source-image'
import { archivedData, realtimeData, type SimTask } from './sim-tasks'
import { simToolRoutes, simToolSubmitPaths } from './sim-tool-routes'
import { queryCntPreview, submitCntPreview } from './sim-tools'
import { submitTraining, trainedLoraRows } from './sim-training'
import { validateImage2ImageV2, validateText2ImageV2, type Validation } from './sim-validate'
import { validateControlNetV2 } from './sim-validate-controlnet'
import { validateText2ImageV3 } from './sim-validate-v3'

export { businessError, type Envelope, type RouteAnswer, type SimStore } from './sim-route-kit'

/**
 * A generation submit: validate, then download its input images (none for plain text2image; a
 * source, mask or control image that cannot be downloaded refuses the submit, naming the field,
 * and no task is made), then create the task unless its id exists (guess 12).
 */
const submit =
  (validate: (body: unknown) => Validation, answer: (task: SimTask) => unknown) =>
  async (ctx: RouteContext, body: unknown): Promise<RouteAnswer> => {
    const validated = validate(body)
    const checked = validated.ok ? await attachSourceImages(validated.spec, ctx.signal) : validated
    if (!checked.ok) return invalidParameter(checked.field, checked.message)
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
    const trained = kind === 'lora' ? trainedLoraRows(ctx.store.training, ctx.now) : []
    const rows = [...assetRows(kind, ctx.baseUrl), ...trained].filter((row) =>
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

/** How the simulator checks a body sent to each SD endpoint (inpaint is img2img v2 with a mask). */
const validators = {
  'text2image-v2': validateText2ImageV2,
  'text2image-v3': validateText2ImageV3,
  'image2image-v2': validateImage2ImageV2,
  inpaint: validateImage2ImageV2,
  'controlnet-v2': validateControlNetV2,
} as const satisfies Record<SdEndpointId, (body: unknown) => Validation>

/** The submit answer a row documents: `data.task_id`, or v3's service id beside ours. */
const answers = {
  task_id: (task: SimTask) => ({ task_id: task.spec.taskId }),
  'taskId+businessTaskId': (task: SimTask) => ({ taskId: task.serviceId, businessTaskId: task.spec.taskId }),
} as const satisfies Record<SdEndpointRow<never>['documentedAnswer'], (task: SimTask) => unknown>

/**
 * One route per SD submit path, from the registry rows. Rows sharing a path (inpaint goes to img2img
 * v2, guess 14) take the first row's route: their validator and answer are the same.
 */
const sdRoutes = (): [string, Route][] => {
  const byPath = new Map<string, Route>()
  for (const id of sdEndpointIds) {
    const row = sdEndpoints[id]
    if (!byPath.has(row.path)) byPath.set(row.path, submit(validators[id], answers[row.documentedAnswer]))
  }
  return [...byPath]
}

const routes = new Map<string, Route>([
  ...sdRoutes(),
  [apiPaths.cntPreview, submitCntPreview],
  [toolQueryPath(toolCodes.cntPreview), queryCntPreview],
  ...simToolRoutes(),
  [trainingRow.path, submitTraining],
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
  sdSubmitPaths.includes(path) ||
  path === apiPaths.cntPreview ||
  simToolSubmitPaths.includes(path) ||
  path === trainingRow.path
