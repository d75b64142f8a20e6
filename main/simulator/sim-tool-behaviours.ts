import sharp from 'sharp'
import type { ToolId } from '#contract'
import { paintImage } from './png'
import { fetchSourceImage, sha256Hex, type SimInput } from './sim-source-image'

/*
 * What each documented tool does in the simulator: plausible, deterministic output at the requested
 * size, made at submit time from the body and the input images (downloaded from loopback only).
 */

/** A tool's made output: images (PNGs served under /sim-images/tool-run/) and the answer's fields. */
export interface SimToolOutput {
  readonly images: readonly Buffer[]
  /** The tool's own answer fields besides the image links (`faces`, `caption`, `prompts`, `style`). */
  readonly fields: Readonly<Record<string, unknown>>
  readonly inputs: readonly SimInput[]
}

export type SimToolResult =
  { ok: true; output: SimToolOutput } | { ok: false; field: string; message: string }

export type SimToolBehaviour = (body: Record<string, unknown>, signal: AbortSignal) => Promise<SimToolResult>

const num = (value: unknown, fallback: number) =>
  typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : fallback
const str = (value: unknown) => (typeof value === 'string' ? value : '')

/** Downloads the named image fields (lists item by item); the first failure names its field. */
async function fetchInputs(
  body: Record<string, unknown>,
  fields: readonly string[],
  signal: AbortSignal,
): Promise<{ ok: true; inputs: SimInput[] } | { ok: false; field: string; message: string }> {
  const inputs: SimInput[] = []
  for (const field of fields) {
    const value = body[field]
    const links = Array.isArray(value) ? value : value === undefined ? [] : [value]
    for (const [index, link] of links.entries()) {
      const name = Array.isArray(value) ? `${field}.${index}` : field
      const fetched = await fetchSourceImage(String(link), signal)
      if (!fetched.ok) return { ok: false, field: name, message: fetched.message }
      inputs.push({ field: name, sha256: sha256Hex(fetched.bytes), type: fetched.type, bytes: fetched.bytes })
    }
  }
  return { ok: true, inputs }
}

export const withInputs =
  (
    fields: readonly string[],
    make: (body: Record<string, unknown>, inputs: SimInput[]) => Promise<SimToolOutput>,
  ) =>
  async (body: Record<string, unknown>, signal: AbortSignal): Promise<SimToolResult> => {
    const fetched = await fetchInputs(body, fields, signal)
    if (!fetched.ok) return fetched
    try {
      return { ok: true, output: await make(body, fetched.inputs) }
    } catch {
      return { ok: false, field: fields[0] ?? 'image', message: 'the image could not be decoded' }
    }
  }

const first = (inputs: readonly SimInput[], field: string): SimInput => {
  const input = inputs.find(
    (candidate) => candidate.field === field || candidate.field.startsWith(`${field}.`),
  )
  if (!input) throw new Error(`no ${field}`)
  return input
}

/** A face swap: the target with the sources' mean colour laid over its centre (same size as the target). */
async function swapFaces(target: SimInput, sources: readonly SimInput[]): Promise<Buffer> {
  const meta = await sharp(target.bytes).metadata()
  const width = meta.width ?? 64
  const height = meta.height ?? 64
  const stats = await sharp(sources[0]?.bytes ?? target.bytes).stats()
  const [r, g, b] = stats.channels.map((channel) => Math.round(channel.mean))
  const size = Math.max(1, Math.round(Math.min(width, height) / 3))
  const patch = await sharp({
    create: {
      width: size,
      height: size,
      channels: 4,
      background: { r: r ?? 0, g: g ?? 0, b: b ?? 0, alpha: 0.8 },
    },
  })
    .png()
    .toBuffer()
  return sharp(target.bytes)
    .composite([{ input: patch, left: Math.round((width - size) / 2), top: Math.round((height - size) / 3) }])
    .png()
    .toBuffer()
}

/** Faces "found" in an image: 1–3 boxes from its hash, sent in no particular order. */
async function detectFaces(image: SimInput) {
  const meta = await sharp(image.bytes).metadata()
  const width = meta.width ?? 64
  const height = meta.height ?? 64
  const seed = Number.parseInt(image.sha256.slice(0, 8), 16)
  const count = 1 + (seed % 3)
  const size = Math.max(4, Math.round(Math.min(width / (count + 1), height / 2)))
  const boxes = Array.from({ length: count }, (_, i) => ({
    x: Math.round(((i + 0.5) * width) / count - size / 2),
    y: Math.round(height / 4),
    width: size,
    height: size,
    score: Math.round((0.8 + ((seed >> i) % 20) / 100) * 100) / 100,
  }))
  // Right to left on purpose: the app numbers faces left to right itself.
  return boxes.reverse()
}

const styles = ['anime', 'photorealistic', 'oil painting', 'watercolor', 'cyberpunk', 'ink wash'] as const
const tags = [
  '1girl',
  'solo',
  'outdoors',
  'sky',
  'smile',
  'long hair',
  'scenery',
  'flower',
  'building',
  'cat',
]
const extras = [
  'masterpiece, best quality, highly detailed',
  'cinematic lighting, depth of field, 8k',
  'soft pastel colours, dreamy atmosphere',
  'dramatic shadows, volumetric light',
  'intricate details, sharp focus, trending on artstation',
]

export const hashOf = (text: string) => Number.parseInt(sha256Hex(Buffer.from(text)).slice(0, 8), 16)

async function describe(image: SimInput, model: string): Promise<string> {
  const meta = await sharp(image.bytes).metadata()
  const seed = Number.parseInt(image.sha256.slice(0, 8), 16)
  if (model === 'deepdanbooru')
    return Array.from({ length: 5 }, (_, i) => tags[(seed + i * 3) % tags.length]).join(', ')
  const stats = await sharp(image.bytes).stats()
  const tone = stats.dominant.r > stats.dominant.b ? 'warm' : 'cool'
  return `a ${meta.width}x${meta.height} picture in ${tone} tones with ${styles[seed % styles.length]} details`
}

async function outpaint(body: Record<string, unknown>, source: SimInput): Promise<Buffer[]> {
  const meta = await sharp(source.bytes).metadata()
  const width = meta.width ?? 64
  const height = meta.height ?? 64
  const outWidth = Math.round(width * num(body.horizontalExpansionRatio, 1.5))
  const outHeight = Math.round(height * num(body.verticalExpansionRatio, 1.5))
  const left = Math.floor((outWidth - width) / 2)
  const top = Math.floor((outHeight - height) / 2)
  return Promise.all(
    Array.from({ length: num(body.imageCount, 1) }, (_, i) =>
      sharp(source.bytes)
        .extend({
          left,
          right: outWidth - width - left,
          top,
          bottom: outHeight - height - top,
          extendWith: 'mirror',
        })
        .modulate({ brightness: 1 + i * 0.05 })
        .png()
        .toBuffer(),
    ),
  )
}

const painted = (key: string, width: number, height: number) =>
  paintImage({ key, width, height, progress: 1 })

/** Every documented tool but the CNT preview (sim-tools.ts keeps that one). */
export const simToolBehaviours = {
  flux: async (body) => ({
    ok: true,
    output: {
      images: [painted(`flux:${str(body.prompt)}`, num(body.width, 1024), num(body.height, 1024))],
      fields: {},
      inputs: [],
    },
  }),
  instantId: withInputs(['image'], async (body, inputs) => ({
    images: [
      painted(
        `instantid:${first(inputs, 'image').sha256}:${str(body.prompt)}:${num(body.seed, -1)}`,
        960,
        960,
      ),
    ],
    fields: {},
    inputs,
  })),
  roop: withInputs(['sourceUrl', 'targetUrl'], async (_body, inputs) => ({
    images: [await swapFaces(first(inputs, 'targetUrl'), [first(inputs, 'sourceUrl')])],
    fields: {},
    inputs,
  })),
  roopV2: withInputs(['sourceUrl', 'targetUrl'], async (_body, inputs) => ({
    images: [await swapFaces(first(inputs, 'targetUrl'), [first(inputs, 'sourceUrl')])],
    fields: {},
    inputs,
  })),
  faceFusion: withInputs(['sourceUrl', 'targetUrl'], async (_body, inputs) => ({
    images: [
      await swapFaces(
        first(inputs, 'targetUrl'),
        inputs.filter((input) => input.field.startsWith('sourceUrl')),
      ),
    ],
    fields: {},
    inputs,
  })),
  faceDetection: withInputs(['imageUrl'], async (_body, inputs) => ({
    images: [],
    fields: { faces: await detectFaces(first(inputs, 'imageUrl')) },
    inputs,
  })),
  imgExpand: withInputs(['sourceImage'], async (body, inputs) => ({
    images: await outpaint(body, first(inputs, 'sourceImage')),
    fields: {},
    inputs,
  })),
  promptExpand: async (body) => {
    const source = str(body.sourcePrompt).trim()
    const seed = hashOf(source)
    const xl = num(body.mode, 0) === 1 ? ', sdxl refiner style' : ''
    const prompts = Array.from(
      { length: num(body.sequencesNum, 3) },
      (_, i) => `${source}, ${extras[(seed + i) % extras.length]}${xl}`,
    )
    return { ok: true, output: { images: [], fields: { prompts }, inputs: [] } }
  },
  interrogate: withInputs(['image'], async (body, inputs) => ({
    images: [],
    fields: { caption: await describe(first(inputs, 'image'), str(body.model) || 'clip') },
    inputs,
  })),
  identifyStyle: withInputs(['sourceImage'], async (_body, inputs) => ({
    images: [],
    fields: {
      style: styles[Number.parseInt(first(inputs, 'sourceImage').sha256.slice(0, 8), 16) % styles.length],
    },
    inputs,
  })),
} satisfies Record<Exclude<ToolId, 'cntPreview'>, SimToolBehaviour>
