import { createHash } from 'node:crypto'
import { request } from 'undici'
import { sniffImageType, type ImageType } from '#contract'
import type { SimTaskSpec, Validation } from './sim-validate'

/** The largest input image (source, mask, control image) the simulator downloads or accepts. */
export const maxSourceImageBytes = 8 * 1024 * 1024
const fetchTimeoutMs = 5_000
const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]', '::1'])

export type SimImageType = ImageType

/** An input image link of a submit: where it is, how a refusal names it, how `inputs()` names it. */
export interface SimImageLink {
  /** The body path a refusal names, e.g. `alwayson_scripts.controlnet.args.0.image_link`. */
  readonly field: string
  /** The name `simulator.inputs()` gives it, e.g. `image_link`, `controlnet.args[0].image_link`. */
  readonly input: string
  readonly url: string
  /** What else about its use changes the picture (a unit's settings); null = fetched but unused (a disabled unit). */
  readonly salt: string | null
}

/** One image that reached the simulator, for tests to check exactly which bytes arrived. */
export interface SimInput {
  readonly field: string
  readonly sha256: string
  readonly type: SimImageType
  readonly bytes: Buffer
}

type Fetched =
  | { readonly ok: true; readonly bytes: Buffer; readonly type: SimImageType }
  | { readonly ok: false; readonly message: string }

export const sha256Hex = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')

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
 * Downloads one input image as the real service would: no redirects followed, a size cap enforced
 * while streaming, and the bytes must be a PNG, JPEG or WebP. Failures are short, key-free texts.
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
    const type = sniffImageType(bytes)
    return type ? { ok: true, bytes, type } : { ok: false, message: 'not a PNG, JPEG or WebP image' }
  } catch {
    return { ok: false, message: 'image could not be downloaded' }
  }
}

/**
 * Downloads every input image link of a submit (img2img source and mask, ControlNet base image and
 * each unit's control image), in order, and folds the bytes of those in use into the spec, so the
 * simulated result follows from the images that actually arrived; `inputs` keeps them for tests.
 * A failed download refuses the submit, naming the field, rather than creating a doomed task.
 */
export async function attachSourceImages(spec: SimTaskSpec, signal: AbortSignal): Promise<Validation> {
  const links = spec.imageLinks ?? []
  if (links.length === 0) return { ok: true, spec }
  const hash = createHash('sha256')
  const inputs: SimInput[] = []
  for (const link of links) {
    const fetched = await fetchSourceImage(link.url, signal)
    if (!fetched.ok) return { ok: false, field: link.field, message: fetched.message }
    inputs.push({
      field: link.input,
      sha256: sha256Hex(fetched.bytes),
      type: fetched.type,
      bytes: fetched.bytes,
    })
    if (link.salt !== null) hash.update(`|${link.input}|${link.salt}|`).update(fetched.bytes)
  }
  return { ok: true, spec: { ...spec, inputs, sourceHash: hash.digest('hex').slice(0, 16) } }
}
