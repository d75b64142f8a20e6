import { createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import { simulatorTestKeys } from '../../../main/simulator/sim-keys'
import { connectionTo, failureOf, params, useApiKit } from './api-test-kit'

const until = async <T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
  for (;;) {
    const value = await read()
    if (done(value)) return value
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('API client against the simulator: endpoints', () => {
  const kit = useApiKit()

  it('submits text2image v2, follows the task to its images and downloads them without the keys', async () => {
    const simulator = await kit.simulator()
    const { api } = kit.client()
    const connection = connectionTo(simulator)
    await expect(
      api.submit(connection, 'text2image-v2', 'job-1', params({ n_iter: 2, batch_size: 2 })),
    ).resolves.toEqual({
      taskId: 'job-1',
      serviceTaskId: null,
      reconciled: false,
    })
    const done = await until(
      () => api.queryTask(connection, 'job-1'),
      (snapshot) => snapshot.state === 'succeeded',
    )
    expect(done).toMatchObject({ taskId: 'job-1', rawStatus: 2, percent: 100 })
    expect(done.images).toHaveLength(4)
    const image = await api.fetchImage(done.images[0]?.url ?? '')
    expect(image.contentType).toBe('image/png')
    expect(Buffer.from(image.bytes).subarray(1, 4).toString('latin1')).toBe('PNG')
    const download = simulator.requests.list().find((record) => record.path.startsWith('/sim-images/'))
    expect(download?.withAuth).toBe(false)
  })

  it('reports progress with a percent and a preview while the task runs', async () => {
    const simulator = await kit.simulator({ timing: { queueMs: 0, msPerStep: 200 } })
    const { api } = kit.client()
    const connection = connectionTo(simulator)
    await api.submit(connection, 'text2image-v2', 'job-progress', params({ steps: 20 }))
    const running = await until(
      () => api.queryTask(connection, 'job-progress'),
      (snapshot) => (snapshot.percent ?? 0) > 0,
    )
    expect(running.state).toBe('running')
    expect(running.previewImage).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/sim-images\/task\/job-progress\/preview-\d\.png$/,
    )
    expect(running.etaMs).toBeGreaterThan(0)
  })

  it('submits text2image v3 and queries it by our own id', async () => {
    const simulator = await kit.simulator()
    const { api } = kit.client()
    const connection = connectionTo(simulator)
    const result = await api.submit(connection, 'text2image-v3', 'v3-job', params())
    expect(result.taskId).toBe('v3-job')
    expect(result.serviceTaskId).toMatch(/^\d+$/)
    expect((await api.queryTask(connection, 'v3-job')).taskId).toBe('v3-job')
  })

  it('finds old tasks in the archive once the realtime query no longer has them', async () => {
    const simulator = await kit.simulator({ archiveAfterMs: 0 })
    const { api } = kit.client()
    const connection = connectionTo(simulator)
    await api.submit(connection, 'text2image-v2', 'old-job', params())
    await new Promise((resolve) => setTimeout(resolve, 5))
    expect((await failureOf(api.queryTask(connection, 'old-job'))).code).toBe('not_found')
    const archived = await until(
      () => api.queryArchivedTask(connection, 'old-job'),
      (snapshot) => snapshot.state === 'succeeded',
    )
    expect(archived).toMatchObject({ taskId: 'old-job', previewImage: null })
    expect(archived.images).toHaveLength(1)
  })

  it('lists models, LoRAs, VAEs and embeddings page by page', async () => {
    const simulator = await kit.simulator()
    const { api } = kit.client()
    const connection = connectionTo(simulator)
    const first = await api.listAssets(connection, 'checkpoint', { pageNum: 1, pageSize: 4 })
    const second = await api.listAssets(connection, 'checkpoint', { pageNum: 2, pageSize: 4 })
    expect(first.total).toBe(first.rows.length + second.rows.length)
    expect(first.rows[0]).toMatchObject({
      kind: 'checkpoint',
      fileName: 'revAnimated_v122_7371.safetensors',
      baseModel: 'SD 1.5',
    })
    const vaes = await api.listAssets(connection, 'vae', { pageNum: 1, pageSize: 10 })
    expect(vaes.rows.map((row) => row.fileName)).toContain('vae-ft-mse-840000-ema-pruned.ckpt')
    const loras = await api.listAssets(connection, 'lora', { pageNum: 1, pageSize: 10 })
    expect(loras.rows[0]?.fileName).toBe('add_detail')
    const embeddings = await api.listAssets(connection, 'embedding', { pageNum: 1, pageSize: 10 })
    expect(embeddings.rows.map((row) => row.fileName)).toContain('EasyNegative')
  })

  it('sends no keys for the demo profile, which only a demo-mode simulator accepts', async () => {
    const demo = await kit.simulator({ demo: true })
    const strict = await kit.simulator()
    const { api } = kit.client()
    await expect(
      api.submit(connectionTo(demo, null), 'text2image-v2', 'demo-1', params()),
    ).resolves.toMatchObject({
      taskId: 'demo-1',
    })
    expect(demo.requests.list()[0]?.withAuth).toBe(false)
    expect(
      (await failureOf(api.submit(connectionTo(strict, null), 'text2image-v2', 'demo-2', params()))).code,
    ).toBe('auth')
  })
})

describe('API client against the simulator: every error class', () => {
  const kit = useApiKit()

  it('auth: wrong keys, and the secret appears in no error or log line', async () => {
    const simulator = await kit.simulator()
    const { api, logger } = kit.client()
    const canary = `CANARY-${crypto.randomUUID()}`
    const error = await failureOf(
      api.queryTask(
        {
          baseUrl: simulator.url,
          auth: { accessKeyId: simulatorTestKeys.accessKeyId, accessKeySecret: canary },
        },
        'x',
      ),
    )
    expect(error.code).toBe('auth')
    expect(error.message).toMatch(/refused the access keys/)
    expect(JSON.stringify([error.toShape(), error.stack, logger.lines])).not.toContain(canary)
  })

  it('quota: no credits left', async () => {
    const simulator = await kit.simulator({ credits: 1 })
    const { api } = kit.client()
    await api.submit(connectionTo(simulator), 'text2image-v2', 'paid', params())
    const error = await failureOf(api.submit(connectionTo(simulator), 'text2image-v2', 'unpaid', params()))
    expect(error).toMatchObject({ code: 'quota', details: { serviceCode: '402' } })
    expect(simulator.tasks.count()).toBe(1)
  })

  it('invalid_request: names the field the service rejected', async () => {
    const simulator = await kit.simulator()
    const { api } = kit.client()
    const bad = { ...params(), alwayson_scripts: { sd_model_checkpoint: 'no-such-model.safetensors' } }
    const error = await failureOf(api.submit(connectionTo(simulator), 'text2image-v2', 'bad', bad))
    expect(error).toMatchObject({
      code: 'invalid_request',
      details: { field: 'alwayson_scripts.sd_model_checkpoint' },
    })
    const v3 = await failureOf(
      api.submit(connectionTo(simulator), 'text2image-v3', 'bad3', params({ width: 2048 })),
    )
    expect(v3.details).toMatchObject({ field: 'width' })
  })

  it('not_found: an unknown task id', async () => {
    const simulator = await kit.simulator()
    const { api } = kit.client()
    expect((await failureOf(api.queryTask(connectionTo(simulator), 'never-submitted'))).code).toBe(
      'not_found',
    )
  })

  it('server: a service that keeps failing with 5xx, after bounded retries', async () => {
    const simulator = await kit.simulator({ faults: { serverError: { status: 502 } } })
    const { api } = kit.client()
    const error = await failureOf(api.queryTask(connectionTo(simulator), 'x'))
    expect(error).toMatchObject({ code: 'server', details: { httpStatus: 502 } })
    expect(simulator.requests.count()).toBe(4)
  })

  it('network: nothing listening at the base URL', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address()
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
      })
    })
    const { api } = kit.client()
    const error = await failureOf(
      api.listAssets({ baseUrl: `http://127.0.0.1:${port}`, auth: null }, 'vae', { pageNum: 1, pageSize: 5 }),
    )
    expect(error).toMatchObject({ code: 'network', details: { reason: 'refused' } })
  })

  it('timeout: a service that never sends headers', async () => {
    const simulator = await kit.simulator({ faults: { stallHeaders: {} } })
    const { api } = kit.client({ limits: { headersTimeoutMs: 100, maxAttempts: 1 } })
    const error = await failureOf(api.queryTask(connectionTo(simulator), 'x'))
    expect(error.code).toBe('timeout')
  })

  it('protocol: a body that is not JSON', async () => {
    const simulator = await kit.simulator({ faults: { malformedJson: {} } })
    const { api } = kit.client()
    const error = await failureOf(
      api.listAssets(connectionTo(simulator), 'checkpoint', { pageNum: 1, pageSize: 5 }),
    )
    expect(error).toMatchObject({ code: 'protocol', details: { what: 'not JSON' } })
  })

  it('cancelled: the caller aborts a call in flight', async () => {
    const simulator = await kit.simulator({ faults: { stallHeaders: {} } })
    const { api } = kit.client()
    const controller = new AbortController()
    const pending = failureOf(api.queryTask(connectionTo(simulator), 'x', { signal: controller.signal }))
    setTimeout(() => controller.abort(), 30)
    expect((await pending).code).toBe('cancelled')
  })

  it('invalid_request: a base URL that is not http(s), before anything is sent', async () => {
    const { api } = kit.client()
    const error = await failureOf(api.queryTask({ baseUrl: 'file:///etc', auth: null }, 'x'))
    expect(error).toMatchObject({ code: 'invalid_request', details: { field: 'baseUrl' } })
    const image = await failureOf(api.fetchImage('javascript:alert(1)'))
    expect(image).toMatchObject({ code: 'invalid_request', details: { field: 'url' } })
  })
})
