import { describe, expect, it, vi } from 'vitest'
import type { PlotRecord, QueueChanged } from '#contract'
import type { Services } from '../../../main/services/create-services'
import { useServices } from '../../support/services'
import { useSimulators } from '../../support/simulators'
import { useTempDirs } from '../../support/temp-dir'
import { allEnded, appOn, manualTimers, request, submitsById } from './queue-kit'

const ctx = { transport: 'in-process' } as const

async function call<T>(app: Services, name: string, input: unknown): Promise<T> {
  const result = await app.dispatch(name, input, ctx)
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`)
  return result.value as T
}

interface Listed {
  items: { id: string; taskId: string; state: string; position: number; reason?: { code: string } }[]
  running: number
  waiting: number
  limit: number
  paused: boolean
  total: number
}

/** Every `queue.changed` the app sends, for the counts a window would show. */
function watchQueue(app: Services): QueueChanged[] {
  const seen: QueueChanged[] = []
  app.events.subscribe((name, payload) => {
    if (name === 'queue.changed') seen.push(payload as QueueChanged)
  })
  return seen
}

const peakRunning = (seen: QueueChanged[], profileId: string) =>
  Math.max(
    ...seen.flatMap((event) => event.profiles.filter((p) => p.profileId === profileId).map((p) => p.running)),
  )

describe('the per-profile queue against the simulator', () => {
  const tempDir = useTempDirs()
  const services = useServices()
  const startSimulator = useSimulators()

  it(
    'never has more tasks in flight than the limit, and sends each task once',
    { timeout: 60_000 },
    async () => {
      // The simulator refuses a third unfinished task: any overshoot of the limit would show as a refusal.
      const simulator = await startSimulator({ timing: { queueMs: 200, msPerStep: 10 }, maxActiveTasks: 2 })
      const { app, profileId } = await appOn(services, simulator, { dataDir: await tempDir() })
      const seen = watchQueue(app)
      const ids: string[] = []
      for (let n = 0; n < 6; n += 1) ids.push((await app.queue.submit(request(profileId, n))).taskId)
      const listed = await call<Listed>(app, 'queue.list', { profileId })
      expect(listed).toMatchObject({ limit: 2, running: 2, paused: false })
      const queued = listed.items.filter((item) => item.state === 'queued')
      expect(queued.map((item) => item.taskId)).toEqual(ids.slice(2))
      await app.queue.drained(profileId)
      const records = await allEnded(app, ids)
      expect(records.map((record) => record.status)).toEqual(Array(6).fill('succeeded'))
      expect(peakRunning(seen, profileId)).toBe(2)
      expect(simulator.tasks.peakActive()).toBeLessThanOrEqual(2)
      expect([...submitsById(simulator).entries()].sort()).toEqual(ids.map((id) => [id, 1]).sort())
      expect((await call<Listed>(app, 'queue.list', { profileId })).total).toBe(0)
    },
  )

  it('keeps a raised limit in the settings and sends that many at once', { timeout: 60_000 }, async () => {
    const simulator = await startSimulator({ timing: { queueMs: 20, msPerStep: 10 } })
    const dataDir = await tempDir()
    const { app, profileId } = await appOn(services, simulator, { dataDir })
    expect(await call<Listed>(app, 'queue.setLimit', { profileId, limit: 3 })).toMatchObject({ limit: 3 })
    const seen = watchQueue(app)
    const ids: string[] = []
    for (let n = 0; n < 5; n += 1) ids.push((await app.queue.submit(request(profileId, n))).taskId)
    await allEnded(app, ids)
    expect(peakRunning(seen, profileId)).toBe(3)
    await expect(call(app, 'queue.setLimit', { profileId, limit: 0 })).rejects.toThrow('invalid_request')
  })

  it(
    'backs off after "too many tasks", says so in the item, and sends it again later under the same id',
    { timeout: 60_000 },
    async () => {
      // The service allows one task at a time although the profile's limit is 2.
      const simulator = await startSimulator({ timing: { queueMs: 20, msPerStep: 10 }, maxActiveTasks: 1 })
      const timers = manualTimers()
      const { app, profileId } = await appOn(services, simulator, {
        dataDir: await tempDir(),
        queue: { timers, random: () => 0, backoff: { baseDelayMs: 5_000 } },
      })
      const first = (await app.queue.submit(request(profileId, 1))).taskId
      const second = (await app.queue.submit(request(profileId, 2))).taskId
      const waiting = await vi.waitFor(
        async () => {
          const listed = await call<Listed>(app, 'queue.list', { profileId })
          if (listed.items[0]?.state !== 'waiting_retry') throw new Error('not refused yet')
          return listed
        },
        { timeout: 20_000, interval: 25 },
      )
      expect(waiting.items).toMatchObject([
        { taskId: second, state: 'waiting_retry', reason: { code: 'quota' }, retryAt: timers.now() + 5_000 },
      ])
      expect(submitsById(simulator).get(second)).toBe(1)
      await allEnded(app, [first])
      // Nothing is sent again before the backoff has passed, even though there is room now.
      timers.advance(4_999)
      expect(submitsById(simulator).get(second)).toBe(1)
      timers.advance(1)
      await app.queue.drained(profileId)
      const [record] = await allEnded(app, [second])
      expect(record?.status).toBe('succeeded')
      expect(submitsById(simulator).get(second)).toBe(2)
      expect(simulator.tasks.count()).toBe(2)
    },
  )

  it(
    'gives up after the bounded number of refusals and leaves the task failed with the reason',
    { timeout: 60_000 },
    async () => {
      const simulator = await startSimulator({ maxActiveTasks: 0 })
      const timers = manualTimers()
      const { app, profileId } = await appOn(services, simulator, {
        dataDir: await tempDir(),
        queue: { timers, random: () => 0, backoff: { baseDelayMs: 1_000, maxDelayMs: 1_000 } },
      })
      const { taskId } = await app.queue.submit(request(profileId, 1))
      const drained = app.queue.drained(profileId)
      let refusals = 0
      while (app.queue.holds(taskId)) {
        await vi.waitFor(() => {
          if ((submitsById(simulator).get(taskId) ?? 0) <= refusals) throw new Error('not sent yet')
        })
        refusals += 1
        await vi.waitFor(() => {
          const listed = app.queue.holds(taskId) ? app.history.get(taskId)?.status : 'gone'
          if (listed !== 'failed' && listed !== 'gone') throw new Error('not refused yet')
        })
        timers.advance(1_000)
      }
      await drained
      expect(refusals).toBe(8)
      expect(app.history.get(taskId)).toMatchObject({ status: 'failed', error: { code: 'quota' } })
    },
  )

  it(
    'pauses, reorders and removes before sending, and resumes in the new order',
    { timeout: 60_000 },
    async () => {
      const simulator = await startSimulator({ timing: { queueMs: 10, msPerStep: 5 } })
      const { app, profileId } = await appOn(services, simulator, { dataDir: await tempDir() })
      await call(app, 'queue.setLimit', { profileId, limit: 1 })
      expect(await call<Listed>(app, 'queue.pause', { profileId })).toMatchObject({ paused: true })
      const ids: string[] = []
      for (let n = 0; n < 4; n += 1) ids.push((await app.queue.submit(request(profileId, n))).taskId)
      const paused = await call<Listed>(app, 'queue.list', { profileId })
      expect(paused.items.map((item) => item.state)).toEqual(['paused', 'paused', 'paused', 'paused'])
      expect(simulator.requests.count()).toBe(0)
      const [a, b, c, d] = paused.items
      await call(app, 'queue.move', { id: d?.id, toIndex: 0 })
      expect(await call(app, 'queue.remove', { ids: [b?.id, 'no-such-item'] })).toMatchObject({ removed: 1 })
      const reordered = await call<Listed>(app, 'queue.list', { profileId })
      expect(reordered.items.map((item) => [item.id, item.position])).toEqual([
        [d?.id, 0],
        [a?.id, 1],
        [c?.id, 2],
      ])
      await call(app, 'queue.resume', { profileId })
      await app.queue.drained(profileId)
      await allEnded(app, [ids[3] ?? '', ids[0] ?? '', ids[2] ?? ''])
      expect([...submitsById(simulator).keys()]).toEqual([ids[3], ids[0], ids[2]])
      // The removed item was never recorded nor sent.
      expect(app.history.get(ids[1] ?? '')).toBeNull()
    },
  )

  it(
    'tells windows of a burst of changes once, with the newest counts and revision',
    { timeout: 60_000 },
    async () => {
      const simulator = await startSimulator({ timing: { queueMs: 10, msPerStep: 5 } })
      const { app, profileId } = await appOn(services, simulator, { dataDir: await tempDir() })
      await call(app, 'queue.pause', { profileId })
      for (let n = 0; n < 5; n += 1) await app.queue.submit(request(profileId, n))
      const [a, b, c] = (await call<Listed>(app, 'queue.list', { profileId })).items
      // The submits' own event has gone out (the one after the work under way).
      await new Promise((resolve) => setImmediate(resolve))
      const seen = watchQueue(app)
      // Three changes in one go, as a window's Delete, Alt+↓ and Delete would send them.
      const answers = await Promise.all([
        call<{ revision: number }>(app, 'queue.move', { id: a?.id, toIndex: 3 }),
        call<{ revision: number }>(app, 'queue.remove', { ids: [b?.id] }),
        call<{ revision: number }>(app, 'queue.remove', { ids: [c?.id] }),
      ])
      // A later change's event marks the end: whatever the burst sent came before it.
      await call(app, 'queue.setLimit', { profileId, limit: 3 })
      await vi.waitFor(() => expect(seen.at(-1)?.profiles[0]?.limit).toBe(3))
      expect(seen).toHaveLength(2)
      expect(seen[0]?.revision).toBe(Math.max(...answers.map((answer) => answer.revision)))
      expect(seen[0]?.profiles).toEqual([{ profileId, waiting: 3, running: 0, limit: 2, paused: true }])
    },
  )

  it('keeps a pause and the queued items across a restart', { timeout: 60_000 }, async () => {
    const simulator = await startSimulator({ timing: { queueMs: 10, msPerStep: 5 } })
    const dataDir = await tempDir()
    const first = await appOn(services, simulator, { dataDir })
    await call(first.app, 'queue.pause', { profileId: first.profileId })
    const ids: string[] = []
    for (let n = 0; n < 3; n += 1)
      ids.push((await first.app.queue.submit(request(first.profileId, n))).taskId)
    await first.app.close()
    const again = await services({
      dataDir,
      trackerLimits: first.app.config.trackerLimits,
      keychain: first.app.config.keychain,
    })
    await again.queue.start()
    const listed = await call<Listed>(again, 'queue.list', { profileId: first.profileId })
    expect(listed).toMatchObject({ paused: true, total: 3 })
    expect(listed.items.map((item) => item.taskId)).toEqual(ids)
    await call(again, 'queue.resume', { profileId: first.profileId })
    await allEnded(again, ids)
    expect([...submitsById(simulator).values()]).toEqual([1, 1, 1])
  })

  it(
    'fails a plot cell taken out of the queue with the reason, and sends the others',
    { timeout: 60_000 },
    async () => {
      const simulator = await startSimulator({ timing: { queueMs: 10, msPerStep: 5 } })
      const { app, profileId } = await appOn(services, simulator, { dataDir: await tempDir() })
      await call(app, 'queue.pause', { profileId })
      const base = request(profileId, 0)
      const plot = await call<PlotRecord>(app, 'plot.start', {
        base,
        x: { type: 'steps', values: '4, 5, 6' },
      })
      const listed = await call<Listed>(app, 'queue.list', { profileId })
      expect(listed.items.map((item) => item.taskId)).toEqual(plot.cells.map((cell) => cell.taskId))
      await call(app, 'queue.remove', { ids: [listed.items[1]?.id] })
      await call(app, 'queue.resume', { profileId })
      const done = await app.plots.waitDone(plot.id)
      expect(done.cells.map((cell) => [cell.status, cell.error?.code ?? null])).toEqual([
        ['succeeded', null],
        ['failed', 'cancelled'],
        ['succeeded', null],
      ])
      expect(done.gridCacheKey).not.toBeNull()
      expect(submitsById(simulator).size).toBe(2)
    },
  )

  it('queues a task sent over the bridge with queue.submit', { timeout: 60_000 }, async () => {
    const simulator = await startSimulator({ timing: { queueMs: 10, msPerStep: 5 } })
    const { app, profileId } = await appOn(services, simulator, { dataDir: await tempDir() })
    const { taskId } = await call<{ taskId: string }>(app, 'queue.submit', request(profileId, 1))
    const [record] = await allEnded(app, [taskId])
    expect(record?.status).toBe('succeeded')
    const refused = await app.dispatch('queue.submit', { kind: 'text2image', params: {} }, ctx)
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_request' } })
  })
})
