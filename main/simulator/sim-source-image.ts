import { createHash } from 'node:crypto'
import { request } from 'undici'
import type { SimTaskSpec, Validation } from './sim-validate'

/** The largest source image or mask the simulator downloads. */
export const maxSourceImageBytes = 8 * 1024 * 1024
const fetchTimeoutMs = 5_000
const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]', '::1'])

type Fetched =
  { readonly ok: true; readonly bytes: Buffer } | { readonly ok: false; readonly message: string }

const isPng = (bytes: Buffer) =>
  bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
const isJpeg = (bytes: Buffer) => bytes.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))

/** Only http(s) URLs on this machine: the simulator must never be a way to reach other hosts. */
export function isLoopbackImageUrl(url: string): boolean {
  try {
    const parsed = new URL(url)
    return /^https?:$/.test(parsed.protocol) && loopbackHosts.has(parsed.hostname)
  } catch {
    return false
  }
}

/**
 * Downloads one source image or mask as the real service would: no redirects followed, a size cap
 * enforced while streaming, and the bytes must be a PNG or JPEG. Failures are short, key-free texts.
 */
export async function fetchSourceImage(url: string, signal: AbortSignal): Promise<Fetched> {
  if (!isLoopbackImageUrl(url)) return { ok: false, message: 'the simulator fetches only loopback URLs' }
  try {
    const response = await request(url, {
      method: 'GET',
      signal: AbortSignal.any([signal, AbortSignal.timeout(fetchTimeoutMs)]),
    })
    if (response.statusCode !== 200) {
      await response.body.dump()
      return { ok: false, message: `download failed (HTTP ${response.statusCode})` }
    }
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length
      if (size > maxSourceImageBytes) {
        response.body.destroy()
        return { ok: false, message: `image larger than ${maxSourceImageBytes} bytes` }
      }
      chunks.push(chunk as Buffer)
    }
    const bytes = Buffer.concat(chunks)
    return isPng(bytes) || isJpeg(bytes)
      ? { ok: true, bytes }
      : { ok: false, message: 'not a PNG or JPEG image' }
  } catch {
    return { ok: false, message: 'image could not be downloaded' }
  }
}

/**
 * Downloads an img2img task's source (and mask) and folds their bytes into the spec, so the
 * simulated result follows from the images that actually arrived. A failed download refuses the
 * submit, naming the field, rather than creating a task doomed to fail.
 */
export async function attachSourceImages(spec: SimTaskSpec, signal: AbortSignal): Promise<Validation> {
  if (!spec.sourceLinks) return { ok: true, spec }
  const { image, mask } = spec.sourceLinks
  const source = await fetchSourceImage(image, signal)
  if (!source.ok) return { ok: false, field: 'alwayson_scripts.image_link', message: source.message }
  const hash = createHash('sha256').update(source.bytes)
  if (mask !== null) {
    const masked = await fetchSourceImage(mask, signal)
    if (!masked.ok) return { ok: false, field: 'alwayson_scripts.mask_link', message: masked.message }
    hash.update('|mask|').update(masked.bytes)
  }
  return { ok: true, spec: { ...spec, sourceHash: hash.digest('hex').slice(0, 16) } }
}
