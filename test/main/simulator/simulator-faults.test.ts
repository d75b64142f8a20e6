import { createServer, type IncomingMessage, type Server } from 'node:http'
import { request } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { assetListGuess } from '../../../main/services/api/api-guesses'
import { apiPaths } from '../../../main/services/api/api-paths'
import { simulatorTestKeys } from '../../../main/simulator/sim-keys'
import type { Simulator } from '../../../main/simulator/simulator'
import { post, submitBody, useSimulators } from './sim-test-kit'

const modelList = assetListGuess.checkpoint.path
const page = { pageNum: 1, pageSize: 2 }

const rejection = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise
  } catch (error) {
    if (error instanceof DOMException) return error.name
    return (error as { code?: string }).code ?? 'unknown'
  }
  return 'resolved'
}

describe('simulator: fault knobs', () => {
  const start = useSimulators()

  it('latencyMs delays every answer', async () => {
    const simulator = await start({ faults: { latencyMs: 400 } })
    expect(await rejection(post(simulator, modelList, page, { signal: AbortSignal.timeout(50) }))).toBe(
      'TimeoutError',
    )
    expect((await post(simulator, modelList, page)).json?.code).toBe('200')
  })

  it('serverError answers a 5xx error envelope', async () => {
    const simulator = await start({ faults: { serverError: { status: 500 } } })
    const answer = await post(simulator, modelList, page)
    expect([answer.status, answer.json?.code]).toEqual([500, '500'])
    simulator.setFaults({ serverError: {} })
    expect((await post(simulator, modelList, page)).status).toBe(503)
  })

  it('rateLimit answers 429 with Retry-After', async () => {
    const simulator = await start({ faults: { rateLimit: { retryAfterSeconds: 7 } } })
    const answer = await post(simulator, modelList, page)
    expect([answer.status, answer.headers['retry-after']]).toEqual([429, '7'])
  })

  it('dropConnection cuts the connection before anything happens', async () => {
    const simulator = await start({ faults: { dropConnection: { remaining: 1 } } })
    expect(await rejection(post(simulator, apiPaths.text2image, submitBody('dropped')))).toMatch(
      /UND_ERR_SOCKET|ECONNRESET/,
    )
    expect(simulator.tasks.count()).toBe(0)
    expect((await post(simulator, modelList, page)).json?.code).toBe('200')
  })

  it('malformedJson answers 200 with a body that does not parse', async () => {
    const simulator = await start({ faults: { malformedJson: {} } })
    const answer = await post(simulator, modelList, page)
    expect([answer.status, answer.json]).toEqual([200, undefined])
    expect(answer.text.startsWith('{"code":"200"')).toBe(true)
  })

  it('trickleBody sends the body in small chunks without content-length', async () => {
    const simulator = await start({ faults: { trickleBody: { chunkBytes: 10, intervalMs: 1 } } })
    const response = await request(`${simulator.url}${modelList}`, {
      method: 'POST',
      headers: {
        'X-Request-req-accessKeyId': simulatorTestKeys.accessKeyId,
        'X-Request-req-accessKeySecret': simulatorTestKeys.accessKeySecret,
      },
      body: JSON.stringify(page),
    })
    expect(response.headers['content-length']).toBeUndefined()
    const chunks: Buffer[] = []
    for await (const chunk of response.body) chunks.push(chunk as Buffer)
    expect(chunks.length).toBeGreaterThan(5)
    expect(JSON.parse(Buffer.concat(chunks).toString('utf8'))).toMatchObject({ code: '200' })
  })

  it('stallHeaders holds the headers back for a while, or until the client gives up', async () => {
    const simulator = await start({ faults: { stallHeaders: { ms: 30 } } })
    expect((await post(simulator, modelList, page)).json?.code).toBe('200')
    simulator.setFaults({ stallHeaders: {} })
    expect(await rejection(post(simulator, modelList, page, { signal: AbortSignal.timeout(100) }))).toBe(
      'TimeoutError',
    )
  })

  it('resetAfterSubmit creates the task, then resets the socket', async () => {
    const simulator = await start({ faults: { resetAfterSubmit: {} } })
    expect(await rejection(post(simulator, apiPaths.text2image, submitBody('accepted')))).toMatch(
      /ECONNRESET|UND_ERR_SOCKET/,
    )
    expect(simulator.tasks.get('accepted')?.taskId).toBe('accepted')
    expect((await post(simulator, apiPaths.queryTask, { businessTaskId: 'accepted' })).json?.code).toBe('200')
  })

  it('quotaExceeded answers the insufficient-balance business error', async () => {
    const simulator = await start({ faults: { quotaExceeded: {} } })
    expect((await post(simulator, apiPaths.text2image, submitBody('broke'))).json?.code).toBe('402')
    expect(simulator.tasks.count()).toBe(0)
  })

  it('oversizedBody pads the answer, with or without content-length', async () => {
    const simulator = await start({ faults: { oversizedBody: { bytes: 100_000 } } })
    const sized = await post(simulator, modelList, page)
    expect(Number(sized.headers['content-length'])).toBeGreaterThanOrEqual(100_000)
    simulator.setFaults({ oversizedBody: { bytes: 100_000, chunked: true } })
    const chunked = await post(simulator, modelList, page)
    expect([chunked.headers['content-length'], chunked.text.length >= 100_000]).toEqual([undefined, true])
  })

  it('unknownStatus makes running tasks report a status number nobody knows', async () => {
    let now = 0
    const simulator = await start({
      clock: () => now,
      timing: { queueMs: 0, msPerStep: 100 },
      faults: { unknownStatus: 9 },
    })
    await post(simulator, apiPaths.text2image, submitBody('odd'))
    now = 500
    expect((await post(simulator, apiPaths.queryTask, { businessTaskId: 'odd' })).json?.data?.status).toBe(9)
  })

  it('taskFailure makes tasks fail half-way', async () => {
    let now = 0
    const simulator = await start({
      clock: () => now,
      timing: { queueMs: 0, msPerStep: 100 },
      faults: { taskFailure: {} },
    })
    await post(simulator, apiPaths.text2image, submitBody('fails'))
    now = 10_000
    expect((await post(simulator, apiPaths.queryTask, { businessTaskId: 'fails' })).json?.data).toMatchObject(
      { status: 4, differentialImageRspList: [] },
    )
  })

  it('limits a fault to some paths and a number of times', async () => {
    const simulator = await start({ faults: { serverError: { remaining: 2, paths: ['/queryTaskInfo'] } } })
    expect((await post(simulator, modelList, page)).status).toBe(200)
    const statuses = []
    for (let i = 0; i < 3; i += 1)
      statuses.push((await post(simulator, apiPaths.queryTask, { businessTaskId: 'x' })).status)
    expect(statuses).toEqual([503, 503, 200])
  })

  it('is deterministic: the same seed gives the same faults for the same requests', async () => {
    const pattern = async (seed: number) => {
      const simulator = await start({ seed, faults: { serverError: { probability: 0.5 } } })
      const statuses: number[] = []
      for (let i = 0; i < 16; i += 1) statuses.push((await post(simulator, modelList, page)).status)
      return statuses.join(',')
    }
    const first = await pattern(42)
    expect(await pattern(42)).toBe(first)
    expect(await pattern(43)).not.toBe(first)
    expect(first).toMatch(/503/)
    expect(first).toMatch(/200/)
  })
})

describe('simulator: callbacks', () => {
  const start = useSimulators()
  const receivers: Server[] = []
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))))
  })

  const receiver = async (answer: string) => {
    const bodies: unknown[] = []
    const server = createServer((req: IncomingMessage, res) => {
      let text = ''
      req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')))
      req.on('end', () => {
        bodies.push(JSON.parse(text))
        res.writeHead(200, { 'content-type': 'application/json' }).end(answer)
      })
    })
    receivers.push(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    return {
      url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`,
      bodies,
    }
  }

  const settled = async (simulator: Simulator, count: number) => {
    while (simulator.callbacks.length < count) await new Promise((resolve) => setTimeout(resolve, 10))
    return simulator.callbacks
  }

  it('posts the finished task to a loopback callbackUrl, once it is acknowledged', async () => {
    const hook = await receiver('{"code":"200"}')
    const simulator = await start({ timing: { queueMs: 0, msPerStep: 1 }, tickMs: 5 })
    await post(simulator, apiPaths.text2image, submitBody('cb', { callbackUrl: hook.url }))
    expect(await settled(simulator, 1)).toEqual([
      { taskId: 'cb', url: hook.url, attempt: 1, outcome: 'delivered' },
    ])
    expect(hook.bodies).toEqual([
      expect.objectContaining({ code: '200', data: expect.objectContaining({ id_task: 'cb', status: 2 }) }),
    ])
  })

  it('tries three times when the receiver does not acknowledge', async () => {
    const hook = await receiver('{"code":"500"}')
    const simulator = await start({ timing: { queueMs: 0, msPerStep: 1 }, tickMs: 5, callbackRetryMs: 5 })
    await post(simulator, apiPaths.text2image, submitBody('nack', { callbackUrl: hook.url }))
    const records = await settled(simulator, 3)
    expect(records.map((record) => [record.attempt, record.outcome])).toEqual([
      [1, 'rejected'],
      [2, 'rejected'],
      [3, 'rejected'],
    ])
    expect(hook.bodies).toHaveLength(3)
  })

  it('never calls a callbackUrl that is not on this machine', async () => {
    const simulator = await start({ timing: { queueMs: 0, msPerStep: 1 }, tickMs: 5 })
    await post(simulator, apiPaths.text2image, submitBody('far', { callbackUrl: 'http://example.com/hook' }))
    expect(await settled(simulator, 1)).toEqual([
      { taskId: 'far', url: 'http://example.com/hook', attempt: 0, outcome: 'skipped' },
    ])
  })
})
