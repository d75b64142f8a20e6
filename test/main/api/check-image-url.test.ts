import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { apiPaths } from '../../../main/services/api/api-paths'
import { submitBody, post } from '../simulator/sim-test-kit'
import { connectionTo, failureOf, params, useApiKit } from './api-test-kit'

interface Seen {
  readonly method: string
  readonly headers: IncomingHttpHeaders
}

/** An image host answering each method with a fixed status and type; records what it was asked. */
function useLinkHosts() {
  const open: Server[] = []
  afterEach(async () => {
    await Promise.all(
      open.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
    )
  })
  return async (answers: Partial<Record<'HEAD' | 'GET', readonly [number, string]>>) => {
    const seen: Seen[] = []
    const server = createServer((req, res) => {
      seen.push({ method: req.method ?? '', headers: req.headers })
      const [status, type] = answers[req.method === 'HEAD' ? 'HEAD' : 'GET'] ?? [404, 'text/plain']
      res.writeHead(status, { 'content-type': type }).end(req.method === 'HEAD' ? undefined : 'x')
    })
    open.push(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
    const { port } = server.address() as AddressInfo
    return { url: `http://127.0.0.1:${port}/results/a.png`, seen }
  }
}

describe('checkImageUrl (guess 18)', () => {
  const kit = useApiKit()
  const host = useLinkHosts()

  it('finds a simulator result valid, then expired once its links expire', async () => {
    const simulator = await kit.simulator({ timing: { queueMs: 0, msPerStep: 0 } })
    const { api } = kit.client()
    await api.submit(connectionTo(simulator), 'text2image-v2', 'checked', params())
    let url: string | undefined
    while (url === undefined) url = (await api.queryTask(connectionTo(simulator), 'checked')).images[0]?.url
    expect(await api.checkImageUrl(url)).toBe('valid')
    simulator.expireResultLinks()
    expect(await api.checkImageUrl(url)).toBe('expired')
    expect(
      simulator.requests
        .list()
        .filter((r) => r.path.startsWith('/sim-images/'))
        .every((r) => !r.withAuth),
    ).toBe(true)
  })

  it('expires a simulator result after resultLinkTtlMs', async () => {
    let now = 0
    const simulator = await kit.simulator({
      clock: () => now,
      timing: { queueMs: 0, msPerStep: 1 },
      resultLinkTtlMs: 10_000,
    })
    const { api } = kit.client()
    await post(simulator, apiPaths.text2image, submitBody('ttl'))
    const url = `${simulator.url}/sim-images/task/ttl/0.png`
    now = 5_000
    expect(await api.checkImageUrl(url)).toBe('valid')
    now = 20_000
    expect(await api.checkImageUrl(url)).toBe('expired')
  })

  it('asks with HEAD and no keys; confirms a refused HEAD with a one-byte GET', async () => {
    const { api } = kit.client()
    const plain = await host({ HEAD: [200, 'image/png'] })
    expect(await api.checkImageUrl(plain.url)).toBe('valid')
    expect(plain.seen.map((request) => request.method)).toEqual(['HEAD'])
    const noHead = await host({ HEAD: [405, 'text/plain'], GET: [206, 'image/jpeg'] })
    expect(await api.checkImageUrl(noHead.url)).toBe('valid')
    expect(noHead.seen.map((request) => [request.method, request.headers.range])).toEqual([
      ['HEAD', undefined],
      ['GET', 'bytes=0-0'],
    ])
    const signedForGet = await host({ HEAD: [403, 'application/xml'], GET: [200, 'binary/octet-stream'] })
    expect(await api.checkImageUrl(signedForGet.url)).toBe('valid')
    for (const request of [...plain.seen, ...noHead.seen, ...signedForGet.seen])
      expect(Object.keys(request.headers).filter((name) => name.startsWith('x-request-req'))).toEqual([])
  })

  it('reads 403/404/410 and error pages as expired, 5xx and dead hosts as unreachable', async () => {
    const { api } = kit.client()
    const cases: ReadonlyArray<
      readonly [Partial<Record<'HEAD' | 'GET', readonly [number, string]>>, string]
    > = [
      [{ HEAD: [403, 'application/xml'], GET: [403, 'application/xml'] }, 'expired'],
      [{ HEAD: [404, 'text/plain'] }, 'expired'],
      [{ HEAD: [410, 'text/plain'] }, 'expired'],
      [{ HEAD: [200, 'text/html'] }, 'expired'],
      [{ HEAD: [503, 'text/plain'] }, 'unreachable'],
    ]
    for (const [answers, state] of cases)
      expect(await api.checkImageUrl((await host(answers)).url)).toBe(state)
    expect(await api.checkImageUrl('http://127.0.0.1:1/gone.png')).toBe('unreachable')
  })

  it('rejects only a cancel or a link that is not http(s)', async () => {
    const { api } = kit.client()
    const { url } = await host({ HEAD: [200, 'image/png'] })
    expect(await failureOf(api.checkImageUrl(url, { signal: AbortSignal.abort() }))).toMatchObject({
      code: 'cancelled',
    })
    expect(await failureOf(api.checkImageUrl('file:///etc/hosts'))).toMatchObject({
      code: 'invalid_request',
      details: { field: 'url' },
    })
  })
})
