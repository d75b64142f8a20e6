import { describe, expect, it } from 'vitest'
import {
  controlNetParamsSchema,
  image2ImageParamsSchema,
  isFieldSent,
  sdEndpointIds,
  sdEndpointOf,
  sdEndpoints,
  sdQueryPaths,
  sdRequestOf,
  sentNumber,
  text2ImageParamsSchema,
  text2ImageV3ParamsSchema,
  wireRequestOf,
  type SdEndpointId,
  type SdPayload,
  type SdRequest,
  type TaskKind,
} from '#contract'

/*
 * The SD rows against shared/api/img-open-api.md. The documented values are copied here (a test
 * reads nothing outside the repository): §1, §2, §9, §10 (via §9) and §11's paths, and the body
 * fields each section marks **required** (EN pages), as paths into the body.
 */
const documented = {
  'text2image-v2': {
    path: '/AIGCImgOpenServ/saas/sd/v2/text2image',
    // §1: batch_size required; model and id_task required on the siblings (and their Chinese label).
    required: ['batch_size', 'alwayson_scripts.sd_model_checkpoint', 'alwayson_scripts.id_task'],
  },
  'text2image-v3': {
    path: '/AIGCImgOpenServ/saas/sd/v3/text2Image',
    // §2 marks nothing; it "needs at least a model code and a business id to be usable".
    required: ['baseModelCode', 'businessTaskId'],
  },
  'image2image-v2': {
    path: '/AIGCImgOpenServ/saas/sd/v2/image2image',
    required: ['prompt', 'alwayson_scripts.sd_model_checkpoint', 'alwayson_scripts.id_task'],
  },
  // §10 is not stored: inpainting goes through img2img v2 with `image_link` + `mask_link`.
  inpaint: {
    path: '/AIGCImgOpenServ/saas/sd/v2/image2image',
    required: [
      'prompt',
      'alwayson_scripts.sd_model_checkpoint',
      'alwayson_scripts.id_task',
      'alwayson_scripts.image_link',
      'alwayson_scripts.mask_link',
    ],
  },
  'controlnet-v2': {
    path: '/AIGCImgOpenServ/saas/sd/v2/controlnet',
    required: [
      'prompt',
      'batch_size',
      'resize_mode',
      'alwayson_scripts.id_task',
      'alwayson_scripts.controlnet',
    ],
  },
} as const satisfies Record<SdEndpointId, { path: string; required: readonly string[] }>

const shared = {
  prompt: 'a lighthouse',
  alwayson_scripts: { sd_model_checkpoint: 'photon_v1_84728.safetensors' },
}
const source = 'https://cdn.example.com/source.png'
const mask = 'https://cdn.example.com/mask.png'
const unit = { image_link: 'https://cdn.example.com/control.png' }

const text2image = text2ImageParamsSchema.parse(shared)
const image2image = image2ImageParamsSchema.parse({
  ...shared,
  alwayson_scripts: { ...shared.alwayson_scripts, image_link: source },
})
const inpaint = image2ImageParamsSchema.parse({
  ...shared,
  alwayson_scripts: { ...shared.alwayson_scripts, image_link: source, mask_link: mask },
})
const controlnet = controlNetParamsSchema.parse({
  ...shared,
  alwayson_scripts: { ...shared.alwayson_scripts, controlnet: { args: [unit] } },
})

const samples: { readonly [K in SdEndpointId]: SdRequest & { endpoint: K } } = {
  'text2image-v2': { endpoint: 'text2image-v2', params: text2image },
  'text2image-v3': {
    endpoint: 'text2image-v3',
    params: text2ImageV3ParamsSchema.parse({
      ...shared,
      controlNetUnits: controlnet.alwayson_scripts.controlnet.args,
    }),
  },
  'image2image-v2': { endpoint: 'image2image-v2', params: image2image },
  inpaint: { endpoint: 'inpaint', params: inpaint },
  'controlnet-v2': { endpoint: 'controlnet-v2', params: controlnet },
}

const at = (body: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (node, key) =>
        typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined,
      body,
    )

describe('SD endpoint registry rows against the contract document', () => {
  it.each(sdEndpointIds)('%s: the documented path and the realtime/archived SD queries', (id) => {
    expect(sdEndpoints[id].path).toBe(documented[id].path)
    expect(sdEndpoints[id].queryPath).toBe('/AIGCImgOpenServ/saas/sd/v2/queryTaskInfo')
    expect(sdEndpoints[id].archivedQueryPath).toBe(sdQueryPaths.archived)
    expect(sdQueryPaths.archived).toBe('/AIGCImgOpenServ/saas/sd/queryTaskInfo')
  })

  it.each(sdEndpointIds)(
    '%s: the row lists every documented required field, and its body holds them',
    (id) => {
      expect(sdEndpoints[id].requiredFields).toEqual(expect.arrayContaining([...documented[id].required]))
      const { path, body } = wireRequestOf('reg-1', samples[id])
      expect(path).toBe(documented[id].path)
      for (const field of sdEndpoints[id].requiredFields) expect(at(body, field), field).toBeDefined()
    },
  )

  it('puts our task id where each endpoint documents it', () => {
    expect(at(wireRequestOf('t-1', samples['text2image-v2']).body, 'alwayson_scripts.id_task')).toBe('t-1')
    expect(at(wireRequestOf('t-3', samples['text2image-v3']).body, 'businessTaskId')).toBe('t-3')
    expect(at(wireRequestOf('t-4', samples['controlnet-v2']).body, 'alwayson_scripts.id_task')).toBe('t-4')
  })

  it('types seed as §1/§9 say (a string) and as §11 says (an integer)', () => {
    expect(at(wireRequestOf('s', samples['image2image-v2']).body, 'seed')).toBe('-1')
    expect(at(wireRequestOf('s', samples['controlnet-v2']).body, 'seed')).toBe(-1)
  })

  it('img2img v2 and inpaint (§9 lists no callbackUrl) round the integers §9 types; ControlNet (§11) only hr_scale', () => {
    for (const id of ['image2image-v2', 'inpaint'] as const) {
      expect(isFieldSent(id, 'callbackUrl')).toBe(false)
      expect(sentNumber(id, 'cfg_scale', 7.5)).toBe(8)
    }
    expect(isFieldSent('controlnet-v2', 'alwayson_scripts.ADetailer')).toBe(false)
    expect(sentNumber('controlnet-v2', 'cfg_scale', 7.5)).toBe(7.5)
    expect(sentNumber('controlnet-v2', 'hr_scale', 1.5)).toBe(2)
    expect(isFieldSent('text2image-v2', 'callbackUrl')).toBe(true)
  })

  it('refuses what v3 would refuse (§2: width at most 1024) naming the field, before anything is sent', () => {
    const tooWide = {
      endpoint: 'text2image-v3',
      params: { ...samples['text2image-v3'].params, width: 1536 },
    } as const
    expect(() => wireRequestOf('v3', tooWide)).toThrow(
      expect.objectContaining({ code: 'invalid_request', details: { field: 'width' } }),
    )
  })
})

describe('routing, decided once for main and the renderer', () => {
  const routes: readonly [TaskKind, 'controlnet-v2' | 'text2image-v3' | undefined, SdEndpointId][] = [
    ['text2image', undefined, 'text2image-v2'],
    ['image2image', undefined, 'image2image-v2'],
    ['inpaint', undefined, 'inpaint'],
    ['controlnet', undefined, 'controlnet-v2'],
    ['controlnet', 'controlnet-v2', 'controlnet-v2'],
    ['controlnet', 'text2image-v3', 'text2image-v3'],
  ]

  it.each(routes)('a %s task (ControlNet endpoint %s) goes to %s', (kind, endpoint, expected) => {
    expect(sdEndpointOf(kind, endpoint)).toBe(expected)
  })

  it.each(routes)(
    'a stored %s payload (%s) is sent to %s, as its kind says in the history',
    (kind, endpoint, expected) => {
      const payload: SdPayload =
        kind === 'text2image'
          ? { kind, params: text2image }
          : kind === 'controlnet'
            ? { kind, params: controlnet, ...(endpoint ? { endpoint } : {}) }
            : { kind, params: kind === 'inpaint' ? inpaint : image2image }
      const request = sdRequestOf(payload)
      expect(request.endpoint).toBe(expected)
      expect(sdEndpoints[request.endpoint].historyKind).toBe(kind)
    },
  )

  it('a ControlNet task for v3 carries its units (with their links) into saasDrawingExternalImageParameterBO', () => {
    const request = sdRequestOf({ kind: 'controlnet', params: controlnet, endpoint: 'text2image-v3' })
    const { path, body } = wireRequestOf('cn-v3', request)
    expect(path).toBe('/AIGCImgOpenServ/saas/sd/v3/text2Image')
    expect(at(body, 'saasDrawingExternalImageParameterBO.controlnet.args.0.image_link')).toBe(unit.image_link)
    expect(body).not.toHaveProperty('resize_mode')
  })
})
