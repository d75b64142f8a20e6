import type { IncomingMessage, ServerResponse } from 'node:http'
import { readBody, sendBytes, sendPlainJson } from './sim-http'
import { sniffImageType } from '#contract'
import { maxSourceImageBytes, sha256Hex, type SimImageType } from './sim-source-image'

/** Bounds of the demo upload host: it keeps everything in memory. */
export const uploadLimits = {
  maxBytes: maxSourceImageBytes,
  maxCount: 200,
  maxTotalBytes: 256 * 1024 * 1024,
} as const

export const uploadPathPrefix = '/sim-uploads/'

const extensions = { png: 'png', jpg: 'jpeg', webp: 'webp' } as const satisfies Record<string, SimImageType>
const contentTypes: Record<SimImageType, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
}
const namePattern = /^\/sim-uploads\/([0-9a-f]{64})(?:-[0-9a-z]{1,32})?\.(png|jpg|webp)$/

interface StoredUpload {
  readonly bytes: Buffer
  readonly type: SimImageType
}

export interface UploadHost {
  /** Answers any request under `/sim-uploads/`; `authorized` follows the API's key rule. */
  handle(req: IncomingMessage, res: ServerResponse, path: string, authorized: boolean): Promise<void>
  count(): number
}

const refuse = (res: ServerResponse, status: number, error: string, message: string) =>
  sendPlainJson(res, status, { error, message })

/**
 * The built-in demo profile's image host (the spec its client codes against), standing in for a
 * user's S3 bucket so local images can reach the simulator by URL:
 * - `PUT /sim-uploads/<sha256>[-<tag>].<png|jpg|webp>` (the optional tag, 1–32 of [0-9a-z], gives
 *   each upload its own object, as S3 keys do) with the image bytes and the API's auth rule (the
 *   access keys, or none in demo mode) → 201 `{url}`. The bytes must be the declared type and hash
 *   to the name (400 `type_mismatch` / `sha256_mismatch`); 401 `auth`, 413 `too_large` (over
 *   8 MiB), 507 `full` (200 objects or 256 MiB). Putting the same name again is harmless.
 * - `GET` / `HEAD` of that path serve it to anyone (the service fetches without keys); 404 if absent.
 * - `DELETE` (same auth) → 204, or 404 when absent.
 */
export function createUploadHost(
  baseUrl: () => string,
  maxCount: number = uploadLimits.maxCount,
): UploadHost {
  const uploads = new Map<string, StoredUpload>()
  let totalBytes = 0

  const put = async (req: IncomingMessage, res: ServerResponse, name: string, sha: string, ext: string) => {
    const bytes = await readBody(req, uploadLimits.maxBytes)
    if (bytes === null) {
      res.shouldKeepAlive = false
      return refuse(res, 413, 'too_large', `an upload is at most ${uploadLimits.maxBytes} bytes`)
    }
    const declared = extensions[ext as keyof typeof extensions]
    if (sniffImageType(bytes) !== declared)
      return refuse(res, 400, 'type_mismatch', `the bytes are not a ${declared.toUpperCase()} image`)
    if (sha256Hex(bytes) !== sha)
      return refuse(res, 400, 'sha256_mismatch', 'the bytes do not hash to the name')
    if (!uploads.has(name)) {
      if (uploads.size >= maxCount || totalBytes + bytes.length > uploadLimits.maxTotalBytes)
        return refuse(res, 507, 'full', 'the demo upload host is full; delete uploads first')
      uploads.set(name, { bytes, type: declared })
      totalBytes += bytes.length
    }
    return sendPlainJson(res, 201, { url: `${baseUrl()}${uploadPathPrefix}${name}` })
  }

  return {
    count: () => uploads.size,
    async handle(req, res, path, authorized) {
      const method = req.method ?? ''
      const match = namePattern.exec(path)
      const name = path.slice(uploadPathPrefix.length)
      if (method === 'GET' || method === 'HEAD') {
        const stored = match ? uploads.get(name) : undefined
        if (!stored) return refuse(res, 404, 'not_found', 'no such upload')
        return sendBytes(res, method, stored.bytes, contentTypes[stored.type])
      }
      if (method !== 'PUT' && method !== 'DELETE')
        return refuse(res, 405, 'method', 'use PUT, GET, HEAD or DELETE')
      if (!authorized) return refuse(res, 401, 'auth', 'invalid or missing access keys')
      if (!match?.[1] || !match[2])
        return refuse(res, 400, 'bad_name', 'the name must be <sha256>[-<tag>].<png|jpg|webp>')
      if (method === 'PUT') return put(req, res, name, match[1], match[2])
      const stored = uploads.get(name)
      if (!stored) return refuse(res, 404, 'not_found', 'no such upload')
      uploads.delete(name)
      totalBytes -= stored.bytes.length
      res.writeHead(204).end()
    },
  }
}
