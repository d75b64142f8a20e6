import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { afterEach } from 'vitest'
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
}

/** The only key id s3rver accepts; it does not check SigV4 signatures, so any secret passes. */
export const s3rverKeyId = 'S3RVER'

/**
 * A fresh s3rver on 127.0.0.1 with one bucket, in a temp dir, closed after each test. It refuses
 * unknown key ids (InvalidAccessKeyId, 403) and unknown buckets (NoSuchBucket, 404), like S3.
 */
export function useS3Server(): (bucket?: string) => Promise<S3Server> {
  const tempDir = useTempDirs()
  const running: S3rverInstance[] = []
  afterEach(async () => {
    await Promise.all(running.splice(0).map((server) => server.close()))
  })
  return async (bucket = 'bkt') => {
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
    return { endpoint: `http://127.0.0.1:${port}`, bucket, directory }
  }
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
