import { createHash, randomBytes } from 'node:crypto'
import { createServer as createHttpsServer } from 'node:https'
import { createServer, type Server, type Socket } from 'node:net'
import { request } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError, storageConfigSchema, type StorageConfigInput } from '#contract'
import {
  createS3ImageHost,
  endpointHostOf,
  type S3ImageHost,
  type S3Keys,
  type S3Limits,
} from '../../../main/services/storage/s3-image-host'
import { closedPort, s3rverKeyId, useS3Server } from '../../support/s3-server'
import { makeTestCertificates } from '../api/tls-kit'

/*
 * The S3 uploader against a real S3-compatible server (s3rver) on 127.0.0.1, and against endpoints
 * that refuse, stall or present a certificate nobody vouches for.
 */
const keys: S3Keys = { accessKeyId: s3rverKeyId, secretAccessKey: `CANARY-${crypto.randomUUID()}` }
// s3rver refuses links signed too long ago, so the clock is the real one, held still.
const now = Date.now()
const clock = () => now
const day = new Date(now).toISOString().slice(0, 10)
const amzDate = new Date(now)
  .toISOString()
  .replace(/[-:]/g, '')
  .replace(/\.\d{3}/, '')

function pngLike(size = 4096) {
  const bytes = new Uint8Array(randomBytes(size))
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return { bytes, contentType: 'image/png', sha256: createHash('sha256').update(bytes).digest('hex') }
}

async function fetchLink(url: string) {
  const response = await request(url)
  return { status: response.statusCode, bytes: new Uint8Array(await response.body.arrayBuffer()) }
}

describe('uploading input images to S3-compatible storage', () => {
  const s3Server = useS3Server()
  const hosts: S3ImageHost[] = []
  const servers: Server[] = []
  const cleanups: (() => void)[] = []
  afterEach(async () => {
    for (const host of hosts.splice(0)) host.close()
    for (const cleanup of cleanups.splice(0)) cleanup()
    await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))))
  })

  function open(config: StorageConfigInput, options: { keys?: S3Keys; limits?: Partial<S3Limits> } = {}) {
    const host = createS3ImageHost({
      config: storageConfigSchema.parse(config),
      keys: options.keys ?? keys,
      clock,
      limits: options.limits,
      // Not the machine's proxy settings: storage-proxy.test.ts covers those.
      env: {},
    })
    hosts.push(host)
    return host
  }

  async function openOnServer(overrides: Partial<StorageConfigInput> = {}, options = {}) {
    const server = await s3Server()
    const host = open(
      { endpoint: server.endpoint, bucket: server.bucket, forcePathStyle: true, ...overrides },
      options,
    )
    return { server, host }
  }

  async function failure(promise: Promise<unknown>): Promise<AppError> {
    const error = await promise.then(
      () => null,
      (caught: unknown) => caught,
    )
    expect(error).toBeInstanceOf(AppError)
    return error as AppError
  }

  it('uploads an image, links it by a presigned URL that serves the same bytes, and deletes it', async () => {
    const { server, host } = await openOnServer({ urlExpirySeconds: 600 })
    const image = pngLike()
    const uploaded = await host.upload(image)

    expect(uploaded.object.bucket).toBe('bkt')
    expect(uploaded.object.key).toMatch(
      new RegExp(`^img-open-workbench/${day}/${image.sha256.slice(0, 16)}-[0-9a-f]{16}\\.png$`),
    )
    expect(uploaded.urlExpiresAt).toBe(now + 600_000)
    expect(uploaded.url.startsWith(`${server.endpoint}/bkt/${uploaded.object.key}?`)).toBe(true)
    const link = new URL(uploaded.url)
    expect(link.searchParams.get('X-Amz-Expires')).toBe('600')
    expect(link.searchParams.get('X-Amz-Date')).toBe(amzDate)
    expect(uploaded.url).not.toContain(keys.secretAccessKey)

    const fetched = await fetchLink(uploaded.url)
    expect(fetched.status).toBe(200)
    expect(Buffer.from(fetched.bytes).equals(Buffer.from(image.bytes))).toBe(true)

    await host.remove(uploaded.object)
    expect((await fetchLink(uploaded.url)).status).toBe(404)
    // Deleting what is already gone (a second cleanup, a lifecycle rule) is fine.
    await expect(host.remove(uploaded.object)).resolves.toBeUndefined()
  })

  it('gives every upload its own key, so one task deleting its copy leaves another task’s', async () => {
    const { host } = await openOnServer({ prefix: 'inputs/' })
    const image = pngLike()
    const first = await host.upload(image)
    const second = await host.upload({ ...image, contentType: 'IMAGE/PNG' })
    expect(first.object.key).not.toBe(second.object.key)
    expect(second.object.key).toMatch(new RegExp(`^inputs/${day}/[0-9a-f]{16}-[0-9a-f]{16}\\.png$`))

    await host.remove(first.object)
    expect((await fetchLink(first.url)).status).toBe(404)
    expect((await fetchLink(second.url)).status).toBe(200)
  })

  it('names JPEG and WebP objects by their type and refuses anything else before uploading', async () => {
    const { host } = await openOnServer()
    const jpeg = await host.upload({ ...pngLike(), contentType: 'image/jpeg' })
    const webp = await host.upload({ ...pngLike(), contentType: 'image/webp' })
    expect(jpeg.object.key.endsWith('.jpg')).toBe(true)
    expect(webp.object.key.endsWith('.webp')).toBe(true)
    const refused = await failure(host.upload({ ...pngLike(), contentType: 'image/gif' }))
    expect(refused.code).toBe('invalid_request')
  })

  it('reports keys the storage refuses as image_storage_auth, naming no key', async () => {
    const wrong: S3Keys = {
      accessKeyId: 'AKIAWRONGKEYID12345',
      secretAccessKey: `CANARY-${crypto.randomUUID()}`,
    }
    const { server, host } = await openOnServer({}, { keys: wrong })
    const error = await failure(host.upload(pngLike()))
    expect(error.code).toBe('image_storage_auth')
    expect(error.details).toEqual({
      bucket: 'bkt',
      endpoint: new URL(server.endpoint).host,
      reason: 'InvalidAccessKeyId',
      status: 403,
    })
    const said = JSON.stringify({ message: error.message, details: error.details })
    for (const secret of [wrong.accessKeyId, wrong.secretAccessKey]) expect(said).not.toContain(secret)
  })

  it('reports a bucket that does not exist as image_storage_unreachable', async () => {
    const { server, host } = await openOnServer({ bucket: 'no-such-bucket' })
    const error = await failure(host.upload(pngLike()))
    expect(error.code).toBe('image_storage_unreachable')
    expect(error.details).toEqual({
      bucket: 'no-such-bucket',
      endpoint: new URL(server.endpoint).host,
      reason: 'no_such_bucket',
      status: 404,
    })
  })

  it('reports a closed port as image_storage_unreachable', async () => {
    const port = await closedPort()
    const host = open({ endpoint: `http://127.0.0.1:${port}`, bucket: 'bkt', forcePathStyle: true })
    const error = await failure(host.upload(pngLike()))
    expect(error.code).toBe('image_storage_unreachable')
    expect(error.details).toMatchObject({ endpoint: `127.0.0.1:${port}`, reason: 'connection_refused' })
  })

  it('gives up on an endpoint that accepts connections but never answers', async () => {
    const sockets: Socket[] = []
    const silent = createServer((socket) => void sockets.push(socket))
    servers.push(silent)
    cleanups.push(() => sockets.forEach((socket) => socket.destroy()))
    await new Promise<void>((ready) => silent.listen(0, '127.0.0.1', ready))
    const address = silent.address()
    const port = typeof address === 'object' && address ? address.port : 0
    const host = open(
      { endpoint: `http://127.0.0.1:${port}`, bucket: 'bkt', forcePathStyle: true },
      { limits: { requestTimeoutMs: 300, maxAttempts: 1, deadlineMs: 5_000 } },
    )
    const error = await failure(host.upload(pngLike()))
    expect(error.code).toBe('image_storage_unreachable')
    expect(error.details).toMatchObject({ reason: 'timeout' })
  })

  it('refuses a certificate nobody vouches for, as image_storage_unreachable (tls)', async () => {
    const { selfSigned } = makeTestCertificates()
    const tls = createHttpsServer(selfSigned, (_req, res) => res.end('{}'))
    servers.push(tls as unknown as Server)
    await new Promise<void>((ready) => tls.listen(0, '127.0.0.1', ready))
    const address = tls.address()
    const port = typeof address === 'object' && address ? address.port : 0
    const host = open({ endpoint: `https://127.0.0.1:${port}`, bucket: 'bkt', forcePathStyle: true })
    const error = await failure(host.upload(pngLike()))
    expect(error.code).toBe('image_storage_unreachable')
    expect(error.details).toMatchObject({ reason: 'tls' })
  })

  it('stops when the caller cancels', async () => {
    const { host } = await openOnServer()
    const controller = new AbortController()
    controller.abort()
    const error = await failure(host.upload(pngLike(), { signal: controller.signal }))
    expect(error.code).toBe('cancelled')
  })

  it('talks to AWS for the region when no endpoint is given', () => {
    const config = storageConfigSchema.parse({ bucket: 'my-bucket', region: 'eu-west-3' })
    expect(endpointHostOf(config)).toBe('s3.eu-west-3.amazonaws.com')
    const oss = storageConfigSchema.parse({ bucket: 'b-1', endpoint: 'https://oss-cn-hangzhou.aliyuncs.com' })
    expect(endpointHostOf(oss)).toBe('oss-cn-hangzhou.aliyuncs.com')
  })
})
