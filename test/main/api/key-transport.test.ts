import { MockAgent } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import type { Profile } from '#contract'
import { sendsKeysInClear } from '#contract'
import { createApiClient } from '../../../main/services/api/api-client'
import { assetListGuess } from '../../../main/services/api/api-guesses'
import type { ApiConnection } from '../../../main/services/api/api-types'
import { createSessionSecretStore } from '../../../main/services/credentials/secret-store'
import { createLogger, createSecretRedactor } from '../../../main/services/logger'
import { useServices } from '../../support/services'
import { useTempDirs } from '../../support/temp-dir'
import { runInProcess } from '../cli/cli-kit'
import { failureOf, fastLimits, instantTimers } from './api-test-kit'

/* SECURITY.md #27: keys go only over https:, or http: to this machine, or where the profile allows it. */

const keys = { accessKeyId: 'openapi-abcdefgh12345678', accessKeySecret: 'CANARY-secret-0123456789abcdef' }
const listAnswer = JSON.stringify({ code: '200', msg: 'success', data: { rows: [], total: 0 } })

describe('which base URLs would carry the keys in clear', () => {
  it.each([
    ['http://api.example.com', true],
    ['http://10.0.0.5:8080/api', true],
    ['http://127.0.0.1.nip.io', true],
    ['http://localhost.example.com', true],
    ['https://api.example.com', false],
    ['http://127.0.0.1:4100', false],
    ['http://127.8.9.10', false],
    ['http://localhost:3000', false],
    ['http://sim.localhost', false],
    ['http://[::1]:4100', false],
  ])('%s → %s', (url, clear) => {
    expect(sendsKeysInClear(url)).toBe(clear)
  })
})

describe('the API client sends keys to plain http on another machine only with the profile’s consent', () => {
  const agents: MockAgent[] = []
  afterEach(async () => {
    await Promise.all(agents.splice(0).map((agent) => agent.close()))
  })

  const mocked = (origin: string) => {
    const agent = new MockAgent()
    agent.disableNetConnect()
    agents.push(agent)
    agent
      .get(origin)
      .intercept({ path: assetListGuess.checkpoint.path, method: 'POST' })
      .reply(200, listAnswer)
    const api = createApiClient({
      dispatcher: agent,
      logger: createLogger({ redactor: createSecretRedactor() }),
      limits: fastLimits,
      timers: instantTimers(),
    })
    return { agent, api }
  }
  const page = { pageNum: 1, pageSize: 1 }

  it('refuses before sending anything, saying why and what to do', async () => {
    const { agent, api } = mocked('http://img.example.test')
    const connection: ApiConnection = { baseUrl: 'http://img.example.test', auth: keys }
    const error = await failureOf(api.listAssets(connection, 'checkpoint', page))
    expect(error.code).toBe('invalid_request')
    expect(error.details).toMatchObject({ field: 'baseUrl', reason: 'insecure_http' })
    expect(error.message).toMatch(/unencrypted.*nothing was sent.*https:\/\/.*allow unencrypted http/)
    expect(agent.pendingInterceptors()).toHaveLength(1)
  })

  it('sends when the profile allows it, and keyless calls need no consent', async () => {
    const allowed = mocked('http://img.example.test')
    const connection = { baseUrl: 'http://img.example.test', auth: keys, allowInsecureHttp: true }
    await expect(allowed.api.listAssets(connection, 'checkpoint', page)).resolves.toMatchObject({ total: 0 })
    expect(allowed.agent.pendingInterceptors()).toHaveLength(0)
    const keyless = mocked('http://img.example.test')
    const demoLike = { baseUrl: 'http://img.example.test', auth: null }
    await expect(keyless.api.listAssets(demoLike, 'checkpoint', page)).resolves.toMatchObject({ total: 0 })
  })
})

describe('a profile with a plain http address on another machine', () => {
  const tempDir = useTempDirs()
  const services = useServices()

  it('is refused unless it says so explicitly; loopback needs no consent', async () => {
    const app = await services({ dataDir: await tempDir(), keychain: createSessionSecretStore() })
    const dispatch = (name: string, input: unknown) => app.dispatch(name, input, { transport: 'in-process' })
    expect(
      await dispatch('profiles.create', { name: 'Lan', baseUrl: 'http://192.168.1.20:8080' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', details: { field: 'baseUrl', reason: 'insecure_http' } },
    })
    const local = await dispatch('profiles.create', { name: 'Local', baseUrl: 'http://127.0.0.1:4100' })
    expect(local).toMatchObject({ ok: true, value: { allowInsecureHttp: false } })
    const lan = await dispatch('profiles.create', {
      name: 'Lan',
      baseUrl: 'http://192.168.1.20:8080',
      allowInsecureHttp: true,
    })
    expect(lan).toMatchObject({ ok: true, value: { allowInsecureHttp: true } })
    const id = lan.ok ? (lan.value as Profile).id : ''
    // Taking the consent back while the address stays plain http is refused the same way.
    expect(await dispatch('profiles.update', { id, allowInsecureHttp: false })).toMatchObject({
      ok: false,
      error: { details: { reason: 'insecure_http' } },
    })
    expect(
      await dispatch('profiles.update', { id, baseUrl: 'https://img.example.com', allowInsecureHttp: false }),
    ).toMatchObject({ ok: true, value: { allowInsecureHttp: false } })
  })
})

describe('img-open with a plain http --base-url on another machine', () => {
  const tempDir = useTempDirs()
  // `.invalid` never resolves: a call that is sent fails fast as `dns`, one that is refused never gets there.
  const env = async () => ({
    IMG_OPEN_DATA_DIR: await tempDir(),
    IMG_OPEN_ACCESS_KEY_ID: keys.accessKeyId,
    IMG_OPEN_ACCESS_KEY_SECRET: keys.accessKeySecret,
  })

  it('refuses to send the keys and says how to allow it', { timeout: 60_000 }, async () => {
    const run = await runInProcess(['models', '--base-url', 'http://img-open.invalid'], await env())
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('unencrypted')
    expect(run.stderr).toContain('--allow-insecure-http')
    expect(run.stderr).not.toContain(keys.accessKeySecret)
  })

  it('sends them with --allow-insecure-http', { timeout: 60_000 }, async () => {
    const run = await runInProcess(
      ['models', '--base-url', 'http://img-open.invalid', '--allow-insecure-http'],
      await env(),
    )
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/could not be resolved/)
  })
})
