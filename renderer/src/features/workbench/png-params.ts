import {
  imageSniffLength,
  pngBase64MaxLength,
  sniffImageType,
  type ImportedParams,
  type ImportedParamsSource,
} from '#contract'
import { BridgeError, type Client } from '../../bridge'

/** The largest PNG whose base64 text still fits `images.readParameters`' input limit (18 MiB). */
export const maxPngBytes = Math.floor(pngBase64MaxLength / 4) * 3

/** Why a file gave no parameters; the first three are checked here, the rest come from main. */
export type PngFailureReason = 'not_png' | 'too_large' | 'no_parameters' | 'unreadable' | 'failed'

export type PngParamsResult =
  | {
      readonly ok: true
      readonly params: ImportedParams
      readonly source: ImportedParamsSource
      readonly skipped: readonly string[]
    }
  | { readonly ok: false; readonly reason: PngFailureReason; readonly code?: BridgeError['code'] }

function readBlob(blob: Blob, as: 'arrayBuffer' | 'dataUrl'): Promise<string | ArrayBuffer | null> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(reader.result)
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'))
    if (as === 'arrayBuffer') reader.readAsArrayBuffer(blob)
    else reader.readAsDataURL(blob)
  })
}

/** Sniffs the signature rather than trusting the name or MIME type (drags often carry neither). */
async function hasPngSignature(file: Blob): Promise<boolean> {
  const head = await readBlob(file.slice(0, imageSniffLength), 'arrayBuffer')
  return head instanceof ArrayBuffer && sniffImageType(new Uint8Array(head)) === 'png'
}

/** The file as base64, through the browser's own encoder (no per-byte loop over megabytes). */
async function base64Of(file: Blob): Promise<string> {
  const dataUrl = await readBlob(file, 'dataUrl')
  if (typeof dataUrl !== 'string') throw new Error('unreadable')
  return dataUrl.slice(dataUrl.indexOf(',') + 1)
}

function failureOf(error: unknown): PngParamsResult {
  if (!(error instanceof BridgeError)) return { ok: false, reason: 'failed', code: 'internal' }
  // Main answers not_found for a PNG without parameters and invalid_request for one it cannot parse.
  if (error.code === 'not_found') return { ok: false, reason: 'no_parameters' }
  if (error.code === 'invalid_request') return { ok: false, reason: 'not_png' }
  return { ok: false, reason: 'failed', code: error.code }
}

/**
 * Reads the generation parameters a PNG carries (ours or A1111's), checking size and type here so
 * a wrong or huge file is refused before any of it crosses the bridge.
 */
export async function readParamsFromPng(client: Client, file: Blob): Promise<PngParamsResult> {
  if (file.size > maxPngBytes) return { ok: false, reason: 'too_large' }
  let pngBase64: string
  try {
    if (!(await hasPngSignature(file))) return { ok: false, reason: 'not_png' }
    pngBase64 = await base64Of(file)
  } catch {
    return { ok: false, reason: 'unreadable' }
  }
  try {
    const found = await client.call('images.readParameters', { pngBase64 })
    return { ok: true, ...found }
  } catch (error) {
    return failureOf(error)
  }
}
