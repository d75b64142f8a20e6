import { describe, expect, it } from 'vitest'
import { controlNetUnitSchema, type Text2ImageParamsInput } from '#contract'
import { apiPaths } from '../../../main/services/api/api-paths'
import { solidPng, useSourceImageServers } from '../simulator/source-image-server'
import { connectionTo, failureOf, params, useApiKit } from './api-test-kit'
import { controlNetUnitWire, lastBody, wireShape } from './wire-shape'

const checkpoint = 'revAnimated_v122_7371.safetensors'

/**
 * §2's fields that every v3 body carries, with §2's types on the wire (`seed` a string; number
 * fields are given fractions in these tests, so a rounding would show), plus the model code and
 * task id the img2img v3 page documents (guess 11).
 */
const alwaysSent = {
  prompt: 'string',
  negativePrompt: 'string',
  iterationCount: 'integer',
  singleBatchImageCount: 'integer',
  steps: 'integer',
  seed: 'string',
  restoreFaces: 'boolean',
  enableHighDefinitionRepair: 'boolean',
  width: 'integer',
  height: 'integer',
  promptGuidanceFactor: 'number',
  samplerIndex: 'string',
  baseModelCode: 'string',
  businessTaskId: 'string',
}

const v3Params = (overrides: Partial<Text2ImageParamsInput> = {}) =>
  params({ seed: 42, cfg_scale: 6.5, alwayson_scripts: { sd_model_checkpoint: checkpoint }, ...overrides })

describe('API client: text2image v3 on the wire (§2)', () => {
  const kit = useApiKit()
  const serve = useSourceImageServers()

  it('sends exactly §2 fields with §2 types, the hires fix switched on by enableHighDefinitionRepair', async () => {
    const simulator = await kit.simulator()
    const { api } = kit.client()
    const files = await serve({ '/depth.png': solidPng(30, 30, 30) })
    const unit = controlNetUnitSchema.parse({
      control_type: 'depth',
      module: 'depth_midas',
      weight: 0.8,
      threshold_a: 100.5,
      threshold_b: 200,
      guidance_start: 0.25,
      image_link: files.url('/depth.png'),
    })
    const everything = v3Params({
      negative_prompt: 'blurry',
      cfg_scale: 7.5,
      enable_hr: true,
      hr_scale: 1.5,
      hr_upscaler: 'Latent',
      hr_second_pass_steps: 12,
      denoising_strength: 0.45,
      callbackUrl: 'https://example.com/hook',
      alwayson_scripts: {
        sd_model_checkpoint: checkpoint,
        sd_vae: 'vae-ft-mse-840000-ema-pruned.ckpt',
        output_image_format: 'png',
        ADetailer: { args: [{ ad_model: 'face_yolov8n.pt' }] },
      },
    })
    const result = await api.submit(connectionTo(simulator), 'text2image-v3', 'v3-wire', {
      ...everything,
      controlNetUnits: [unit],
    })
    expect(result).toMatchObject({ taskId: 'v3-wire', serviceTaskId: expect.stringMatching(/^\d+$/) })
    const body = lastBody(simulator, apiPaths.text2imageV3)
    expect(wireShape(body)).toEqual({
      ...alwaysSent,
      deNoisingStrength: 'number',
      highDefinitionRepairScale: 'number',
      highDefinitionRepairEnlarger: 'string',
      highDefinitionRepairPostSteps: 'integer',
      callbackUrl: 'string',
      vaeName: 'string',
      targetImageFormat: 'string',
      saasDrawingExternalImageParameterBO: {
        controlnet: { args: [controlNetUnitWire] },
        ADetailer: { args: [expect.any(Object)] },
      },
    })
    expect(body).toMatchObject({
      seed: '42',
      promptGuidanceFactor: 7.5,
      enableHighDefinitionRepair: true,
      highDefinitionRepairScale: 1.5,
      highDefinitionRepairEnlarger: 'Latent',
      highDefinitionRepairPostSteps: 12,
      deNoisingStrength: 0.45,
      baseModelCode: checkpoint,
      businessTaskId: 'v3-wire',
    })
    expect(simulator.inputs('v3-wire').map((input) => [input.field, input.bytes])).toEqual([
      ['controlnet.args[0].image_link', solidPng(30, 30, 30)],
    ])
  })

  it('sends the hires fix as off, with no hires field and no plugin object, when it is off', async () => {
    const simulator = await kit.simulator()
    const { api } = kit.client()
    await api.submit(connectionTo(simulator), 'text2image-v3', 'v3-plain', {
      ...v3Params(),
      controlNetUnits: [],
    })
    const body = lastBody(simulator, apiPaths.text2imageV3)
    expect(wireShape(body)).toEqual(alwaysSent)
    expect(body.enableHighDefinitionRepair).toBe(false)
    expect(simulator.tasks.get('v3-plain')?.version).toBe('v3')
  })

  it('refuses §2 sizes and prompts before sending: invalid_request naming the field', async () => {
    const simulator = await kit.simulator()
    const { api } = kit.client()
    const connection = connectionTo(simulator)
    // Each is within the v2 bounds the shared params are checked against, but not within §2's.
    const cases: ReadonlyArray<readonly [Partial<Text2ImageParamsInput>, string, RegExp]> = [
      [{ width: 1536 }, 'width', /width of 128–1024 px/],
      [{ height: 1536 }, 'height', /height of 128–1024 px/],
      [{ width: 64 }, 'width', /width of 128–1024 px/],
      [{ prompt: 'x'.repeat(2001) }, 'prompt', /at most 2000 characters/],
    ]
    for (const [overrides, field, message] of cases) {
      const error = await failureOf(api.submit(connection, 'text2image-v3', 'too-big', v3Params(overrides)))
      expect(error).toMatchObject({ code: 'invalid_request', details: { field } })
      expect(error.message).toMatch(message)
    }
    expect(simulator.requests.count({ path: apiPaths.text2imageV3 })).toBe(0)
    const edge = v3Params({ width: 1024, height: 128, prompt: 'x'.repeat(2000) })
    await api.submit(connection, 'text2image-v3', 'at-the-edge', edge)
    expect(simulator.tasks.get('at-the-edge')?.state).toBeDefined()
  })
})
