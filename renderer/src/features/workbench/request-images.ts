import type { ImageSource } from '#contract'
import type { Client } from '../../bridge'
import { isMaskEmpty, renderMaskPng, type MaskDocument } from '../inpaint'
import type { WorkbenchMode } from './modes'
import type { RequestImages } from './request'
import type { WorkbenchState } from './store-types'

/** A Blob's bytes as base64 (FileReader: the renderer has no Buffer). */
export function blobToBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => {
      const url = String(reader.result)
      resolve(url.slice(url.indexOf(',') + 1))
    }
    reader.onerror = () => reject(reader.error ?? new Error('The mask could not be read.'))
    reader.readAsDataURL(blob)
  })
}

let lastMask: { doc: MaskDocument; width: number; height: number; source: ImageSource } | null = null

/**
 * The painted mask as an image main can send: rendered as a PNG at the source's pixel size (white
 * = repaint) and put into the image cache. The last one is remembered, so generating again or
 * previewing the request does not render and import the same mask twice.
 */
async function importMask(client: Client, doc: MaskDocument, width: number, height: number) {
  if (lastMask && lastMask.doc === doc && lastMask.width === width && lastMask.height === height) {
    return lastMask.source
  }
  const png = await renderMaskPng(doc, width, height)
  const { cacheKey } = await client.call('images.import', { base64: await blobToBase64(png) })
  const source: ImageSource = { type: 'cached', cacheKey }
  lastMask = { doc, width, height, source }
  return source
}

type InputState = Pick<WorkbenchState, 'source' | 'mask' | 'maskImage' | 'controlImages'>

/** The mode's input images as sources, the painted mask rendered and imported on the way. */
export async function requestImages(
  client: Client,
  mode: WorkbenchMode,
  inputs: InputState,
): Promise<RequestImages> {
  const source = mode === 'text2image' ? null : (inputs.source?.source ?? null)
  let mask: ImageSource | null = null
  if (mode === 'inpaint') {
    const { width, height } = inputs.source ?? {}
    if (inputs.maskImage && isMaskEmpty(inputs.mask)) mask = inputs.maskImage.source
    else if (width && height) mask = await importMask(client, inputs.mask, width, height)
  }
  const controlImages =
    mode === 'controlnet' ? inputs.controlImages.map((image) => image?.source ?? null) : []
  return { source, mask, controlImages }
}
