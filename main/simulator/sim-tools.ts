import sharp from 'sharp'
import { toolRegistry } from '#contract'
import {
  businessError,
  invalidParameter,
  ok,
  record,
  type RouteAnswer,
  type RouteContext,
} from './sim-route-kit'
import { fetchSourceImage, sha256Hex, type SimInput } from './sim-source-image'
import type { SimTiming } from './sim-tasks'
import { taskIdPattern } from './sim-validate'

/** A CNT preview task: its input and its output, made at submit time (deterministic). */
export interface SimToolTask {
  readonly taskId: string
  readonly serviceId: string
  readonly toolCode: string
  readonly preprocessor: string
  readonly createdAt: number
  readonly inputs: readonly SimInput[]
  /** The preprocessor's map of the source, a PNG. */
  readonly output: Buffer
}

/** The statuses the simulator's CNT preview answers (status never decides success: the output does). */
const simulatedToolStatus = { running: 0, succeeded: 1 } as const

/** A preview is quick: this many simulated steps after the queue. */
const toolSteps = 5
/** Bigger sources are scaled down first (the map is for a look, not for print). */
const maxOutputSide = 1024
const preprocessorPattern = /^[A-Za-z0-9_+.-]{1,100}$/

/** When a tool task is done, by its creation time (any clock works, like SD tasks). */
export const toolDoneAt = (task: SimToolTask, timing: SimTiming): number =>
  task.createdAt + timing.queueMs + toolSteps * timing.msPerStep

/** Where the simulator serves a tool task's output. */
export const toolImagePath = (taskId: string): string =>
  `/sim-images/tool/cnt-preview/${encodeURIComponent(taskId)}.png`

/** The task id of a tool output path, or null. */
export function parseToolImagePath(path: string): string | null {
  const match = /^\/sim-images\/tool\/cnt-preview\/([^/]+)\.png$/.exec(path)
  return match?.[1] ? decodeURIComponent(match[1]) : null
}

/**
 * What a preprocessor extracts, imitated: depth and normal maps as a blurred greyscale, `invert`
 * as a negative, `none` as plain greyscale, every other (canny, lineart, softedge, scribble, mlsd,
 * openpose…) as edges: greyscale through a Laplacian kernel, so a flat picture gives black.
 */
async function preprocess(source: Buffer, preprocessor: string): Promise<Buffer | null> {
  try {
    // Greyscale first, as its own pass: sharp orders the operations of one pipeline itself.
    const grey = await sharp(source)
      .rotate()
      .resize({ width: maxOutputSide, height: maxOutputSide, fit: 'inside', withoutEnlargement: true })
      .removeAlpha()
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true })
    const map = sharp(grey.data, { raw: { width: grey.info.width, height: grey.info.height, channels: 1 } })
    const name = preprocessor.toLowerCase()
    const mapped = /^(depth|normal)/.test(name)
      ? map.blur(3)
      : name.startsWith('invert')
        ? map.negate()
        : name === 'none'
          ? map
          : map.convolve({ width: 3, height: 3, kernel: [-1, -1, -1, -1, 8, -1, -1, -1, -1] })
    return await mapped.toColourspace('b-w').png().toBuffer()
  } catch {
    return null
  }
}

/**
 * The CNT preview tool (§13): `{businessTaskId, sourceImage, preprocessor, callbackUrl?}`. The
 * source is downloaded (loopback only) and its map made at once; the answer is `{task_id}` with
 * the service's own id, as the tool pages document. A known `businessTaskId` answers that task.
 * `callbackUrl` is accepted but never called (the app polls tool tasks).
 */
export async function submitCntPreview(ctx: RouteContext, body: unknown): Promise<RouteAnswer> {
  const fields = record(body)
  const { businessTaskId: taskId, sourceImage, preprocessor } = fields
  if (typeof taskId !== 'string' || !taskIdPattern.test(taskId))
    return invalidParameter('businessTaskId', '1–128 letters, digits or ._:- are required')
  if (typeof sourceImage !== 'string' || !/^https?:\/\//i.test(sourceImage))
    return invalidParameter('sourceImage', 'an http(s) image link is required')
  if (typeof preprocessor !== 'string' || !preprocessorPattern.test(preprocessor))
    return invalidParameter('preprocessor', 'a preprocessor name (letters, digits, _+.-) is required')
  const existing = ctx.store.toolTasks.get(taskId)
  if (existing) return ok({ task_id: `pre${existing.serviceId}` })
  const fetched = await fetchSourceImage(sourceImage, ctx.signal)
  if (!fetched.ok) return invalidParameter('sourceImage', fetched.message)
  const output = await preprocess(fetched.bytes, preprocessor)
  if (!output) return invalidParameter('sourceImage', 'the image could not be decoded')
  const task: SimToolTask = {
    taskId,
    serviceId: String(ctx.store.nextServiceId++),
    toolCode: toolRegistry.cntPreview.toolCode,
    preprocessor,
    createdAt: ctx.now,
    inputs: [
      { field: 'sourceImage', sha256: sha256Hex(fetched.bytes), type: fetched.type, bytes: fetched.bytes },
    ],
    output,
  }
  ctx.store.toolTasks.set(taskId, task)
  if (ctx.faults.fires('resetAfterSubmit', ctx.path)) return { kind: 'reset' }
  return ok({ task_id: `pre${task.serviceId}` })
}

/** The CNT preview's `queryTask` (§12): the output link once done, as the other tools answer. */
export function queryCntPreview(ctx: RouteContext, body: unknown): RouteAnswer {
  const taskId = record(body).businessTaskId
  if (typeof taskId !== 'string' || taskId.length === 0) return invalidParameter('businessTaskId', 'required')
  const task = ctx.store.toolTasks.get(taskId)
  if (!task) return businessError('notFound', '任务不存在 (task not found)')
  const done = ctx.now >= toolDoneAt(task, ctx.timing)
  return ok({
    taskId: task.serviceId,
    businessTaskId: task.taskId,
    status: done ? simulatedToolStatus.succeeded : simulatedToolStatus.running,
    desc: done ? '任务成功 !' : '生成中',
    ...(done ? { outputImageUrl: `${ctx.baseUrl}${toolImagePath(task.taskId)}` } : {}),
  })
}
