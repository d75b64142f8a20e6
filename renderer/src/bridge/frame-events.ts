import type { EventName } from '#contract'
import type { EventListener, Transport } from './transport'

/** When the pending events are handed on: the next animation frame, or after `fallbackMs`. */
export interface FrameScheduler {
  request(flush: () => void): () => void
}

/** A window that is hidden gets no animation frames; events still arrive, a little later. */
const fallbackMs = 100
/**
 * Least time between two deliveries. Any change to the page costs a frame its style, layout and
 * paint however small the change; a running queue sends events every few ms, and updating the page
 * 20 times a second instead of 60 shows the same (issue 15: 200 tasks a second dropped frames).
 */
const minGapMs = 50

/** Animation frames, no closer together than `gapMs` (the first after a quiet spell comes at once). */
export function spacedAnimationFrames(gapMs = minGapMs): FrameScheduler {
  let lastAt = Number.NEGATIVE_INFINITY
  return {
    request(flush) {
      const run = () => {
        lastAt = performance.now()
        flush()
      }
      const wait = Math.max(0, lastAt + gapMs - performance.now())
      let frame = wait === 0 ? requestAnimationFrame(run) : 0
      const spacing = wait > 0 ? setTimeout(() => (frame = requestAnimationFrame(run)), wait) : undefined
      const fallback = setTimeout(run, wait + fallbackMs)
      return () => {
        clearTimeout(spacing)
        cancelAnimationFrame(frame)
        clearTimeout(fallback)
      }
    },
  }
}

/**
 * Events whose payload is the whole current state, not a change: of several waiting for the same
 * frame only the newest is delivered (a running queue of 1,000 items sends a few hundred a second).
 */
const latestOnly = { 'queue.changed': true } as const satisfies Partial<Record<EventName, true>>

/**
 * Events whose payload is one task's whole current state: of several for the same task waiting for
 * the same frame only the newest is delivered (a queued task goes submitting, queued, running and
 * succeeded within one frame on a fast service; every listener keeps only the latest record).
 */
const latestPerTask = { 'tasks.changed': true, 'tasks.progress': true } as const satisfies Partial<
  Record<EventName, true>
>

const isLatestOnly = (name: string): boolean => Object.hasOwn(latestOnly, name)

/** The task id of a per-task event's payload, or null (then the event is always kept). */
const taskIdOf = (name: string, payload: unknown): string | null => {
  if (!Object.hasOwn(latestPerTask, name) || typeof payload !== 'object' || payload === null) return null
  const id: unknown = Reflect.get(payload, 'id')
  return typeof id === 'string' ? id : null
}

/**
 * Hands main's events on in an animation frame, at most 20 times a second (spacedAnimationFrames),
 * all those waiting in one go, so a burst of `tasks.changed` and `queue.changed` costs one render,
 * not one each (issue 15: 1,000 queued tasks sending at ~100 a second had the renderer drop 60 % of
 * frames). Order is kept, and every event sent before a call's answer is delivered before that
 * answer, so nothing read from a call is overwritten by an older event.
 */
export function withFrameEvents(
  transport: Transport,
  scheduler: FrameScheduler = spacedAnimationFrames(),
): Transport {
  const listeners = new Set<EventListener>()
  let pending: { name: string; payload: unknown }[] = []
  let cancel: (() => void) | null = null

  const flush = () => {
    cancel?.()
    cancel = null
    const batch = pending
    pending = []
    for (const { name, payload } of batch) for (const listener of listeners) listener(name, payload)
  }

  transport.onEvent((name, payload) => {
    const taskId = taskIdOf(name, payload)
    if (isLatestOnly(name)) pending = pending.filter((event) => event.name !== name)
    else if (taskId !== null)
      pending = pending.filter((event) => event.name !== name || taskIdOf(name, event.payload) !== taskId)
    pending.push({ name, payload })
    cancel ??= scheduler.request(flush)
  })

  return {
    async call(method, input) {
      const result = await transport.call(method, input)
      if (pending.length > 0) flush()
      return result
    },
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
