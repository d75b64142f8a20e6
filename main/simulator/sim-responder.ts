import type { ServerResponse } from 'node:http'
import { paintImage } from './png'
import { echoInto } from './sim-echo'
import type { FaultState } from './sim-faults'
import { sendBytes, sendExpired } from './sim-http'
import type { Envelope, SimStore } from './sim-route-kit'
import { finishedAt, parseTaskImagePath, progressAt, taskImage, type SimTiming } from './sim-tasks'
import { toolRunImage } from './sim-tool-routes'
import { parseToolImagePath, toolDoneAt } from './sim-tools'

export type Wait = (ms: number, res?: ServerResponse) => Promise<void>

/** A pause that ends after `ms` (never, if infinite), or as soon as the client hangs up or `closing` aborts. */
export function createWaiter(closing: AbortSignal): Wait {
  return (ms, res) =>
    new Promise<void>((resolve) => {
      if (ms <= 0 || closing.aborted) return resolve()
      const done = () => {
        if (timer) clearTimeout(timer)
        closing.removeEventListener('abort', done)
        res?.off('close', done)
        resolve()
      }
      const timer = Number.isFinite(ms) ? setTimeout(done, ms) : null
      closing.addEventListener('abort', done)
      res?.once('close', done)
    })
}

/** Writes answers, applying the body faults: oversized, malformed and trickled bodies. */
export function createResponder(faults: FaultState, wait: Wait) {
  const sendText = async (
    res: ServerResponse,
    path: string,
    status: number,
    payload: string,
    headers: Record<string, string>,
  ) => {
    const trickle = faults.faults.trickleBody
    if (trickle && faults.fires('trickleBody', path)) {
      res.writeHead(status, { 'content-type': 'application/json', ...headers })
      const step = Math.max(1, trickle.chunkBytes ?? 16)
      for (let at = 0; at < payload.length && !res.destroyed; at += step) {
        res.write(payload.slice(at, at + step))
        await wait(trickle.intervalMs ?? 200, res)
      }
      res.end()
      return
    }
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(payload)),
      ...headers,
    })
    res.end(payload)
  }

  const sendJson = (
    res: ServerResponse,
    path: string,
    status: number,
    sent: Envelope,
    headers: Record<string, string> = {},
  ) => {
    const echo = faults.faults.echoText
    const envelope = echo && faults.fires('echoText', path) ? echoInto(sent, echo.text) : sent
    let payload = JSON.stringify(envelope)
    const oversize = faults.faults.oversizedBody
    if (oversize && faults.fires('oversizedBody', path)) {
      payload = JSON.stringify({
        ...envelope,
        padding: 'x'.repeat(Math.max(0, oversize.bytes - payload.length)),
      })
      if (oversize.chunked) {
        res.writeHead(status, { 'content-type': 'application/json', ...headers })
        res.end(payload)
        return Promise.resolve()
      }
    }
    if (faults.fires('malformedJson', path)) payload = payload.slice(0, Math.max(1, payload.length - 7))
    return sendText(res, path, status, payload, headers)
  }

  /** Serves an image path for GET or HEAD: the PNG, 403 when its link expired, 404 when absent. */
  const sendImage = (res: ServerResponse, method: string, image: SimImage) => {
    if (!image) return sendJson(res, '', 404, { code: '404', msg: 'image not found', data: null })
    if (image.kind === 'expired') sendExpired(res, method)
    else sendBytes(res, method, image.bytes, 'image/png')
    return Promise.resolve()
  }

  return { sendJson, sendImage }
}

export interface ImageView {
  readonly store: SimStore
  readonly now: number
  readonly timing: SimTiming
  /** How long a result link works after its task finished; undefined = for ever. */
  readonly resultLinkTtlMs: number | undefined
}

/** What an image path answers: the PNG, "expired" (403 like a stale signed link), or nothing (404). */
export type SimImage = { readonly kind: 'png'; readonly bytes: Buffer } | { readonly kind: 'expired' } | null

const resultLink = (view: ImageView, taskId: string, finished: number, make: () => Buffer): SimImage =>
  view.store.expired.has(taskId) ||
  (view.resultLinkTtlMs !== undefined && view.now > finished + view.resultLinkTtlMs)
    ? { kind: 'expired' }
    : { kind: 'png', bytes: make() }

/**
 * A PNG the simulator serves: a task's preview, its final image (only once it succeeded, and only
 * while its link has not expired), a CNT preview's output (likewise), or a list thumbnail.
 */
export function simulatorImage(path: string, view: ImageView): SimImage {
  const taskImagePath = parseTaskImagePath(path)
  if (taskImagePath) {
    const task = view.store.tasks.get(taskImagePath.taskId)
    if (!task || taskImagePath.index >= task.spec.imageCount) return null
    if (taskImagePath.bucket !== null)
      return { kind: 'png', bytes: taskImage(task, taskImagePath.index, taskImagePath.bucket) }
    if (progressAt(task, view.now, view.timing).state !== 'succeeded') return null
    return resultLink(view, task.spec.taskId, finishedAt(task, view.timing), () =>
      taskImage(task, taskImagePath.index, null),
    )
  }
  const toolTaskId = parseToolImagePath(path)
  if (toolTaskId !== null) {
    const task = view.store.toolTasks.get(toolTaskId)
    const done = task ? toolDoneAt(task, view.timing) : Infinity
    if (!task || view.now < done) return null
    return resultLink(view, toolTaskId, done, () => task.output)
  }
  const toolRun = toolRunImage(view.store.tools, path, view.now)
  if (toolRun) return { kind: 'png', bytes: toolRun }
  const asset = /^\/sim-images\/asset\/(checkpoint|lora|vae|embedding)\/([^/]+)\.png$/.exec(path)
  return asset?.[2]
    ? {
        kind: 'png',
        bytes: paintImage({ key: decodeURIComponent(asset[2]), width: 64, height: 64, progress: 1 }),
      }
    : null
}
