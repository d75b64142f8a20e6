import type { ServerResponse } from 'node:http'
import { paintImage } from './png'
import type { FaultState } from './sim-faults'
import type { Envelope, SimStore } from './sim-routes'
import { parseTaskImagePath, progressAt, taskImage, type SimTiming } from './sim-tasks'

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
    envelope: Envelope,
    headers: Record<string, string> = {},
  ) => {
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

  const sendPng = (res: ServerResponse, png: Buffer | null) => {
    if (!png) return sendJson(res, '', 404, { code: '404', msg: 'image not found', data: null })
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(png.length) })
    res.end(png)
    return Promise.resolve()
  }

  return { sendJson, sendPng }
}

/** A PNG the simulator serves: a task's preview or final image (only once it succeeded), or a list thumbnail. */
export function simulatorImage(path: string, store: SimStore, now: number, timing: SimTiming): Buffer | null {
  const taskImagePath = parseTaskImagePath(path)
  if (taskImagePath) {
    const task = store.tasks.get(taskImagePath.taskId)
    if (!task || taskImagePath.index >= task.spec.imageCount) return null
    const final = taskImagePath.bucket === null
    if (final && progressAt(task, now, timing).state !== 'succeeded') return null
    return taskImage(task, taskImagePath.index, taskImagePath.bucket)
  }
  const asset = /^\/sim-images\/asset\/(checkpoint|lora|vae|embedding)\/([^/]+)\.png$/.exec(path)
  return asset?.[2]
    ? paintImage({ key: decodeURIComponent(asset[2]), width: 64, height: 64, progress: 1 })
    : null
}
