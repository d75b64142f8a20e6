import { allowedOf, bodySchemaOf, trainingRow } from '#contract'
import { serviceDedupesTaskId } from '../services/api/api-guesses'
import { invalidParameter, ok, record, type RouteAnswer, type RouteContext } from './sim-route-kit'
import { fetchSourceImage, sha256Hex, type SimInput } from './sim-source-image'
import { taskIdPattern } from './sim-validate'

/*
 * Model training (§14) as the simulator plays it: every field checked against the row, every image
 * of `fileUrlList` downloaded (as the service must, to train on it), and after `trainingMs` a new
 * LoRA in the LoRA list, named after the job. No result query exists (§14), so none is simulated.
 */

export interface SimTrainingJob {
  readonly taskId: string
  readonly createdAt: number
  /** When its LoRA shows in the list. */
  readonly doneAt: number
  readonly loraFile: string
  readonly body: Record<string, unknown>
  readonly inputs: readonly SimInput[]
}

export interface SimTrainingState {
  readonly jobs: Map<string, SimTrainingJob>
  trainingMs: number
}

export const createSimTrainingState = (trainingMs = 5_000): SimTrainingState => ({
  jobs: new Map(),
  trainingMs,
})

/** The LoRA a job produces: the simulator's naming, which the app must not depend on. */
export const simLoraFileOf = (taskId: string) => `trained_${taskId}`

const fieldsWithoutLinks = trainingRow.fields.filter((field) => field.name !== 'fileUrlList')

/** The row's check: the first problem names the field and what it allows. */
function validate(body: Record<string, unknown>): RouteAnswer | null {
  const { taskId, fileUrlList, ...rest } = body
  if (typeof taskId !== 'string' || !taskIdPattern.test(taskId))
    return invalidParameter('taskId', '1–128 letters, digits or ._:- are required')
  const links = bodySchemaOf(trainingRow.fields.filter((field) => field.name === 'fileUrlList'))
  if (!links.safeParse({ fileUrlList }).success)
    return invalidParameter('fileUrlList', 'required: 10–100 http(s) links')
  const issue = bodySchemaOf(fieldsWithoutLinks).safeParse(rest).error?.issues[0]
  if (!issue) return null
  if (issue.code === 'unrecognized_keys') return invalidParameter(issue.keys[0] ?? '?', 'unknown field')
  const name = String(issue.path[0] ?? '')
  const field = fieldsWithoutLinks.find((candidate) => candidate.name === name)
  return invalidParameter(name, `out of range: ${field ? allowedOf(field) : ''}`)
}

/** `POST …/modelTraining/submitTraining/Job`. */
export async function submitTraining(ctx: RouteContext, raw: unknown): Promise<RouteAnswer> {
  const body = record(raw)
  const refused = validate(body)
  if (refused) return refused
  const taskId = String(body.taskId)
  const existing = ctx.store.training.jobs.get(taskId)
  if (existing && serviceDedupesTaskId) return ok({ taskId })
  const inputs: SimInput[] = []
  const links = body.fileUrlList as string[]
  for (const [index, url] of links.entries()) {
    const fetched = await fetchSourceImage(url, ctx.signal)
    if (!fetched.ok) return invalidParameter(`fileUrlList.${index}`, fetched.message)
    inputs.push({
      field: `fileUrlList[${index}]`,
      sha256: sha256Hex(fetched.bytes),
      type: fetched.type,
      bytes: fetched.bytes,
    })
  }
  ctx.store.training.jobs.set(taskId, {
    taskId,
    createdAt: ctx.now,
    doneAt: ctx.now + ctx.store.training.trainingMs,
    loraFile: simLoraFileOf(taskId),
    body,
    inputs,
  })
  if (ctx.faults.fires('resetAfterSubmit', ctx.path)) return { kind: 'reset' }
  return ok({ taskId })
}

/** The LoRA rows of finished jobs, in the list's row form (sim-assets.ts). */
export function trainedLoraRows(state: SimTrainingState, now: number): Record<string, unknown>[] {
  return [...state.jobs.values()]
    .filter((job) => now >= job.doneAt)
    .map((job, index) => ({
      id: 10_000 + index,
      sdLoraFileSimplifyName: job.loraFile,
      sdLoraName: `Trained ${job.taskId}`,
      loraBaseModel: 'SD 1.5',
      loraImgUrl: null,
    }))
}
