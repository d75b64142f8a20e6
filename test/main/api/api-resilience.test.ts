import { describe, expect, it } from 'vitest'
import { apiPaths } from '../../../main/services/api/api-paths'
import { connectionTo, failureOf, instantTimers, params, useApiKit } from './api-test-kit'

describe('retries of queries and lists', () => {
  const kit = useApiKit()

  it('retries transient 5xx with growing jittered backoff and then succeeds', async () => {
    const simulator = await kit.simulator({ faults: { serverError: { remaining: 2 } } })
    const timers = instantTimers()
    const { api } = kit.client({ timers, limits: { baseDelayMs: 100, maxDelayMs: 1_000 } })
    const page = await api.listAssets(connectionTo(simulator), 'checkpoint', { pageNum: 1, pageSize: 2 })
    expect(page.rows).toHaveLength(2)
    expect(simulator.requests.count()).toBe(3)
    // random() is 0.5 in the kit: half the step fixed plus a quarter → 75, then 150.
    expect(timers.sleeps).toEqual([75, 150])
  })

  it('waits what a 429 Retry-After asks', async () => {
    const simulator = await kit.simulator({ faults: { rateLimit: { remaining: 1, retryAfterSeconds: 2 } } })
    const timers = instantTimers()
    const { api } = kit.client({ timers, limits: { retryBudgetMs: 5_000 } })
    await expect(
      api.listAssets(connectionTo(simulator), 'vae', { pageNum: 1, pageSize: 2 }),
    ).resolves.toMatchObject({ pageNum: 1 })
    expect(timers.sleeps).toEqual([2_000])
  })

  it('fails at once with quota when Retry-After is longer than the retry budget', async () => {
    const simulator = await kit.simulator({ faults: { rateLimit: { retryAfterSeconds: 120 } } })
    const timers = instantTimers()
    const { api } = kit.client({ timers })
    const error = await failureOf(api.queryTask(connectionTo(simulator), 'x'))
    expect(error).toMatchObject({ code: 'quota', details: { httpStatus: 429, retryAfterMs: 120_000 } })
    expect(timers.sleeps).toEqual([])
  })

  it('stops after maxAttempts even when every attempt is transient', async () => {
    const simulator = await kit.simulator({ faults: { dropConnection: {} } })
    const { api } = kit.client({ limits: { maxAttempts: 3 } })
    const error = await failureOf(api.queryTask(connectionTo(simulator), 'x'))
    expect(error).toMatchObject({ code: 'network', details: { reason: 'reset' } })
    expect(simulator.requests.count()).toBe(0)
  })

  it('does not retry answers that will not change (auth, invalid_request, not_found)', async () => {
    const simulator = await kit.simulator()
    const { api } = kit.client()
    await failureOf(api.queryTask(connectionTo(simulator), 'unknown-task'))
    await failureOf(
      api.queryTask(
        connectionTo(simulator, { accessKeyId: 'openapi-wrongwrongwrong1', accessKeySecret: 'w'.repeat(32) }),
        'x',
      ),
    )
    expect(simulator.requests.count()).toBe(2)
  })
})

describe('timeouts and size caps', () => {
  const kit = useApiKit()

  it('gives up on a body that trickles slower than the body timeout', async () => {
    const simulator = await kit.simulator({ faults: { trickleBody: { chunkBytes: 4, intervalMs: 1_500 } } })
    const { api } = kit.client({ limits: { bodyTimeoutMs: 200, maxAttempts: 1 } })
    const error = await failureOf(
      api.listAssets(connectionTo(simulator), 'checkpoint', { pageNum: 1, pageSize: 2 }),
    )
    expect(error.code).toBe('timeout')
  })

  it('ends a call that trickles within the body timeout but past the overall deadline', async () => {
    const simulator = await kit.simulator({ faults: { trickleBody: { chunkBytes: 2, intervalMs: 20 } } })
    const { api } = kit.client({ limits: { maxAttempts: 1 } })
    const error = await failureOf(
      api.listAssets(connectionTo(simulator), 'checkpoint', { pageNum: 1, pageSize: 6 }, { deadlineMs: 300 }),
    )
    expect(error).toMatchObject({ code: 'timeout', details: { deadline: true } })
  })

  it('reads a slow but steady body completely', async () => {
    const simulator = await kit.simulator({ faults: { trickleBody: { chunkBytes: 64, intervalMs: 1 } } })
    const { api } = kit.client()
    const page = await api.listAssets(connectionTo(simulator), 'lora', { pageNum: 1, pageSize: 10 })
    expect(page.rows.length).toBeGreaterThan(0)
  })

  it.each([false, true])('refuses a JSON answer over the cap (chunked: %s)', async (chunked) => {
    const simulator = await kit.simulator({ faults: { oversizedBody: { bytes: 300_000, chunked } } })
    const { api } = kit.client({ limits: { maxJsonBytes: 100_000 } })
    const error = await failureOf(api.queryTask(connectionTo(simulator), 'x'))
    expect(error).toMatchObject({ code: 'protocol', details: { reason: 'too_large', limitBytes: 100_000 } })
  })

  it('caps image downloads too', async () => {
    const simulator = await kit.simulator()
    const { api } = kit.client()
    const error = await failureOf(
      api.fetchImage(`${simulator.url}/sim-images/asset/vae/x.png`, { maxBytes: 50 }),
    )
    expect(error.details).toMatchObject({ reason: 'too_large' })
  })
})

describe('submit safety (SECURITY.md #17)', () => {
  const kit = useApiKit()

  it('reconciles a submit whose connection is reset after the service accepted it: exactly one task', async () => {
    const simulator = await kit.simulator({ faults: { resetAfterSubmit: { remaining: 1 } } })
    const { api, logger } = kit.client()
    const result = await api.submit(connectionTo(simulator), 'text2image-v2', 'reset-job', params())
    expect(result).toEqual({ taskId: 'reset-job', serviceTaskId: null, reconciled: true })
    expect(simulator.tasks.count()).toBe(1)
    expect(simulator.requests.count({ path: apiPaths.text2image })).toBe(1)
    expect(simulator.requests.count({ path: apiPaths.queryTask, taskId: 'reset-job' })).toBeGreaterThan(0)
    expect(logger.lines.some((line) => line.includes('"presence":"exists"'))).toBe(true)
  })

  it('resends with the same id only after reconciling proves a cut submit never arrived', async () => {
    const simulator = await kit.simulator({
      faults: { dropConnection: { remaining: 1, paths: [apiPaths.text2image] } },
    })
    const { api } = kit.client()
    const result = await api.submit(connectionTo(simulator), 'text2image-v2', 'dropped-job', params())
    expect(result).toMatchObject({ taskId: 'dropped-job', reconciled: false })
    expect(simulator.tasks.list().map((task) => task.taskId)).toEqual(['dropped-job'])
    expect(simulator.requests.count({ path: apiPaths.queryTask, taskId: 'dropped-job' })).toBeGreaterThan(0)
  })

  it('never resends after a 5xx answer; reconciles and reports the task as not created', async () => {
    const simulator = await kit.simulator({ faults: { serverError: { paths: [apiPaths.text2image] } } })
    const { api } = kit.client()
    const error = await failureOf(
      api.submit(connectionTo(simulator), 'text2image-v2', 'five-hundred', params()),
    )
    expect(error).toMatchObject({
      code: 'server',
      details: { taskId: 'five-hundred', submitOutcome: 'not_created' },
    })
    expect(simulator.requests.count({ path: apiPaths.text2image })).toBe(1)
  })

  it('says the outcome is unknown when the answer is lost and the status cannot be checked', async () => {
    const simulator = await kit.simulator({
      faults: { resetAfterSubmit: {}, serverError: { paths: [apiPaths.queryTask] } },
    })
    const { api } = kit.client()
    const error = await failureOf(api.submit(connectionTo(simulator), 'text2image-v2', 'lost', params()))
    expect(error).toMatchObject({ code: 'network', details: { taskId: 'lost', submitOutcome: 'unknown' } })
    expect(simulator.tasks.count()).toBe(1)
    expect(simulator.requests.count({ path: apiPaths.text2image })).toBe(1)
  })

  it('resends a submit whose connection was refused (it cannot have arrived), then reports it not created', async () => {
    const simulator = await kit.simulator()
    const url = simulator.url
    await simulator.close()
    const { api, logger } = kit.client()
    const error = await failureOf(
      api.submit({ baseUrl: url, auth: null }, 'text2image-v2', 'refused', params()),
    )
    expect(error).toMatchObject({
      code: 'network',
      details: { reason: 'refused', submitOutcome: 'not_created' },
    })
    expect(logger.lines.filter((line) => line.includes('api.submit.resend'))).toHaveLength(2)
  })

  it('resubmitting the same id after a failure never creates a second task', async () => {
    const simulator = await kit.simulator()
    const { api } = kit.client()
    await api.submit(connectionTo(simulator), 'text2image-v2', 'twice', params())
    await api.submit(connectionTo(simulator), 'text2image-v2', 'twice', params())
    expect(simulator.tasks.count()).toBe(1)
  })

  it('reports a cancelled submit as cancelled with an unknown outcome', async () => {
    const simulator = await kit.simulator({ faults: { stallHeaders: { paths: [apiPaths.text2image] } } })
    const { api } = kit.client()
    const controller = new AbortController()
    const pending = failureOf(
      api.submit(connectionTo(simulator), 'text2image-v2', 'cancel-me', params(), {
        signal: controller.signal,
      }),
    )
    setTimeout(() => controller.abort(), 30)
    expect(await pending).toMatchObject({
      code: 'cancelled',
      details: { taskId: 'cancel-me', submitOutcome: 'unknown' },
    })
  })
})
