import { describe, expect, it } from 'vitest'
import type { Services } from '../../../main/services/create-services'
import { useServices } from '../../support/services'
import { useTempDirs } from '../../support/temp-dir'

const ctx = { transport: 'in-process' } as const
const fastTracking = { firstIntervalMs: 50, slowAfterMs: 1_000, maxIntervalMs: 200 }
// 150 steps at the demo simulator's 80 ms a step: a task that runs for 12 s.
const slowParams = {
  prompt: 'a slow lighthouse',
  steps: 150,
  width: 256,
  height: 256,
  alwayson_scripts: { sd_model_checkpoint: 'revAnimated_v122_7371.safetensors' },
}
const quickParams = { ...slowParams, prompt: 'a quick lighthouse', steps: 4 }

async function call<T>(services: Services, name: string, input: unknown) {
  const result = await services.dispatch(name, input, ctx)
  return result as { ok: true; value: T } | { ok: false; error: { code: string; message: string } }
}

const statusOf = (app: Services, id: string) => app.history.get(id)?.status

describe('tasks: stop tracking', () => {
  const tempDir = useTempDirs()
  const services = useServices()

  it('stops asking about a running task, records it cancelled with the reason, and no longer lists it in flight', async () => {
    const dataDir = await tempDir()
    const app = await services({ dataDir, trackerLimits: fastTracking })
    const submitted = await call<{ taskId: string }>(app, 'tasks.submit', {
      kind: 'text2image',
      params: slowParams,
    })
    if (!submitted.ok) throw new Error(submitted.error.message)
    const { taskId } = submitted.value
    await expect.poll(() => statusOf(app, taskId), { timeout: 10_000 }).toMatch(/queued|running/)

    expect((await call(app, 'tasks.stopTracking', { taskId })).ok).toBe(true)
    const stopped = app.history.get(taskId)
    expect(stopped).toMatchObject({
      status: 'cancelled',
      trackingStopped: true,
      error: { code: 'cancelled' },
    })
    expect(stopped?.error?.message).toMatch(/Tracking stopped.*may still finish/)
    expect(app.tasks.active().tasks.map((task) => task.id)).not.toContain(taskId)

    // Stopping again is refused: the task already ended.
    const again = await call(app, 'tasks.stopTracking', { taskId })
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } })
  })

  it('Refresh tracks a stopped task again and fetches its result', async () => {
    const app = await services({ dataDir: await tempDir(), trackerLimits: fastTracking })
    const submitted = await call<{ taskId: string }>(app, 'tasks.submit', {
      kind: 'text2image',
      params: quickParams,
    })
    if (!submitted.ok) throw new Error(submitted.error.message)
    const { taskId } = submitted.value
    await expect.poll(() => statusOf(app, taskId), { timeout: 10_000 }).toMatch(/queued|running/)
    await call(app, 'tasks.stopTracking', { taskId })
    expect(statusOf(app, taskId)).toBe('cancelled')

    expect((await call(app, 'tasks.refresh', { taskId })).ok).toBe(true)
    await expect.poll(() => statusOf(app, taskId), { timeout: 20_000 }).toBe('succeeded')
    const done = app.history.get(taskId)
    expect(done?.trackingStopped).toBeUndefined()
    expect(done?.images[0]?.cacheKey).toMatch(/^[0-9a-f]{64}$/)
  })

  it('refuses to refresh a task whose tracking was never stopped', async () => {
    const app = await services({ dataDir: await tempDir(), trackerLimits: fastTracking })
    const submitted = await call<{ taskId: string }>(app, 'tasks.submit', {
      kind: 'text2image',
      params: quickParams,
    })
    if (!submitted.ok) throw new Error(submitted.error.message)
    expect(await call(app, 'tasks.refresh', { taskId: submitted.value.taskId })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    })
  })
})
