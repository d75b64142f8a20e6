import sharp from 'sharp'
import { undocumentedTools } from '#contract'
import { invalidParameter, type RouteAnswer } from './sim-route-kit'
import { hashOf, withInputs, type SimToolBehaviour } from './sim-tool-behaviours'
import type { SimToolSpec } from './sim-tool-routes'
import { taskIdPattern } from './sim-validate'

/*
 * Hair change (§13 "换发型"): its path is §12's own example, its body is in no stored page. The
 * simulator takes what a user would plausibly write, so the demo profile's custom request answers:
 * the photo under the first of `imageFields` that holds a link, and a style under the first of
 * `styleFields` (any text). It answers `{task_id}` and the result through queryTask, as the
 * documented face tools do.
 */
export const hairChangeCode =
  undocumentedTools.find((tool) => tool.id === 'hairChange')?.toolCode ?? 'hair/change'

export const hairChangeFields = {
  imageFields: ['imageUrl', 'sourceImage', 'image', 'sourceUrl', 'targetUrl', 'url'],
  styleFields: ['hairStyle', 'hairstyle', 'style', 'prompt'],
} as const

const textOf = (body: Record<string, unknown>, names: readonly string[]) =>
  names.map((name) => body[name]).find((value): value is string => typeof value === 'string') ?? ''

const imageFieldOf = (body: Record<string, unknown>) =>
  hairChangeFields.imageFields.find((name) => typeof body[name] === 'string' && body[name] !== '')

/** The photo with its top third recoloured, a colour per style (same size as the photo). */
const recolour =
  (field: string): SimToolBehaviour =>
  (body, signal) =>
    withInputs([field], async (_body, inputs) => {
      const photo = inputs[0]?.bytes ?? Buffer.alloc(0)
      const meta = await sharp(photo).metadata()
      const width = meta.width ?? 64
      const height = meta.height ?? 64
      const hue = hashOf(textOf(body, hairChangeFields.styleFields) || 'default') % 360
      const hair = await sharp({
        create: {
          width,
          height: Math.max(1, Math.round(height / 3)),
          channels: 4,
          background: {
            r: 40 + (hue % 180),
            g: 30 + ((hue * 7) % 120),
            b: 20 + ((hue * 13) % 90),
            alpha: 0.7,
          },
        },
      })
        .png()
        .toBuffer()
      const image = await sharp(photo)
        .composite([{ input: hair, left: 0, top: 0 }])
        .png()
        .toBuffer()
      return { images: [image], fields: {}, inputs }
    })(body, signal)

function check(body: Record<string, unknown>): RouteAnswer | null {
  const taskId = body.businessTaskId
  if (typeof taskId !== 'string' || !taskIdPattern.test(taskId))
    return invalidParameter('businessTaskId', '1–128 letters, digits or ._:- are required')
  if (!imageFieldOf(body))
    return invalidParameter(
      'imageUrl',
      `a photo link is required (${hairChangeFields.imageFields.join(', ')})`,
    )
  return null
}

export const simHairChange: SimToolSpec = {
  check,
  behaviour: (body, signal) => recolour(imageFieldOf(body) ?? 'imageUrl')(body, signal),
  documentedAnswer: 'task-id',
  doneStatus: 1,
}
