import { randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { request } from 'undici'
import { AppError, storageConfigSchema } from '#contract'
import type { InputImageHost, StoredObject } from '../../main/services/storage/image-host'
import { useLoopbackServers } from './loopback-server'

export interface LoopbackImageHost extends InputImageHost {
  /** Objects stored now, by key. */
  readonly objects: ReadonlyMap<string, Buffer>
  /** Object keys in upload order (an object uploaded twice appears twice). */
  readonly uploaded: readonly string[]
  /** Paths the server answered a GET for (what the service fetched), in order. */
  readonly fetched: readonly string[]
  /** Object keys deleted by a DELETE, in order. */
  readonly removed: readonly string[]
  /** Requests held without an answer (see `stall`), as `METHOD key`. */
  readonly stalled: readonly string[]
  /** Every link given out so far answers 403 from now on, as expired presigned links do. */
  expireLinks(): void
  /**
   * Requests of `method` from now on (after the first `skip`) get no answer, as from a storage
   * that hangs; nothing they ask is done. `unstall` lets new ones through again.
   */
  stall(method: 'PUT' | 'DELETE', options?: { readonly skip?: number }): void
  unstall(): void
  /** Cuts the stalled requests' connections (their callers see a network failure). */
  cutStalled(): void
  /** While false, every connection is cut at once, as for a storage that cannot be reached. */
  setReachable(reachable: boolean): void
}

export interface LoopbackHostOptions {
  /** Profiles with storage set up; uploads for any other profile fail with image_storage_needed. */
  readonly profiles: readonly string[]
  /** The profiles' "keep uploads" setting. */
  readonly keepUploads?: boolean
  readonly clock?: () => number
}

const bucket = 'bkt'
const extensionOf: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' }

/**
 * An InputImageHost over a real HTTP server on 127.0.0.1 standing in for a profile's S3 bucket:
 * uploads are real PUTs, removals real DELETEs, links real URLs with a signature-like query that
 * the simulator fetches. Closed after each test.
 */
export function useLoopbackImageHosts(): (options: LoopbackHostOptions) => Promise<LoopbackImageHost> {
  const listen = useLoopbackServers()
  return async (options) => {
    const objects = new Map<string, Buffer>()
    const uploaded: string[] = []
    const fetched: string[] = []
    const removed: string[] = []
    const stalled: string[] = []
    const held: IncomingMessage[] = []
    const validSignatures = new Set<string>()
    let reachable = true
    let stalling: { method: string; skip: number } | null = null
    const { origin } = await listen((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const key = decodeURIComponent(url.pathname.slice(`/${bucket}/`.length))
      if (!reachable) return void req.socket.destroy()
      const stall = stalling
      if (stall !== null && stall.method === req.method) {
        if (stall.skip === 0) {
          stalled.push(`${req.method} ${key}`)
          return void held.push(req)
        }
        stall.skip -= 1
      }
      if (req.method === 'PUT') {
        const chunks: Buffer[] = []
        req.on('data', (chunk: Buffer) => chunks.push(chunk))
        req.on('end', () => {
          objects.set(key, Buffer.concat(chunks))
          uploaded.push(key)
          res.writeHead(200).end()
        })
        return
      }
      if (req.method === 'DELETE') {
        if (objects.delete(key)) removed.push(key)
        return void res.writeHead(204).end()
      }
      const bytes = objects.get(key)
      if (!validSignatures.has(url.searchParams.get('sig') ?? '')) return void res.writeHead(403).end()
      if (!bytes) return void res.writeHead(404).end()
      if (req.method === 'GET') fetched.push(url.pathname)
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': bytes.length })
      res.end(req.method === 'HEAD' ? undefined : bytes)
    })
    const base = `${origin}/${bucket}/`
    const clock = options.clock ?? Date.now
    const config = storageConfigSchema.parse({
      endpoint: base,
      bucket,
      keepUploads: options.keepUploads ?? false,
    })
    const checkProfile = (profileId: string) => {
      if (!options.profiles.includes(profileId))
        throw new AppError('image_storage_needed', 'No storage for this profile.', { profileId })
    }
    const send = async (
      method: 'PUT' | 'DELETE',
      object: StoredObject,
      body?: Uint8Array,
      signal?: AbortSignal,
    ) => {
      let answer
      try {
        answer = await request(`${base}${encodeURIComponent(object.key)}`, { method, body, signal })
      } catch {
        // As the S3 host reports a dead endpoint: a code, never the exception's text.
        throw new AppError('image_storage_unreachable', 'The bucket cannot be reached.', { bucket })
      }
      await answer.body.dump()
      if (answer.statusCode >= 300)
        throw new AppError('image_storage_unreachable', 'The bucket refused.', { status: answer.statusCode })
    }
    return {
      objects,
      uploaded,
      fetched,
      removed,
      stalled,
      expireLinks: () => validSignatures.clear(),
      stall: (method, stallOptions = {}) => {
        stalling = { method, skip: stallOptions.skip ?? 0 }
      },
      unstall: () => {
        stalling = null
      },
      cutStalled: () => held.splice(0).forEach((req) => req.socket.destroy()),
      setReachable: (next) => {
        reachable = next
      },
      describe: async (profileId) => (options.profiles.includes(profileId) ? { kind: 's3', config } : null),
      async upload(profileId, image) {
        checkProfile(profileId)
        const object = {
          bucket,
          key: `${config.prefix}${image.sha256}.${extensionOf[image.contentType] ?? 'bin'}`,
        }
        await send('PUT', object, image.bytes)
        const signature = randomBytes(8).toString('hex')
        validSignatures.add(signature)
        return {
          url: `${base}${encodeURIComponent(object.key)}?sig=${signature}`,
          urlExpiresAt: clock() + config.urlExpirySeconds * 1000,
          object,
        }
      },
      async remove(profileId, object, removeOptions = {}) {
        checkProfile(profileId)
        await send('DELETE', object, undefined, removeOptions.signal)
      },
    }
  }
}
