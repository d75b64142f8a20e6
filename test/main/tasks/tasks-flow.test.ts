import { describe, expect, it } from 'vitest'
import { text2ImageParamsSchema, type EventName, type TaskProgress, type TaskRecord } from '#contract'
import { createSessionSecretStore } from '../../../main/services/credentials/secret-store'
import type { Services } from '../../../main/services/create-services'
import { readPngText } from '../../../main/services/images/png-metadata'
import { simulatorTestKeys } from '../../../main/simulator/sim-keys'
import { useServices } from '../../support/services'
import { useSimulators } from '../../support/simulators'
import { useTempDirs } from '../../support/temp-dir'
import { sd } from '../sd-task'

const ctx = { transport: 'in-process' } as const
const params = {
  prompt: 'a lighthouse at dusk, (storm:1.2)',
  negative_prompt: 'lowres',
  steps: 8,
  seed: 42,
  width: 256,
  height: 256,
  alwayson_scripts: { sd_model_checkpoint: 'revAnimated_v122_7371.safetensors' },
}
const fastTracking = { firstIntervalMs: 50, slowAfterMs: 1_000, maxIntervalMs: 200 }

function recordEvents(services: Services) {
  const seen: { name: EventName; payload: unknown }[] = []
  services.events.subscribe((name, payload) => seen.push({ name, payload }))
  const changes = (id: string) =>
    seen
      .filter((e) => e.name === 'tasks.changed' && (e.payload as TaskRecord).id === id)
      .map((e) => e.payload as TaskRecord)
  const progress = (id: string) =>
    seen
      .filter((e) => e.name === 'tasks.progress' && (e.payload as TaskProgress).id === id)
      .map((e) => e.payload as TaskProgress)
  return { changes, progress }
}

async function call<T>(services: Services, name: string, input: unknown): Promise<T> {
  const result = await services.dispatch(name, input, ctx)
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`)
  return result.value as T
}

const finalOf = async (services: Services, id: string) => {
  await expect
    .poll(() => services.history.get(id)?.status, { timeout: 20_000, interval: 50 })
    .toMatch(/succeeded|failed/)
  return services.history.get(id)
}

describe('tasks: submit, progress, results, history', () => {
  const tempDir = useTempDirs()
  const services = useServices()
  const startSimulator = useSimulators()

  it('records the task before it is sent, shows progress, and keeps the images with their parameters', async () => {
    const app = await services({ dataDir: await tempDir(), trackerLimits: fastTracking })
    const events = recordEvents(app)
    const { taskId } = await call<{ taskId: string }>(app, 'tasks.submit', { kind: 'text2image', params })
    const first = events.changes(taskId)[0]
    expect(first).toMatchObject({ id: taskId, status: 'submitting', profileId: 'demo' })
    expect(sd(first).params.prompt).toBe(params.prompt)

    const done = await finalOf(app, taskId)
    expect(done?.status).toBe('succeeded')
    expect(events.changes(taskId).map((r) => r.status)).toEqual(
      expect.arrayContaining(['submitting', 'queued', 'succeeded']),
    )
    expect(events.progress(taskId).some((p) => p.percent !== null && p.percent > 0 && p.percent < 100)).toBe(
      true,
    )
    const previews = events.progress(taskId).map((p) => p.previewImage ?? '')
    expect(previews.some((preview) => preview.startsWith('data:image/png;base64,'))).toBe(true)
    expect(done?.images.length).toBe(1)
    const image = done?.images[0]
    expect(image?.cacheKey).toMatch(/^[0-9a-f]{64}$/)
    expect(typeof image?.seed).toBe('number')

    const { dataUrl } = await call<{ dataUrl: string }>(app, 'images.get', {
      cacheKey: image?.cacheKey,
      size: 'full',
    })
    const png = Buffer.from(dataUrl.split(',')[1] ?? '', 'base64')
    const text = readPngText(png)
    const parameters = text.find((entry) => entry.keyword === 'parameters')?.text ?? ''
    expect(parameters).toContain('a lighthouse at dusk, (storm:1.2)\nNegative prompt: lowres\nSteps: 8')
    expect(parameters).toContain('Model: revAnimated_v122_7371')
    expect(text.some((entry) => entry.keyword === 'img-open-request')).toBe(true)
  })

  it('lists tasks in flight for a window that opens while they run', async () => {
    const app = await services({ dataDir: await tempDir(), trackerLimits: fastTracking })
    const { taskId } = await call<{ taskId: string }>(app, 'tasks.submit', {
      kind: 'text2image',
      params: { ...params, steps: 40 },
    })
    const active = await call<{ tasks: TaskRecord[] }>(app, 'tasks.active', {})
    expect(active.tasks.map((task) => task.id)).toContain(taskId)
    await finalOf(app, taskId)
    expect((await call<{ tasks: TaskRecord[] }>(app, 'tasks.active', {})).tasks).toEqual([])
  })

  it('records a refused submit as failed with the typed error, and retries it with the same id', async () => {
    const simulator = await startSimulator({
      keys: [simulatorTestKeys],
      timing: { queueMs: 10, msPerStep: 5 },
    })
    const keychain = createSessionSecretStore()
    const app = await services({ dataDir: await tempDir(), trackerLimits: fastTracking, keychain })
    const profile = await call<{ id: string }>(app, 'profiles.create', {
      name: 'Studio',
      baseUrl: simulator.url,
    })
    await call(app, 'credentials.set', {
      profileId: profile.id,
      accessKeyId: 'openapi-wrongwrongwrong1',
      accessKeySecret: 'x'.repeat(32),
    })
    const { taskId } = await call<{ taskId: string }>(app, 'tasks.submit', {
      kind: 'text2image',
      params,
      profileId: profile.id,
    })
    const failed = await finalOf(app, taskId)
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'auth' } })
    expect(JSON.stringify(failed)).not.toContain('x'.repeat(32))

    await call(app, 'credentials.set', { profileId: profile.id, ...simulatorTestKeys })
    expect(await call(app, 'tasks.retry', { taskId })).toEqual({ taskId })
    const retried = await finalOf(app, taskId)
    expect(retried).toMatchObject({ id: taskId, status: 'succeeded', error: null })
    expect(simulator.tasks.list().map((task) => task.taskId)).toEqual([taskId])
  })

  it('refuses to retry a task that did not fail', async () => {
    const app = await services({ dataDir: await tempDir(), trackerLimits: fastTracking })
    const { taskId } = await call<{ taskId: string }>(app, 'tasks.submit', { kind: 'text2image', params })
    await finalOf(app, taskId)
    const result = await app.dispatch('tasks.retry', { taskId }, ctx)
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(await app.dispatch('tasks.retry', { taskId: 'nope' }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    })
  })

  it('keeps tracking a task after a restart', async () => {
    const simulator = await startSimulator({
      keys: [simulatorTestKeys],
      timing: { queueMs: 300, msPerStep: 60 },
    })
    const keychain = createSessionSecretStore()
    const dataDir = await tempDir()
    const before = await services({ dataDir, trackerLimits: fastTracking, keychain })
    const profile = await call<{ id: string }>(before, 'profiles.create', {
      name: 'Studio',
      baseUrl: simulator.url,
    })
    await call(before, 'credentials.set', { profileId: profile.id, ...simulatorTestKeys })
    const { taskId } = await call<{ taskId: string }>(before, 'tasks.submit', {
      kind: 'text2image',
      params,
      profileId: profile.id,
    })
    await expect.poll(() => before.history.get(taskId)?.status).toBe('queued')
    await before.close()

    const after = await services({ dataDir, trackerLimits: fastTracking, keychain })
    expect(after.history.get(taskId)?.status).toMatch(/queued|running/)
    expect(await after.tasks.resume()).toBe(1)
    expect((await finalOf(after, taskId))?.status).toBe('succeeded')
  })
})

describe('start-up reconciliation of tasks a crash left "submitting"', () => {
  const tempDir = useTempDirs()
  const services = useServices()
  const startSimulator = useSimulators()

  it('tracks a task that did reach the service and fails one that never did, so each can be retried', async () => {
    const simulator = await startSimulator({
      keys: [simulatorTestKeys],
      timing: { queueMs: 10, msPerStep: 5 },
    })
    const keychain = createSessionSecretStore()
    const app = await services({
      dataDir: await tempDir(),
      keychain,
      trackerLimits: { ...fastTracking, notFoundGraceMs: 300 },
    })
    const profile = await call<{ id: string }>(app, 'profiles.create', {
      name: 'Studio',
      baseUrl: simulator.url,
    })
    await call(app, 'credentials.set', { profileId: profile.id, ...simulatorTestKeys })
    const full = text2ImageParamsSchema.parse(params)
    const intent = (id: string): TaskRecord => ({
      id,
      kind: 'text2image',
      profileId: profile.id,
      profileName: 'Studio',
      params: full,
      status: 'submitting',
      description: null,
      createdAt: Date.now(),
      updatedAt: Date.now(),
      finishedAt: null,
      error: null,
      images: [],
    })
    // The crash came after the request left for one task and before it left for the other.
    app.history.insert(intent('reached-the-service'))
    app.history.insert(intent('never-sent'))
    await app.api.submit(
      await app.profiles.resolveConnection(profile.id),
      'text2image-v2',
      'reached-the-service',
      full,
    )

    expect(await app.tasks.resume()).toBe(2)
    expect((await finalOf(app, 'reached-the-service'))?.status).toBe('succeeded')
    expect(await finalOf(app, 'never-sent')).toMatchObject({ status: 'failed', error: { code: 'not_found' } })
    expect(simulator.tasks.list().map((task) => task.taskId)).toEqual(['reached-the-service'])
  })
})
