import { MockAgent } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { createApiClient } from '../../../main/services/api/api-client'
import { describeApiError, apiErrorCodes } from '../../../main/services/api/api-errors'
import { apiPaths } from '../../../main/services/api/api-paths'
import { parseListData, parseQueryData, readTemporaryImage } from '../../../main/services/api/wire'
import { createLogger, createSecretRedactor } from '../../../main/services/logger'
import { failureOf, fastLimits, instantTimers } from './api-test-kit'

/*
 * Unit tests of parsing and error mapping only: answers the simulator never gives (HTTP-level auth
 * failures, odd progress shapes) are faked with undici's MockAgent. Transport behaviour is tested
 * over real HTTP elsewhere.
 */

const origin = 'https://api.example.test'
const connection = {
  baseUrl: origin,
  auth: { accessKeyId: 'openapi-abcdefgh12345678', accessKeySecret: 'CANARY-secret-0123456789abcdef' },
}

const agents: MockAgent[] = []
afterEach(async () => {
  await Promise.all(agents.splice(0).map((agent) => agent.close()))
})

function mockedClient() {
  const agent = new MockAgent()
  agent.disableNetConnect()
  agents.push(agent)
  const timers = instantTimers()
  const api = createApiClient({
    dispatcher: agent,
    logger: createLogger({ redactor: createSecretRedactor() }),
    limits: fastLimits,
    timers,
    random: () => 0.5,
  })
  return { pool: agent.get(origin), api, timers }
}

const envelope = (code: string, msg: string, data: unknown = null) => JSON.stringify({ code, msg, data })

describe('asset list hashes (guess 9)', () => {
  it('keeps the model list’s SHA-256 lowercased and drops a hash that is not hex', () => {
    const sha = 'EC41BD2A8271ACDE4AE81CAC004D9F3300E7FB0870EAE8CBFE0BBC4EF8E27F91'
    const page = parseListData(
      {
        rows: [
          { sdModelCheckpoint: 'photon_v1_84728.safetensors', modelHash: sha },
          { sdModelCheckpoint: 'odd.safetensors', modelHash: 'sk-not-a-hash <script>' },
          { sdModelCheckpoint: 'none.safetensors' },
        ],
        total: 3,
      },
      'checkpoint',
      { pageNum: 1, pageSize: 10 },
    )
    expect(page.rows.map((row) => row.hash)).toEqual([sha.toLowerCase(), null, null])
  })
})

describe('temporaryImageDto (guess 4)', () => {
  it('reads a 0–100 percent with an image URL', () => {
    expect(readTemporaryImage({ percent: 45, imageUrl: 'https://oss.example/p.png', eta: 3.5 })).toEqual({
      percent: 45,
      previewImage: 'https://oss.example/p.png',
      etaMs: 3500,
    })
  })

  it('reads A1111-style 0–1 progress with bare base64 as a data: URL', () => {
    const base64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk'
    const read = readTemporaryImage({ progress: 0.25, current_image: base64, eta_relative: 2 })
    expect(read.percent).toBe(25)
    expect(read.previewImage).toBe(`data:image/png;base64,${base64}`)
  })

  it('falls back to an indeterminate bar for null, strings and unknown shapes', () => {
    expect(readTemporaryImage(null)).toEqual({ percent: null, previewImage: null, etaMs: null })
    expect(readTemporaryImage({ somethingElse: 1 })).toEqual({
      percent: null,
      previewImage: null,
      etaMs: null,
    })
    expect(readTemporaryImage({ percentage: '80%' }).percent).toBe(80)
    expect(readTemporaryImage({ percent: 250 }).percent).toBe(100)
  })
})

describe('task status (guesses 1 and 2)', () => {
  it('maps documented and guessed numbers, and flags unknown ones as running', () => {
    expect(
      parseQueryData({ id_task: 'a', status: 2, desc: 'ok', differentialImageRspList: [] }, 'a').state,
    ).toBe('succeeded')
    expect(parseQueryData({ id_task: 'a', status: '1' }, 'a').state).toBe('running')
    const unknown = parseQueryData({ id_task: 'a', status: 77, desc: '处理中' }, 'a')
    expect(unknown).toMatchObject({ state: 'running', statusRecognised: false, rawStatus: 77 })
    expect(parseQueryData({ status: 77, desc: '任务失败' }, 'a').state).toBe('failed')
  })

  it('reads the archived answer (task_id, no temporaryImageDto) and tolerates extra fields', () => {
    const snapshot = parseQueryData(
      {
        task_id: '20000051',
        status: 2,
        desc: 'success',
        extra: { anything: true },
        differentialImageRspList: [
          {
            img_audit: [{ confidence: null, label: 'nonLabel' }],
            img_audit_status: true,
            image_status: 1,
            image_url: 'https://x/y.png',
            seed: 3247563571,
            more: 1,
          },
        ],
      },
      '20000051',
    )
    expect(snapshot.taskId).toBe('20000051')
    expect(snapshot.images).toEqual([
      { url: 'https://x/y.png', seed: 3247563571, status: 1, auditPassed: true, auditLabels: ['nonLabel'] },
    ])
  })
})

describe('HTTP and business errors (guesses 5–7)', () => {
  it.each([
    [401, 'auth'],
    [403, 'auth'],
    [402, 'quota'],
    [404, 'not_found'],
    [422, 'invalid_request'],
    [418, 'protocol'],
  ] as const)('HTTP %i becomes %s without retrying', async (status, code) => {
    const { pool, api } = mockedClient()
    pool.intercept({ path: apiPaths.queryTask, method: 'POST' }).reply(status, '<html>nope</html>')
    const error = await failureOf(api.queryTask(connection, 'task-1'))
    expect(error.code).toBe(code)
    expect(error.details).toMatchObject({ httpStatus: status })
  })

  it('maps business codes, and unknown codes by their message', async () => {
    const { pool, api } = mockedClient()
    const cases: [string, string, string][] = [
      ['401', 'whatever', 'auth'],
      ['402', 'whatever', 'quota'],
      ['9001', '余额不足', 'quota'],
      ['9002', 'accessKey 无效', 'auth'],
    ]
    for (const [serviceCode, msg] of cases)
      pool
        .intercept({ path: apiPaths.queryArchivedTask, method: 'POST' })
        .reply(200, envelope(serviceCode, msg))
    for (const [serviceCode, , code] of cases) {
      const error = await failureOf(api.queryArchivedTask(connection, 'task-1', { deadlineMs: 5_000 }))
      expect([serviceCode, error.code]).toEqual([serviceCode, code])
    }
  })

  it('treats any other business code as a server error, retried like one', async () => {
    const { pool, api, timers } = mockedClient()
    pool
      .intercept({ path: apiPaths.queryTask, method: 'POST' })
      .reply(200, envelope('9003', 'something odd'))
      .times(4)
    const error = await failureOf(api.queryTask(connection, 'task-1'))
    expect(error).toMatchObject({
      code: 'server',
      details: { serviceCode: '9003', serviceMessage: 'something odd' },
    })
    expect(timers.sleeps).toHaveLength(3)
  })

  it('names the invalid field from data.field or from the message', async () => {
    const { pool, api } = mockedClient()
    pool
      .intercept({ path: apiPaths.queryTask, method: 'POST' })
      .reply(200, envelope('400', 'bad', { field: 'businessTaskId' }))
    pool
      .intercept({ path: apiPaths.queryTask, method: 'POST' })
      .reply(200, envelope('400', '参数错误: width 必须是 8 的倍数'))
    expect((await failureOf(api.queryTask(connection, 'a'))).details).toMatchObject({
      field: 'businessTaskId',
    })
    expect((await failureOf(api.queryTask(connection, 'a'))).details).toMatchObject({ field: 'width' })
  })

  it('treats code "200" with data null as an unknown task (guess 8)', async () => {
    const { pool, api } = mockedClient()
    pool.intercept({ path: apiPaths.queryTask, method: 'POST' }).reply(200, envelope('200', 'success'))
    expect((await failureOf(api.queryTask(connection, 'a'))).code).toBe('not_found')
  })

  it('never copies a secret the service echoes into the error', async () => {
    const { pool, api } = mockedClient()
    const echoed = `invalid key ${connection.auth.accessKeySecret}`
    pool.intercept({ path: apiPaths.queryTask, method: 'POST' }).reply(200, envelope('401', echoed))
    const error = await failureOf(api.queryTask(connection, 'a'))
    expect(JSON.stringify(error.toShape())).not.toContain('CANARY')
  })

  it('rejects bodies that are not the envelope, or not JSON, as protocol', async () => {
    const { pool, api } = mockedClient()
    pool.intercept({ path: apiPaths.queryTask, method: 'POST' }).reply(200, '{"unexpected":true}')
    pool.intercept({ path: apiPaths.queryTask, method: 'POST' }).reply(200, '<html>gateway</html>')
    pool
      .intercept({ path: apiPaths.queryTask, method: 'POST' })
      .reply(200, envelope('200', 'ok', { status: 'soon' }))
    for (let i = 0; i < 3; i += 1)
      expect((await failureOf(api.queryTask(connection, 'a'))).code).toBe('protocol')
  })

  it('takes the answered id of a v3 submit and keeps querying by our own id', async () => {
    const { pool, api } = mockedClient()
    pool
      .intercept({ path: apiPaths.text2imageV3, method: 'POST' })
      .reply(200, envelope('200', 'success', { taskId: 987 }))
    const { params } = await import('./api-test-kit')
    await expect(api.submit(connection, 'text2image-v3', 'ours', params())).resolves.toEqual({
      taskId: 'ours',
      serviceTaskId: '987',
      reconciled: false,
    })
  })
})

describe('describeApiError', () => {
  it('has an English and a Chinese message for every API error code', () => {
    for (const code of apiErrorCodes) {
      const en = describeApiError(code, 'en')
      const zh = describeApiError(code, 'zh-CN')
      expect(en.length).toBeGreaterThan(10)
      expect(zh).toMatch(/[\u4e00-\u9fff]/)
    }
    expect(describeApiError('network', 'zh-CN', { reason: 'tls' })).toContain('TLS')
    expect(describeApiError('network', 'fr')).toBe(describeApiError('network', 'en'))
  })
})
