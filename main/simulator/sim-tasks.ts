import {
  simulatedStatus,
  simulatedTemporaryImageDto,
  type TemporaryImageStyle,
} from '../services/api/api-guesses'
import type { TaskState } from '../services/api/api-types'
import { paintLandscape } from './sim-art'
import { hashText } from './sim-random'
import type { SimTaskSpec } from './sim-validate'

/** How long simulated work takes; tests shrink it to milliseconds. */
export interface SimTiming {
  /** Time in the queue before sampling starts. */
  readonly queueMs: number
  /** Time per sampling step of one batch. */
  readonly msPerStep: number
}

export const defaultSimTiming: SimTiming = { queueMs: 400, msPerStep: 80 }

export interface SimTask {
  readonly spec: SimTaskSpec
  /** The service's own id (v3 answers it as `taskId`). */
  readonly serviceId: string
  readonly createdAt: number
  /** Chosen at submit (fault `taskFailure`): the task fails half-way. */
  readonly willFail: boolean
}

export interface SimTaskProgress {
  readonly state: TaskState
  /** 0–100. */
  readonly percent: number
}

const failAtPercent = 50
const previewBuckets = 10
const maxPreviewSide = 96

/** When a task that does not fail succeeds (its result links are issued then). */
export const finishedAt = (task: SimTask, timing: SimTiming): number =>
  task.createdAt + timing.queueMs + Math.max(1, task.spec.batches * task.spec.steps * timing.msPerStep)

/** Where a task stands at `now`: computed from its creation time, never stored, so any clock works. */
export function progressAt(task: SimTask, now: number, timing: SimTiming): SimTaskProgress {
  const running = now - task.createdAt - timing.queueMs
  if (running < 0) return { state: 'queued', percent: 0 }
  const duration = Math.max(1, task.spec.batches * task.spec.steps * timing.msPerStep)
  const percent = Math.min(100, (running / duration) * 100)
  if (task.willFail && percent >= failAtPercent) return { state: 'failed', percent: failAtPercent }
  return percent >= 100 ? { state: 'succeeded', percent: 100 } : { state: 'running', percent }
}

/** The seed actually used for image `index` (a random seed follows from the task id). */
export const seedOf = (task: SimTask, index: number): number =>
  (task.spec.seed === -1 ? hashText(task.spec.taskId) : task.spec.seed) + index

/**
 * The PNG of image `index` at the size the task asked for, or of the preview at a progress bucket
 * (small, same aspect ratio, still grainy).
 */
export function taskImage(task: SimTask, index: number, bucket: number | null): Buffer {
  const scale =
    bucket === null ? 1 : Math.min(1, maxPreviewSide / Math.max(task.spec.width, task.spec.height))
  return paintLandscape({
    // img2img: the downloaded source/mask bytes change the picture, so tests can tell which arrived.
    key: `${task.spec.prompt}|${seedOf(task, index)}${task.spec.sourceHash ? `|${task.spec.sourceHash}` : ''}`,
    width: Math.max(8, Math.round(task.spec.width * scale)),
    height: Math.max(8, Math.round(task.spec.height * scale)),
    progress: bucket === null ? 1 : (bucket + 0.5) / previewBuckets,
  })
}

const taskPath = (baseUrl: string, task: SimTask) =>
  `${baseUrl}/sim-images/task/${encodeURIComponent(task.spec.taskId)}`

const imageRows = (task: SimTask, baseUrl: string) =>
  Array.from({ length: task.spec.imageCount }, (_, index) => ({
    img_audit: [{ confidence: null, label: 'nonLabel' }],
    img_audit_status: true,
    image_status: 1,
    image_url: `${taskPath(baseUrl, task)}/${index}.png`,
    seed: seedOf(task, index),
  }))

const descriptions: Record<TaskState, string> = {
  queued: '排队中',
  running: '生成中',
  succeeded: '任务成功 !',
  failed: '任务失败: simulated failure',
}

export interface QueryView {
  readonly baseUrl: string
  readonly now: number
  readonly timing: SimTiming
  readonly style: TemporaryImageStyle
  /** Fault `unknownStatus`: the status number running tasks report instead of the usual one. */
  readonly unknownStatus: number | null
}

/** `data` of a realtime query answer (queryTaskInfo v2), shaped like the documented example. */
export function realtimeData(task: SimTask, view: QueryView): Record<string, unknown> {
  const { state, percent } = progressAt(task, view.now, view.timing)
  const bucket = Math.min(previewBuckets - 1, Math.floor(percent / previewBuckets))
  const preview =
    view.style === 'percent-url'
      ? `${taskPath(view.baseUrl, task)}/preview-${bucket}.png`
      : taskImage(task, 0, bucket).toString('base64')
  const remainingMs = (100 - percent) * task.spec.batches * task.spec.steps * view.timing.msPerStep * 0.01
  return {
    id_task: task.spec.taskId,
    status: state === 'running' && view.unknownStatus !== null ? view.unknownStatus : simulatedStatus[state],
    desc: descriptions[state],
    temporaryImageDto:
      state === 'running'
        ? simulatedTemporaryImageDto(view.style, percent, preview, remainingMs / 1000)
        : null,
    differentialImageRspList: state === 'succeeded' ? imageRows(task, view.baseUrl) : [],
  }
}

/** `data` of an archived query answer (queryTaskInfo v1): `task_id`, no `temporaryImageDto`. */
export function archivedData(task: SimTask, view: QueryView): Record<string, unknown> {
  const { state } = progressAt(task, view.now, view.timing)
  return {
    task_id: task.spec.taskId,
    status: simulatedStatus[state],
    desc: descriptions[state],
    differentialImageRspList: state === 'succeeded' ? imageRows(task, view.baseUrl) : [],
  }
}

/** Parses `/sim-images/task/<id>/<n>.png` or `…/preview-<bucket>.png`. */
export function parseTaskImagePath(
  path: string,
): { taskId: string; index: number; bucket: number | null } | null {
  const match = /^\/sim-images\/task\/([^/]+)\/(?:(\d+)|preview-(\d))\.png$/.exec(path)
  if (!match?.[1]) return null
  const taskId = decodeURIComponent(match[1])
  return match[2] !== undefined
    ? { taskId, index: Number(match[2]), bucket: null }
    : { taskId, index: 0, bucket: Number(match[3]) }
}
