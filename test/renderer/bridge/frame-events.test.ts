import { afterEach, describe, expect, it, vi } from 'vitest'
import type { TaskRecord } from '#contract'
import { createClient } from '../../../renderer/src/bridge'
import {
  spacedAnimationFrames,
  withFrameEvents,
  type FrameScheduler,
} from '../../../renderer/src/bridge/frame-events'
import { createInProcessMain } from '../../support/in-process-main'

/** Animation frames driven by hand: `frame()` runs what waits for the next one. */
function manualFrames() {
  const waiting = new Set<() => void>()
  const scheduler: FrameScheduler = {
    request(flush) {
      waiting.add(flush)
      return () => waiting.delete(flush)
    },
  }
  return {
    scheduler,
    waiting: () => waiting.size,
    frame: () => {
      for (const flush of [...waiting]) flush()
    },
  }
}

const counts = (revision: number, waiting: number) => ({
  revision,
  profiles: [{ profileId: 'demo', waiting, running: 2, limit: 2, paused: false }],
  held: [],
})

const record = (id: string, status: TaskRecord['status']) => ({ id, status }) as TaskRecord
const progress = (id: string, percent: number) =>
  ({ id, status: 'running', percent, previewImage: null, startedAt: 1, etaMs: null }) as const

describe('withFrameEvents: main’s events reach the UI once per animation frame', () => {
  it('holds a burst until the next frame, then hands on its events in the order main sent them', () => {
    const main = createInProcessMain({})
    const frames = manualFrames()
    const client = createClient(withFrameEvents(main.transport, frames.scheduler))
    const seen: string[] = []
    client.on('tasks.changed', (task) => seen.push(`${task.id} ${task.status}`))
    client.on('presets.changed', () => seen.push('presets'))
    main.emit('tasks.changed', record('a', 'running'))
    main.emit('presets.changed', { at: 1 })
    main.emit('tasks.changed', record('b', 'running'))
    main.emit('presets.changed', { at: 2 })
    expect(seen).toEqual([])
    expect(frames.waiting()).toBe(1)
    frames.frame()
    expect(seen).toEqual(['a running', 'presets', 'b running', 'presets'])
    expect(frames.waiting()).toBe(0)
    frames.frame()
    expect(seen).toHaveLength(4)
  })

  it('delivers only the newest record of each task in a frame, in the place of that newest one', () => {
    const main = createInProcessMain({})
    const frames = manualFrames()
    const client = createClient(withFrameEvents(main.transport, frames.scheduler))
    const seen: string[] = []
    client.on('tasks.changed', (task) => seen.push(`${task.id} ${task.status}`))
    client.on('tasks.progress', (progress) => seen.push(`${progress.id} ${progress.percent}%`))
    main.emit('tasks.changed', record('a', 'submitting'))
    main.emit('tasks.changed', record('b', 'submitting'))
    main.emit('tasks.progress', progress('a', 10))
    main.emit('tasks.changed', record('a', 'running'))
    main.emit('tasks.progress', progress('a', 60))
    main.emit('tasks.changed', record('a', 'succeeded'))
    frames.frame()
    expect(seen).toEqual(['b submitting', 'a 60%', 'a succeeded'])
    main.emit('tasks.changed', record('b', 'failed'))
    frames.frame()
    expect(seen).toEqual(['b submitting', 'a 60%', 'a succeeded', 'b failed'])
  })

  it('delivers only the newest queue.changed of a frame: each carries the whole counts', () => {
    const main = createInProcessMain({})
    const frames = manualFrames()
    const client = createClient(withFrameEvents(main.transport, frames.scheduler))
    const revisions: number[] = []
    client.on('queue.changed', (event) => revisions.push(event.revision))
    for (let revision = 1; revision <= 50; revision += 1)
      main.emit('queue.changed', counts(revision, 1000 - revision))
    frames.frame()
    main.emit('queue.changed', counts(51, 949))
    frames.frame()
    expect(revisions).toEqual([50, 51])
  })

  it('hands on the events sent before a call’s answer before that answer, so no older event overwrites it', async () => {
    const main = createInProcessMain({ 'queue.held': () => ({ taskIds: [] }) })
    const frames = manualFrames()
    const client = createClient(withFrameEvents(main.transport, frames.scheduler))
    const order: string[] = []
    client.on('tasks.changed', (task) => order.push(`event ${task.status}`))
    main.emit('tasks.changed', record('a', 'succeeded'))
    await client.call('queue.held', {}).then(() => order.push('answer'))
    expect(order).toEqual(['event succeeded', 'answer'])
    expect(frames.waiting()).toBe(0)
  })

  it('stops handing events to a listener once it unsubscribed', () => {
    const main = createInProcessMain({})
    const frames = manualFrames()
    const client = createClient(withFrameEvents(main.transport, frames.scheduler))
    const seen: string[] = []
    const off = client.on('tasks.changed', (task) => seen.push(task.id))
    main.emit('tasks.changed', record('a', 'running'))
    frames.frame()
    off()
    main.emit('tasks.changed', record('b', 'running'))
    frames.frame()
    expect(seen).toEqual(['a'])
  })
})

describe('spacedAnimationFrames: when withFrameEvents hands a burst on', () => {
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('hands the first burst on at the next frame, and later ones no sooner than 50 ms after the last', () => {
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame', 'performance'],
    })
    const scheduler = spacedAnimationFrames(50)
    const flushedAt: number[] = []
    const flush = () => flushedAt.push(performance.now())
    const cancel = scheduler.request(() => {
      cancel()
      flush()
    })
    vi.advanceTimersByTime(16)
    expect(flushedAt).toEqual([16])
    const cancelNext = scheduler.request(() => {
      cancelNext()
      flush()
    })
    vi.advanceTimersByTime(34)
    expect(flushedAt).toHaveLength(1)
    vi.advanceTimersByTime(32)
    expect(flushedAt).toHaveLength(2)
    expect((flushedAt[1] ?? 0) - (flushedAt[0] ?? 0)).toBeGreaterThanOrEqual(50)
  })

  it('still hands events on in a hidden window, which gets no animation frames', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })
    vi.stubGlobal('requestAnimationFrame', () => 1)
    vi.stubGlobal('cancelAnimationFrame', () => undefined)
    const flushed: string[] = []
    spacedAnimationFrames(50).request(() => flushed.push('events'))
    vi.advanceTimersByTime(99)
    expect(flushed).toEqual([])
    vi.advanceTimersByTime(1)
    expect(flushed).toEqual(['events'])
  })
})
