import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '#contract'
import { apiError } from '../../../main/services/api/api-errors'
import type { ApiConnection, TaskSnapshot } from '../../../main/services/api/api-types'
import {
  createTaskTracker,
  type TaskTracker,
  type TaskTrackerDeps,
  type TrackerEvent,
  type TrackerFinal,
} from '../../../main/services/api/task-tracker'
import { createLogger, createSecretRedactor } from '../../../main/services/logger'

/*
 * The tracker's decisions in virtual time: a fake query endpoint answers from a script and every
 * sleep advances a fake clock, so intervals and grace periods are observable without waiting.
 */

const connection: ApiConnection = { baseUrl: 'http://127.0.0.1:1', auth: null }

const snapshot = (overrides: Partial<TaskSnapshot>): TaskSnapshot => ({
  taskId: 't',
  state: 'running',
  rawStatus: 1,
  statusRecognised: true,
  description: '',
  percent: null,
  previewImage: null,
  images: [],
  ...overrides,
})

type Answer = TaskSnapshot | AppError

function virtualTracker(
  script: (poll: number, taskId: string) => Answer,
  deps: Partial<TaskTrackerDeps> = {},
) {
  let now = 0
  const sleeps: number[] = []
  const polls = new Map<string, number>()
  let inFlight = 0
  let maxInFlight = 0
  const finals: TrackerFinal[] = []
  const events: TrackerEvent[] = []
  const tracker = createTaskTracker({
    logger: createLogger({ redactor: createSecretRedactor() }),
    random: () => 0.5,
    timers: {
      now: () => now,
      async sleep(ms, signal) {
        sleeps.push(ms)
        now += ms
        await new Promise((resolve) => setImmediate(resolve))
        if (signal.aborted) throw new Error('aborted')
      },
    },
    api: {
      async queryTask(_connection, taskId) {
        const poll = (polls.get(taskId) ?? 0) + 1
        polls.set(taskId, poll)
        inFlight += 1
        maxInFlight = Math.max(maxInFlight, inFlight)
        await new Promise((resolve) => setImmediate(resolve))
        inFlight -= 1
        const answer = script(poll, taskId)
        if (answer instanceof AppError) throw answer
        return { ...answer, taskId }
      },
      async queryArchivedTask() {
        throw apiError('not_found')
      },
    },
    onFinal: (final) => finals.push(final),
    onProgress: (progress) => events.push({ type: 'progress', progress }),
    ...deps,
  })
  trackers.push(tracker)
  const finalOf = async (taskId: string): Promise<TrackerFinal> => {
    for (let i = 0; i < 10_000; i += 1) {
      const final = finals.find((entry) => entry.id === taskId)
      if (final) return final
      await new Promise((resolve) => setImmediate(resolve))
    }
    throw new Error('no final event')
  }
  return { tracker, sleeps, polls, finals, events, finalOf, maxInFlight: () => maxInFlight, now: () => now }
}

const trackers: TaskTracker[] = []
afterEach(async () => {
  await Promise.all(trackers.splice(0).map((tracker) => tracker.stop()))
})

describe('task tracker (virtual time)', () => {
  it('polls every second at first, then slower for a long task, capped at the maximum', async () => {
    const run = virtualTracker((poll) =>
      poll < 40 ? snapshot({ percent: poll }) : snapshot({ state: 'succeeded', rawStatus: 2 }),
    )
    run.tracker.track('long', connection)
    await run.finalOf('long')
    expect(run.sleeps.slice(0, 10)).toEqual(Array(10).fill(1_000))
    expect(run.sleeps.at(-1)).toBe(5_000)
    for (let i = 1; i < run.sleeps.length; i += 1)
      expect(run.sleeps[i]).toBeGreaterThanOrEqual(run.sleeps[i - 1] ?? 0)
  })

  it('polls sooner when the service says the task is nearly done', async () => {
    const run = virtualTracker((poll) =>
      poll < 30
        ? snapshot({ percent: 50, etaMs: poll < 25 ? 60_000 : 1_500 })
        : snapshot({ state: 'succeeded' }),
    )
    run.tracker.track('eta', connection)
    await run.finalOf('eta')
    expect(run.sleeps[23]).toBeGreaterThan(1_500)
    expect(run.sleeps.slice(24, 29)).toEqual(Array(5).fill(1_500))
  })

  it('emits progress only when it changes, with an ETA estimated from the percent, then one final', async () => {
    const run = virtualTracker(
      (poll) =>
        [
          snapshot({ state: 'queued', rawStatus: 0 }),
          snapshot({ percent: 25 }),
          snapshot({ percent: 25 }),
          snapshot({ percent: 50 }),
        ][poll - 1] ?? snapshot({ state: 'succeeded', rawStatus: 2, percent: 100 }),
    )
    run.tracker.track('p', connection, { startedAt: 0 })
    const final = await run.finalOf('p')
    const progress = run.events.flatMap((event) => (event.type === 'progress' ? [event.progress] : []))
    expect(progress.map((p) => [p.status, p.percent])).toEqual([
      ['queued', null],
      ['running', 25],
      ['running', 50],
    ])
    // 25 % after 1 s: three more seconds.
    expect(progress[1]?.etaMs).toBe(3_000)
    expect(final).toMatchObject({ id: 'p', snapshot: { state: 'succeeded' }, error: null })
    expect(run.finals).toHaveLength(1)
  })

  it('runs exactly one poll loop per task, however often it is tracked and subscribed', async () => {
    const run = virtualTracker((poll) =>
      poll < 5 ? snapshot({ percent: poll * 10 }) : snapshot({ state: 'succeeded' }),
    )
    const seen: string[] = []
    expect(run.tracker.track('one', connection)).toBe(true)
    for (let i = 0; i < 4; i += 1) expect(run.tracker.track('one', connection)).toBe(false)
    for (const name of ['a', 'b', 'c'])
      run.tracker.subscribe('one', (event) => event.type === 'final' && seen.push(name))
    await run.finalOf('one')
    expect(run.polls.get('one')).toBe(5)
    expect(run.maxInFlight()).toBe(1)
    expect(seen).toEqual(['a', 'b', 'c'])
    expect(run.tracker.tracked()).toEqual([])
  })

  it('keeps polling and informing others when one listener throws', async () => {
    const run = virtualTracker((poll) =>
      poll < 3 ? snapshot({ percent: poll * 30 }) : snapshot({ state: 'succeeded' }),
    )
    const seen: string[] = []
    run.tracker.track('noisy', connection)
    run.tracker.subscribe('noisy', () => {
      throw new Error('broken subscriber')
    })
    run.tracker.subscribe('noisy', (event) => seen.push(event.type))
    await run.finalOf('noisy')
    expect(seen).toEqual(['progress', 'progress', 'final'])
  })

  it('treats an unknown status as running for a bounded time, then fails with protocol', async () => {
    const run = virtualTracker(() => snapshot({ rawStatus: 42, statusRecognised: false }), {
      limits: { unknownStatusGraceMs: 30_000 },
    })
    run.tracker.track('odd', connection)
    const final = await run.finalOf('odd')
    expect(final).toMatchObject({
      snapshot: null,
      error: { code: 'protocol', details: { serviceStatus: 42 } },
    })
    expect(run.now()).toBeGreaterThanOrEqual(30_000)
  })

  it('survives transient errors with backoff and still delivers the result', async () => {
    const run = virtualTracker((poll) =>
      poll <= 3
        ? apiError('server')
        : poll === 4
          ? apiError('network')
          : snapshot({ state: 'succeeded', rawStatus: 2 }),
    )
    run.tracker.track('flaky', connection)
    expect((await run.finalOf('flaky')).snapshot?.state).toBe('succeeded')
    expect(run.sleeps.slice(0, 3)).toEqual([1_500, 3_000, 6_000])
  })

  it('gives up with the last error after failing for too long', async () => {
    const run = virtualTracker(() => apiError('network'), { limits: { maxErrorDurationMs: 60_000 } })
    run.tracker.track('down', connection)
    expect((await run.finalOf('down')).error?.code).toBe('network')
  })

  it('stops at once on refused keys, leaving the task to be resumed later', async () => {
    const run = virtualTracker(() => apiError('auth'))
    run.tracker.track('keys', connection)
    expect(await run.finalOf('keys')).toMatchObject({ snapshot: null, error: { code: 'auth' } })
    expect(run.polls.get('keys')).toBe(1)
  })

  it('waits out the new-task lag, then checks the archive, then reports not_found', async () => {
    const run = virtualTracker(() => apiError('not_found'), { limits: { notFoundGraceMs: 5_000 } })
    run.tracker.track('ghost', connection)
    expect((await run.finalOf('ghost')).error?.code).toBe('not_found')
    expect(run.polls.get('ghost')).toBe(6)
  })

  it('reports a failed task with its snapshot and a server error', async () => {
    const run = virtualTracker(() => snapshot({ state: 'failed', rawStatus: 4, description: '任务失败' }))
    run.tracker.track('bad', connection)
    expect(await run.finalOf('bad')).toMatchObject({
      snapshot: { state: 'failed' },
      error: { code: 'server', details: { serviceStatus: 4, serviceMessage: '任务失败' } },
    })
  })

  it('stop() ends every loop and nothing is emitted afterwards', async () => {
    const run = virtualTracker(() => snapshot({ percent: 10 }))
    run.tracker.track('a', connection)
    run.tracker.track('b', connection)
    await new Promise((resolve) => setImmediate(resolve))
    await run.tracker.stop()
    const count = run.events.length
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(run.events.length).toBe(count)
    expect(run.finals).toEqual([])
    expect(run.tracker.track('c', connection)).toBe(false)
  })
})
