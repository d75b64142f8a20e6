import { createHash, randomBytes } from 'node:crypto'
import { createServer as createHttpsServer, type Server } from 'node:https'
import { request } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError, storageConfigSchema, type StorageConfigInput } from '#contract'
import { createApiClient } from '../../../main/services/api/api-client'
import { createSessionSecretStore } from '../../../main/services/credentials/secret-store'
import { createEventBus } from '../../../main/services/event-bus'
import { createLogger, createSecretRedactor } from '../../../main/services/logger'
import { createConnectionServices } from '../../../main/services/profiles/connection-services'
import { createInputImageHost } from '../../../main/services/storage/input-image-host'
import {
  createS3ImageHost,
  type S3ImageHost,
  type S3Limits,
} from '../../../main/services/storage/s3-image-host'
import { useConnectProxies } from '../../support/connect-proxy'
import { objectsOnDisk, s3rverKeyId, useS3Server, type S3Server } from '../../support/s3-server'
import { useTempDirs } from '../../support/temp-dir'
import { makeTestCertificates } from '../api/tls-kit'

/*
 * Storage calls honour HTTPS_PROXY / HTTP_PROXY / NO_PROXY as the API calls do (SECURITY.md #19),
 * through a real CONNECT proxy on 127.0.0.1 in front of a real S3-compatible server (s3rver).
 */
const keys = { accessKeyId: s3rverKeyId, secretAccessKey: `CANARY-${crypto.randomUUID()}` }

function pngLike() {
  const bytes = new Uint8Array(randomBytes(2048))
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return { bytes, contentType: 'image/png', sha256: createHash('sha256').update(bytes).digest('hex') }
}

const storedObjects = async (server: S3Server) => [...(await objectsOnDisk(server)).keys()]

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(AppError)
  return error as AppError
}

/** What went into the proxy's tunnels, as text (plain HTTP to s3rver is readable). */
const through = (seen: readonly Buffer[]) => Buffer.concat(seen).toString('latin1')

describe('storage calls and the proxy variables', () => {
  const s3Server = useS3Server()
  const proxy = useConnectProxies()
  const tempDir = useTempDirs()
  const closers: (() => unknown)[] = []
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close()
  })

  function open(config: StorageConfigInput, env: NodeJS.ProcessEnv, limits: Partial<S3Limits> = {}) {
    const host: S3ImageHost = createS3ImageHost({
      config: storageConfigSchema.parse(config),
      keys,
      env,
      limits,
    })
    closers.push(() => host.close())
    return host
  }

  const onServer = (server: S3Server) => ({
    endpoint: server.endpoint,
    bucket: server.bucket,
    forcePathStyle: true,
  })

  it('uploads and deletes through the HTTP_PROXY tunnel', async () => {
    const server = await s3Server()
    const tunnel = await proxy()
    const host = open(onServer(server), { HTTP_PROXY: tunnel.url })
    const image = pngLike()
    const uploaded = await host.upload(image)
    expect(tunnel.tunnels).toEqual([new URL(server.endpoint).host])
    expect(through(tunnel.seen)).toContain(`PUT /bkt/${uploaded.object.key}`)
    expect(await storedObjects(server)).toHaveLength(1)
    // The link is for the service; it reads the bytes that went through the proxy.
    const fetched = await request(uploaded.url)
    expect(Buffer.from(await fetched.body.arrayBuffer()).equals(Buffer.from(image.bytes))).toBe(true)

    await host.remove(uploaded.object)
    expect(through(tunnel.seen)).toContain(`DELETE /bkt/${uploaded.object.key}`)
    expect(await storedObjects(server)).toEqual([])
  })

  it('reads the lower-case variables too, and goes direct for hosts in NO_PROXY', async () => {
    const server = await s3Server()
    const tunnel = await proxy()
    const { port } = new URL(server.endpoint)
    for (const noProxy of ['example.com, 127.0.0.1', `127.0.0.1:${port}`, '*']) {
      const host = open(onServer(server), { http_proxy: tunnel.url, no_proxy: noProxy })
      await host.remove((await host.upload(pngLike())).object)
    }
    const upperCase = open(onServer(server), { HTTP_PROXY: tunnel.url, NO_PROXY: '127.0.0.1' })
    await upperCase.upload(pngLike())
    expect(tunnel.tunnels).toEqual([])
    expect(await storedObjects(server)).toHaveLength(1)

    // Another port of the same host is not exempt.
    const otherPort = open(onServer(server), { HTTP_PROXY: tunnel.url, NO_PROXY: '127.0.0.1:1' })
    await otherPort.upload(pngLike())
    expect(tunnel.tunnels).toEqual([`127.0.0.1:${port}`])
  })

  it('says the proxy refused, not the storage, when the tunnel is refused', async () => {
    const server = await s3Server()
    const tunnel = await proxy('refuse')
    const host = open(onServer(server), { HTTP_PROXY: tunnel.url }, { maxAttempts: 1 })
    const error = await failure(host.upload(pngLike()))
    expect(error.code).toBe('image_storage_unreachable')
    expect(error.details).toMatchObject({ endpoint: new URL(server.endpoint).host, reason: 'proxy' })
    expect(tunnel.tunnels).toHaveLength(1)
    expect(await storedObjects(server)).toEqual([])
  })

  it('keeps the connect timeout when the proxy never answers the CONNECT', async () => {
    const server = await s3Server()
    const tunnel = await proxy('silent')
    const host = open(
      onServer(server),
      { HTTP_PROXY: tunnel.url },
      { connectTimeoutMs: 300, maxAttempts: 1, deadlineMs: 20_000 },
    )
    const started = Date.now()
    const error = await failure(host.upload(pngLike()))
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(error).toMatchObject({ code: 'image_storage_unreachable', details: { reason: 'timeout' } })
    expect(tunnel.tunnels).toHaveLength(1)
  })

  it('takes HTTPS_PROXY for an https endpoint and verifies its certificate inside the tunnel', async () => {
    const { selfSigned } = makeTestCertificates()
    const tls: Server = createHttpsServer(selfSigned, (_req, res) => res.end('{}'))
    closers.push(() => new Promise((done) => tls.close(done)))
    await new Promise<void>((ready) => tls.listen(0, '127.0.0.1', ready))
    const address = tls.address()
    const port = typeof address === 'object' && address ? address.port : 0
    const tunnel = await proxy()
    const before = process.env.NODE_TLS_REJECT_UNAUTHORIZED
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'
    try {
      const host = open(
        { endpoint: `https://127.0.0.1:${port}`, bucket: 'bkt', forcePathStyle: true },
        { HTTPS_PROXY: tunnel.url },
        { maxAttempts: 1 },
      )
      const error = await failure(host.upload(pngLike()))
      expect(error).toMatchObject({ code: 'image_storage_unreachable', details: { reason: 'tls' } })
    } finally {
      if (before === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED
      else process.env.NODE_TLS_REJECT_UNAUTHORIZED = before
    }
    expect(tunnel.tunnels).toEqual([`127.0.0.1:${port}`])
  })

  it("tests a profile's storage through the proxy: upload, the link's download and the delete", async () => {
    const server = await s3Server()
    const tunnel = await proxy()
    const logger = createLogger({ redactor: createSecretRedactor() })
    const api = createApiClient({ logger })
    const connection = await createConnectionServices({
      dataDir: await tempDir(),
      logger,
      redactor: createSecretRedactor(),
      events: createEventBus(),
      api,
      startDemoServer: () => Promise.reject(new Error('no demo here')),
      keychain: createSessionSecretStore(),
    })
    const { id } = await connection.profiles.create({ name: 'Behind a proxy' })
    await connection.profiles.setStorage(id, storageConfigSchema.parse(onServer(server)))
    await connection.credentials.set(
      id,
      { accessKeyId: keys.accessKeyId, accessKeySecret: keys.secretAccessKey },
      { sessionOnly: false },
      'storage',
    )
    const imageHost = createInputImageHost({
      settings: connection.settings,
      credentials: connection.credentials,
      resolveConnection: (profileId) => connection.profiles.resolveConnection(profileId),
      logger,
      env: { https_proxy: '', HTTP_PROXY: tunnel.url },
    })
    closers.push(
      () => api.close(),
      () => connection.close(),
      () => imageHost.close(),
    )

    const { objectKey } = await imageHost.probe(id)
    const sent = through(tunnel.seen)
    for (const method of ['PUT', 'GET', 'DELETE']) expect(sent).toContain(`${method} /bkt/${objectKey}`)
    expect(new Set(tunnel.tunnels)).toEqual(new Set([new URL(server.endpoint).host]))
    expect(await storedObjects(server)).toEqual([])
  })
})
