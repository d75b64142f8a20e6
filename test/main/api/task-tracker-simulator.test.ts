import { afterEach, describe, expect, it } from 'vitest'
import type { ApiClient } from '../../../main/services/api/api-types'
import {
  createTaskTracker,
  type TaskTracker,
  type TrackerFinal,
  type TrackerProgress,
} from '../../../main/services/api/task-tracker'
import { createLogger, createSecretRedactor } from '../../../main/services/logger'
import { connectionTo, params, useApiKit } from './api-test-kit'

/* The tracker over real HTTP against the simulator, with intervals of a few milliseconds. */

const trackerLimits = {
  firstIntervalMs: 10,
  slowAfterMs: 100,
  maxIntervalMs: 40,
  errorBackoffMaxMs: 50,
  notFoundGraceMs: 60,
  unknownStatusGraceMs: 100,
}

const trackers: TaskTracker[] = []
afterEach(async () => {
  await Promise.all(trackers.splice(0).map((tracker) => tracker.stop()))
})

function trackerFor(api: Pick<ApiClient, 'queryTask' | 'queryArchivedTask'>) {
  const progress: TrackerProgress[] = []
  const finals: TrackerFinal[] = []
  const waiting = new Map<string, (final: TrackerFinal) => void>()
  const tracker = createTaskTracker({
    api,
    logger: createLogger({ redactor: createSecretRedactor() }),
    limits: trackerLimits,
    onProgress: (update) => progress.push(update),
    onFinal: (final) => {
      finals.push(final)
      waiting.get(final.id)?.(final)
    },
  })
  trackers.push(tracker)
  const finalOf = (taskId: string) =>
    new Promise<TrackerFinal>((resolve) => {
      const done = finals.find((final) => final.id === taskId)
      if (done) resolve(done)
      else waiting.set(taskId, resolve)
    })
  return { tracker, progress, finals, finalOf }
}

describe('task tracker against the simulator', () => {
  const kit = useApiKit()

  it('reports rising progress with previews, then the final images', async () => {
    const simulator = await kit.simulator({ timing: { queueMs: 20, msPerStep: 30 } })
    const { api } = kit.client()
    const run = trackerFor(api)
    const connection = connectionTo(simulator)
    await api.submit(connection, 'text2image-v2', 'tracked', params({ steps: 20, batch_size: 2 }))
    run.tracker.track('tracked', connection)
    const final = await run.finalOf('tracked')
    expect(final.error).toBeNull()
    expect(final.snapshot?.images).toHaveLength(2)
    const percents = run.progress.flatMap((update) => (update.percent === null ? [] : [update.percent]))
    expect(percents.length).toBeGreaterThan(1)
    expect([...percents].sort((a, b) => a - b)).toEqual(percents)
    expect(run.progress.some((update) => update.previewImage?.includes('/preview-'))).toBe(true)
  })

  it('turns base64 previews (the A1111 form) into data: URLs', async () => {
    const simulator = await kit.simulator({
      timing: { queueMs: 0, msPerStep: 40 },
      temporaryImageStyle: 'a1111-base64',
    })
    const { api } = kit.client()
    const run = trackerFor(api)
    await api.submit(connectionTo(simulator), 'text2image-v2', 'b64', params({ steps: 20 }))
    run.tracker.track('b64', connectionTo(simulator))
    await run.finalOf('b64')
    expect(
      run.progress.some((update) => update.previewImage?.startsWith('data:image/png;base64,iVBOR')),
    ).toBe(true)
  })

  it('keeps one request in flight per task however many times it is tracked', async () => {
    const simulator = await kit.simulator({ timing: { queueMs: 10, msPerStep: 10 } })
    const { api } = kit.client()
    let inFlight = 0
    let maxInFlight = 0
    const counting: Pick<ApiClient, 'queryTask' | 'queryArchivedTask'> = {
      async queryTask(...args) {
        inFlight += 1
        maxInFlight = Math.max(maxInFlight, inFlight)
        try {
          return await api.queryTask(...args)
        } finally {
          inFlight -= 1
        }
      },
      queryArchivedTask: api.queryArchivedTask,
    }
    const run = trackerFor(counting)
    await api.submit(connectionTo(simulator), 'text2image-v2', 'shared', params())
    for (let i = 0; i < 5; i += 1) run.tracker.track('shared', connectionTo(simulator))
    const finals: string[] = []
    for (const name of ['panel', 'history', 'cli'])
      run.tracker.subscribe('shared', (event) => event.type === 'final' && finals.push(name))
    await run.finalOf('shared')
    expect(maxInFlight).toBe(1)
    expect(finals).toEqual(['panel', 'history', 'cli'])
  })

  it('resumes a task that finished while nobody tracked it (after a restart)', async () => {
    const simulator = await kit.simulator()
    const { api } = kit.client()
    await api.submit(connectionTo(simulator), 'text2image-v2', 'finished-earlier', params())
    await new Promise((resolve) => setTimeout(resolve, 150))
    const run = trackerFor(api)
    run.tracker.track('finished-earlier', connectionTo(simulator), { startedAt: Date.now() - 60_000 })
    expect((await run.finalOf('finished-earlier')).snapshot?.state).toBe('succeeded')
    expect(simulator.requests.count({ taskId: 'finished-earlier' })).toBe(1)
  })

  it('falls back to the archive for a task the realtime query no longer serves', async () => {
    const simulator = await kit.simulator({ archiveAfterMs: 0 })
    const { api } = kit.client()
    await api.submit(connectionTo(simulator), 'text2image-v2', 'archived', params())
    await new Promise((resolve) => setTimeout(resolve, 150))
    const run = trackerFor(api)
    run.tracker.track('archived', connectionTo(simulator))
    const final = await run.finalOf('archived')
    expect(final).toMatchObject({ error: null, snapshot: { state: 'succeeded', taskId: 'archived' } })
  })

  it('ends a failed task with its snapshot and an error', async () => {
    const simulator = await kit.simulator({ faults: { taskFailure: {} } })
    const { api } = kit.client()
    const run = trackerFor(api)
    await api.submit(connectionTo(simulator), 'text2image-v2', 'doomed', params())
    run.tracker.track('doomed', connectionTo(simulator))
    expect(await run.finalOf('doomed')).toMatchObject({
      snapshot: { state: 'failed', rawStatus: 4 },
      error: { code: 'server' },
    })
  })

  it('gives up with protocol when the service keeps reporting a status nobody knows', async () => {
    const simulator = await kit.simulator({
      timing: { queueMs: 0, msPerStep: 1_000 },
      faults: { unknownStatus: 9 },
    })
    const { api } = kit.client()
    const run = trackerFor(api)
    await api.submit(connectionTo(simulator), 'text2image-v2', 'mystery', params())
    run.tracker.track('mystery', connectionTo(simulator))
    expect(await run.finalOf('mystery')).toMatchObject({
      snapshot: null,
      error: { code: 'protocol', details: { serviceStatus: 9 } },
    })
  })

  it('rides out a flaky service and still delivers the result', async () => {
    const simulator = await kit.simulator({
      faults: { serverError: { probability: 0.5, paths: ['/queryTaskInfo'] } },
      seed: 7,
    })
    const { api } = kit.client({ limits: { maxAttempts: 1 } })
    const run = trackerFor(api)
    await api.submit(connectionTo(simulator), 'text2image-v2', 'flaky', params())
    run.tracker.track('flaky', connectionTo(simulator))
    expect((await run.finalOf('flaky')).snapshot?.state).toBe('succeeded')
  })
})
