import { beforeAll, describe, expect, it } from 'vitest'
import { tlsWarning } from '../../../main/services/api/api-dispatcher'
import { simulatorTestKeys } from '../../../main/simulator/sim-keys'
import { useConnectProxies } from '../../support/connect-proxy'
import { connectionTo, failureOf, params, useApiKit } from './api-test-kit'
import { makeTestCertificates, type TestCertificates } from './tls-kit'

let certs: TestCertificates
beforeAll(() => {
  certs = makeTestCertificates()
})

describe('TLS is always verified (SECURITY.md #18)', () => {
  const kit = useApiKit()

  it('works with a certificate the client trusts (the control case)', async () => {
    const simulator = await kit.simulator({ tls: certs.server })
    const { api } = kit.client({ ca: certs.caCert })
    expect(simulator.url).toMatch(/^https:/)
    await expect(
      api.submit(connectionTo(simulator), 'text2image-v2', 'tls-ok', params()),
    ).resolves.toMatchObject({
      taskId: 'tls-ok',
    })
  })

  it('fails closed on a self-signed certificate, before any request reaches the server', async () => {
    const simulator = await kit.simulator({ tls: certs.selfSigned })
    const { api } = kit.client({ ca: certs.caCert })
    const error = await failureOf(api.submit(connectionTo(simulator), 'text2image-v2', 'tls-self', params()))
    expect(error).toMatchObject({ code: 'network', details: { reason: 'tls' } })
    expect(error.message).toMatch(/certificate could not be verified/)
    expect(simulator.requests.count()).toBe(0)
  })

  it('fails closed on a trusted certificate for another host', async () => {
    const simulator = await kit.simulator({ tls: certs.wrongHost })
    const { api } = kit.client({ ca: certs.caCert })
    const error = await failureOf(api.queryTask(connectionTo(simulator), 'x'))
    expect(error).toMatchObject({ code: 'network', details: { reason: 'tls' } })
    expect(simulator.requests.count()).toBe(0)
  })

  it('still verifies when NODE_TLS_REJECT_UNAUTHORIZED=0 is set, and flags that setting', async () => {
    const simulator = await kit.simulator({ tls: certs.selfSigned })
    const { api } = kit.client()
    const before = process.env.NODE_TLS_REJECT_UNAUTHORIZED
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'
    try {
      expect(tlsWarning(process.env)).toMatch(/NODE_TLS_REJECT_UNAUTHORIZED=0/)
      expect((await failureOf(api.queryTask(connectionTo(simulator), 'x'))).details).toMatchObject({
        reason: 'tls',
      })
    } finally {
      if (before === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED
      else process.env.NODE_TLS_REJECT_UNAUTHORIZED = before
    }
    expect(tlsWarning({})).toBeNull()
  })
})

describe('HTTPS_PROXY and NO_PROXY are honoured (SECURITY.md #19)', () => {
  const kit = useApiKit()
  const proxy = useConnectProxies()

  it('tunnels HTTPS calls through the proxy, which sees only ciphertext', async () => {
    const simulator = await kit.simulator({ tls: certs.server })
    const tunnel = await proxy()
    const { api } = kit.client({ ca: certs.caCert, env: { HTTPS_PROXY: tunnel.url } })
    await api.submit(connectionTo(simulator), 'text2image-v2', 'via-proxy', params())
    expect(tunnel.tunnels).toEqual([new URL(simulator.url).host])
    expect(simulator.tasks.count()).toBe(1)
    expect(Buffer.concat(tunnel.seen).includes(simulatorTestKeys.accessKeySecret)).toBe(false)
  })

  it('reads the lower-case variable too, and goes direct for hosts in NO_PROXY', async () => {
    const simulator = await kit.simulator({ tls: certs.server })
    const tunnel = await proxy()
    const { api } = kit.client({
      ca: certs.caCert,
      env: { https_proxy: tunnel.url, NO_PROXY: 'example.com,127.0.0.1' },
    })
    await api.queryTask(connectionTo(simulator), 'missing').catch(() => undefined)
    expect(tunnel.tunnels).toEqual([])
    expect(simulator.requests.count()).toBe(1)
  })

  it('fails with a network error naming the proxy when it refuses the tunnel', async () => {
    const simulator = await kit.simulator({ tls: certs.server })
    const tunnel = await proxy('refuse')
    const { api } = kit.client({ ca: certs.caCert, env: { HTTPS_PROXY: tunnel.url } })
    const error = await failureOf(api.queryTask(connectionTo(simulator), 'x'))
    expect(error).toMatchObject({ code: 'network', details: { reason: 'proxy' } })
    expect(simulator.requests.count()).toBe(0)
  })
})
