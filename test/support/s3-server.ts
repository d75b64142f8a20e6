import { randomBytes } from 'node:crypto'
import { createServer as createHttpServer, request as httpRequest, type Server } from 'node:http'
import { readdir, readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { createServer, type AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { checkSignature, type SignatureRefusal } from './s3-signature'
import { useTempDirs } from './temp-dir'

/** The part of s3rver (a real S3-compatible server on disk; it ships no types) the tests use. */
interface S3rverInstance {
  run(): Promise<{ port: number }>
  close(): Promise<void>
}
type S3rverClass = new (options: {
  port: number
  address: string
  silent: boolean
  directory: string
  configureBuckets: { name: string }[]
}) => S3rverInstance

const S3rver = createRequire(import.meta.url)('s3rver') as S3rverClass

export interface S3Server {
  /** `http://127.0.0.1:<port>`: use it path-style. */
  readonly endpoint: string
  readonly bucket: string
  /** Where the objects live on disk. */
  readonly directory: string
  /** The S3 error codes the signature check answered, in order (empty without `checkSignatures`). */
  readonly refusals: readonly SignatureRefusal['code'][]
  /** `METHOD /bucket/key` of each request that passed the check, in order (same condition). */
  readonly accepted: readonly string[]
}

export interface S3ServerOptions {
  /**
   * s3rver checks key ids but not signatures. With this secret, a front on 127.0.0.1 checks every
   * request's SigV4 signature (header or presigned link) against S3RVER and this secret first, and
   * answers 403 with S3's XML error when it does not match; `endpoint` is then the front's.
   */
  readonly checkSignatures?: string
}

/** The only key id s3rver accepts; by itself it does not check SigV4 signatures (see `checkSignatures`). */
export const s3rverKeyId = 'S3RVER'

const xmlText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** S3's error document, with what S3 itself echoes for a signature mismatch. */
function s3ErrorXml(refusal: SignatureRefusal): string {
  const fields = {
    Code: refusal.code,
    Message: refusal.message,
    AWSAccessKeyId: s3rverKeyId,
    ...(refusal.stringToSign === undefined ? {} : { StringToSign: refusal.stringToSign }),
    ...(refusal.canonicalRequest === undefined ? {} : { CanonicalRequest: refusal.canonicalRequest }),
    RequestId: randomBytes(8).toString('hex').toUpperCase(),
    HostId: randomBytes(24).toString('base64'),
  }
  const body = Object.entries(fields)
    .map(([name, value]) => `<${name}>${xmlText(value)}</${name}>`)
    .join('')
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${body}</Error>`
}

/** Checks each request's signature, then hands it to s3rver unchanged. */
function startSignatureFront(
  upstreamPort: number,
  secretAccessKey: string,
  log: { readonly refusals: SignatureRefusal['code'][]; readonly accepted: string[] },
): Promise<Server> {
  const front = createHttpServer((req, res) => {
    const refusal = checkSignature(
      { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers },
      { accessKeyId: s3rverKeyId, secretAccessKey },
    )
    if (refusal !== null) {
      log.refusals.push(refusal.code)
      // The body is read first, as S3 does, so the client sees the answer rather than a reset.
      req.resume()
      req.on('end', () => {
        const xml = req.method === 'HEAD' ? undefined : s3ErrorXml(refusal)
        res.writeHead(403, { 'content-type': 'application/xml' }).end(xml)
      })
      return
    }
    log.accepted.push(`${req.method ?? ''} ${decodeURIComponent((req.url ?? '').split('?')[0] ?? '')}`)
    const upstream = httpRequest(
      { host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  return new Promise((resolve) => front.listen(0, '127.0.0.1', () => resolve(front)))
}

/**
 * A fresh s3rver on 127.0.0.1 with one bucket, in a temp dir, closed after each test. It refuses
 * unknown key ids (InvalidAccessKeyId, 403) and unknown buckets (NoSuchBucket, 404), like S3; with
 * `checkSignatures`, wrong secrets too (SignatureDoesNotMatch, 403).
 */
export function useS3Server(): (bucket?: string, options?: S3ServerOptions) => Promise<S3Server> {
  const tempDir = useTempDirs()
  const running: S3rverInstance[] = []
  const fronts: Server[] = []
  afterEach(async () => {
    for (const front of fronts.splice(0)) {
      front.closeAllConnections()
      await new Promise((done) => front.close(done))
    }
    await Promise.all(running.splice(0).map((server) => server.close()))
  })
  return async (bucket = 'bkt', options = {}) => {
    const directory = await tempDir()
    const server = new S3rver({
      port: 0,
      address: '127.0.0.1',
      silent: true,
      directory,
      configureBuckets: [{ name: bucket }],
    })
    const { port } = await server.run()
    running.push(server)
    const log = { refusals: [] as SignatureRefusal['code'][], accepted: [] as string[] }
    if (options.checkSignatures === undefined)
      return { endpoint: `http://127.0.0.1:${port}`, bucket, directory, ...log }
    const front = await startSignatureFront(port, options.checkSignatures, log)
    fronts.push(front)
    const frontPort = (front.address() as AddressInfo).port
    return { endpoint: `http://127.0.0.1:${frontPort}`, bucket, directory, ...log }
  }
}

/** The objects s3rver keeps on disk, by key, with their bytes: what really is in the bucket. */
export async function objectsOnDisk(server: S3Server): Promise<Map<string, Buffer>> {
  const root = join(server.directory, server.bucket)
  const suffix = '._S3rver_object'
  const entries = await readdir(root, { recursive: true })
  const objects = new Map<string, Buffer>()
  for (const file of entries.map(String).filter((name) => name.endsWith(suffix)))
    objects.set(file.slice(0, -suffix.length), await readFile(join(root, file)))
  return objects
}

/** A port nothing listens on (bound, read, released). */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}
