import { describe, expect, it } from 'vitest'
import {
  controlNetParamsSchema,
  buildControlNetBody,
  controlNetUnitSchema,
  sdEndpoints,
  type ControlNetParams,
  type ControlNetParamsInput,
} from '#contract'
import { controlNetGuess } from '../../../main/services/api/api-guesses'
import { apiPaths } from '../../../main/services/api/api-paths'
import { solidPng, useSourceImageServers } from '../simulator/source-image-server'
import { connectionTo, failureOf, resultBytes, useApiKit } from './api-test-kit'
import { controlNetUnitWire, lastBody, wireShape } from './wire-shape'

const unit = (imageLink: string, overrides: Record<string, unknown> = {}) =>
  controlNetUnitSchema.parse({
    control_type: 'canny',
    module: 'canny',
    model: 'control_v11p_sd15_canny',
    weight: 0.8,
    threshold_a: 100.5,
    threshold_b: 200,
    guidance_start: 0.25,
    image_link: imageLink,
    ...overrides,
  })

const controlNet = (
  units: ControlNetParams['alwayson_scripts']['controlnet']['args'],
  overrides: Partial<ControlNetParamsInput> = {},
  scripts: Record<string, unknown> = {},
): ControlNetParams =>
  controlNetParamsSchema.parse({
    prompt: 'a dancer, same pose',
    steps: 10,
    seed: 77,
    cfg_scale: 7.5,
    denoising_strength: 0.6,
    resize_mode: 1,
    ...overrides,
    alwayson_scripts: {
      sd_model_checkpoint: 'revAnimated_v122_7371.safetensors',
      controlnet: { args: units },
      ...scripts,
    },
  })

describe("the controlnet-v2 row's body builder", () => {
  it('sends each unit with exactly guess 15’s fields, in its order', () => {
    const row = sdEndpoints['controlnet-v2']
    const body = buildControlNetBody('cn-1', controlNet([unit('https://cdn.example.com/c.png')]), row)
    const [wire] = body.alwayson_scripts.controlnet.args
    expect(Object.keys(wire ?? {})).toEqual([...controlNetGuess.unitFields])
  })

  it('leaves out what §11 does not list (hr_upscaler, ADetailer, callbackUrl)', () => {
    const body = sdEndpoints['controlnet-v2'].buildBody(
      'cn-2',
      controlNet(
        [unit('https://cdn.example.com/c.png')],
        { hr_upscaler: 'Latent', callbackUrl: 'https://example.com/cb' },
        { ADetailer: { args: [{}] } },
      ),
    )
    expect(body).not.toHaveProperty('hr_upscaler')
    expect(body).not.toHaveProperty('callbackUrl')
    expect(body.alwayson_scripts).not.toHaveProperty('ADetailer')
  })
})

describe('API client: ControlNet v2 against the simulator', () => {
  const kit = useApiKit()
  const serve = useSourceImageServers()

  it('sends exactly §11 fields with §11 types: integer seed, number cfg_scale, resize_mode, units', async () => {
    const simulator = await kit.simulator()
    const { api } = kit.client()
    const files = await serve({ '/base.png': solidPng(5, 5, 5), '/pose.png': solidPng(0, 90, 0) })
    const units = [unit(files.url('/pose.png'))]
    const all = controlNet(
      units,
      { hr_scale: 1.5, hr_upscaler: 'Latent' },
      {
        image_link: files.url('/base.png'),
        sd_vae: 'vae-ft-mse-840000-ema-pruned.ckpt',
        override_settings: { CLIP_stop_at_last_layers: 2 },
        output_image_format: 'png',
        ADetailer: { args: [{}] },
      },
    )
    const result = await api.submit(connectionTo(simulator), 'controlnet-v2', 'cn-wire', all)
    expect(result).toEqual({ taskId: 'cn-wire', serviceTaskId: null, reconciled: false })
    const body = lastBody(simulator, apiPaths.controlnet)
    expect(wireShape(body)).toEqual({
      prompt: 'string',
      n_iter: 'integer',
      batch_size: 'integer',
      steps: 'integer',
      seed: 'integer',
      restore_faces: 'boolean',
      enable_hr: 'boolean',
      hr_scale: 'integer',
      width: 'integer',
      height: 'integer',
      negative_prompt: 'string',
      cfg_scale: 'number',
      sampler_index: 'string',
      hr_second_pass_steps: 'integer',
      hr_resize_x: 'integer',
      hr_resize_y: 'integer',
      denoising_strength: 'number',
      resize_mode: 'integer',
      alwayson_scripts: {
        sd_model_checkpoint: 'string',
        id_task: 'string',
        sd_vae: 'string',
        output_image_format: 'string',
        override_settings: { CLIP_stop_at_last_layers: 'integer' },
        image_link: 'string',
        controlnet: { args: [controlNetUnitWire] },
      },
    })
    expect(body).toMatchObject({ seed: 77, cfg_scale: 7.5, hr_scale: 2, resize_mode: 1 })
    expect(simulator.inputs('cn-wire').map((input) => [input.field, input.bytes])).toEqual([
      ['image_link', solidPng(5, 5, 5)],
      ['controlnet.args[0].image_link', solidPng(0, 90, 0)],
    ])
  })

  it('makes different outputs from different control images, the same from the same', async () => {
    const simulator = await kit.simulator()
    const { api } = kit.client()
    const connection = connectionTo(simulator)
    const files = await serve({ '/a.png': solidPng(200, 0, 0), '/b.png': solidPng(0, 0, 200) })
    for (const [taskId, path] of [
      ['cn-a1', '/a.png'],
      ['cn-a2', '/a.png'],
      ['cn-b', '/b.png'],
    ] as const)
      await api.submit(connection, 'controlnet-v2', taskId, controlNet([unit(files.url(path))]))
    const a = await resultBytes(api, connection, 'cn-a1')
    expect(a.equals(await resultBytes(api, connection, 'cn-a2'))).toBe(true)
    expect(a.equals(await resultBytes(api, connection, 'cn-b'))).toBe(false)
  })

  it('reports a refused unit or control image as invalid_request naming it; no task is made', async () => {
    const simulator = await kit.simulator()
    const { api } = kit.client()
    const connection = connectionTo(simulator)
    const files = await serve({ '/a.png': solidPng(1, 2, 3) })
    const good = unit(files.url('/a.png'))
    const valid = controlNet([good])
    // A unit the schema would refuse, sent as is: the service's own check must name it.
    const tooStrong: ControlNetParams = {
      ...valid,
      alwayson_scripts: { ...valid.alwayson_scripts, controlnet: { args: [{ ...good, weight: 5 }] } },
    }
    const cases: ReadonlyArray<readonly [ControlNetParams, string]> = [
      [
        controlNet([good, unit('https://example.com/far.png')]),
        'alwayson_scripts.controlnet.args.1.image_link',
      ],
      [controlNet([unit(files.url('/missing.png'))]), 'alwayson_scripts.controlnet.args.0.image_link'],
      [tooStrong, 'alwayson_scripts.controlnet.args.0.weight'],
      [controlNet([good], {}, { image_link: 'http://192.0.2.1/base.png' }), 'alwayson_scripts.image_link'],
    ]
    for (const [request, field] of cases)
      expect(await failureOf(api.submit(connection, 'controlnet-v2', 'refused', request))).toMatchObject({
        code: 'invalid_request',
        details: { field },
      })
    expect(simulator.tasks.count()).toBe(0)
  })

  it('reconciles a ControlNet submit whose answer was lost: exactly one task', async () => {
    const simulator = await kit.simulator({
      faults: { resetAfterSubmit: { remaining: 1, paths: [apiPaths.controlnet] } },
    })
    const { api } = kit.client()
    const files = await serve({ '/a.png': solidPng(1, 2, 3) })
    const result = await api.submit(
      connectionTo(simulator),
      'controlnet-v2',
      'cn-lost',
      controlNet([unit(files.url('/a.png'))]),
    )
    expect(result).toEqual({ taskId: 'cn-lost', serviceTaskId: null, reconciled: true })
    expect(simulator.tasks.count()).toBe(1)
    expect(simulator.requests.count({ path: apiPaths.controlnet })).toBe(1)
  })
})
