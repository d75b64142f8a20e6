import { describe, expect, it } from 'vitest'
import {
  controlNetParamsSchema,
  image2ImageParamsSchema,
  sdEndpointIds,
  sdEndpoints,
  text2ImageParamsSchema,
  text2ImageV3ParamsSchema,
  wireRequestOf,
  type SdEndpointId,
  type SdRequest,
} from '#contract'
import { isSubmitPath } from '../../../main/simulator/sim-routes'
import { post, useSimulators } from './sim-test-kit'
import { solidPng, useSourceImageServers } from './source-image-server'

/*
 * The simulator's SD routes are derived from the registry rows: every row's path takes the body
 * the row builds, answers in the row's documented shape, and the task can be queried where the row
 * says.
 */
const startSimulator = useSimulators()
const startImages = useSourceImageServers()

function samples(link: (name: string) => string): Record<SdEndpointId, SdRequest> {
  const shared = {
    prompt: 'a lighthouse',
    alwayson_scripts: { sd_model_checkpoint: 'photon_v1_84728.safetensors' },
  }
  const scripts = (extra: object) => ({ ...shared.alwayson_scripts, ...extra })
  const controlnet = controlNetParamsSchema.parse({
    ...shared,
    alwayson_scripts: scripts({ controlnet: { args: [{ image_link: link('/control.png') }] } }),
  })
  return {
    'text2image-v2': { endpoint: 'text2image-v2', params: text2ImageParamsSchema.parse(shared) },
    'text2image-v3': {
      endpoint: 'text2image-v3',
      params: text2ImageV3ParamsSchema.parse({
        ...shared,
        controlNetUnits: controlnet.alwayson_scripts.controlnet.args,
      }),
    },
    'image2image-v2': {
      endpoint: 'image2image-v2',
      params: image2ImageParamsSchema.parse({
        ...shared,
        alwayson_scripts: scripts({ image_link: link('/source.png') }),
      }),
    },
    inpaint: {
      endpoint: 'inpaint',
      params: image2ImageParamsSchema.parse({
        ...shared,
        alwayson_scripts: scripts({ image_link: link('/source.png'), mask_link: link('/mask.png') }),
      }),
    },
    'controlnet-v2': { endpoint: 'controlnet-v2', params: controlnet },
  }
}

describe('simulator routes derived from the SD registry', () => {
  it.each(sdEndpointIds)(
    '%s: takes its row’s body, answers its documented shape, queryable at its query path',
    async (id) => {
      const simulator = await startSimulator()
      const images = await startImages({
        '/source.png': solidPng(200, 10, 10),
        '/mask.png': solidPng(255, 255, 255),
        '/control.png': solidPng(10, 10, 200),
      })
      const row = sdEndpoints[id]
      const { path, body } = wireRequestOf(`reg-${id}`, samples((name) => images.url(name))[id])
      expect(isSubmitPath(path)).toBe(true)
      const answer = await post(simulator, path, body)
      expect(answer.json).toMatchObject({ code: '200' })
      const data = answer.json?.data ?? {}
      if (row.documentedAnswer === 'task_id') expect(data).toEqual({ task_id: `reg-${id}` })
      else expect(data).toMatchObject({ businessTaskId: `reg-${id}`, taskId: expect.any(String) })
      const query = await post(simulator, row.queryPath, { businessTaskId: `reg-${id}` })
      expect(query.json).toMatchObject({
        code: '200',
        data: expect.objectContaining({ status: expect.any(Number) }),
      })
    },
  )
})
