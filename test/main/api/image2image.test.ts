import { describe, expect, it } from 'vitest'
import {
  buildText2ImageBody,
  image2ImageParamsSchema,
  sdEndpoints,
  type Image2ImageParamsInput,
} from '#contract'
import { apiPaths } from '../../../main/services/api/api-paths'
import { solidPng, useSourceImageServers } from '../simulator/source-image-server'
import { connectionTo, failureOf, fastTiming, resultBytes, useApiKit } from './api-test-kit'
import { lastBody, wireShape } from './wire-shape'

const sourceLink = 'https://cdn.example.com/uploads/source.png'

const img2img = (overrides: Partial<Image2ImageParamsInput> = {}, links: Record<string, string> = {}) =>
  image2ImageParamsSchema.parse({
    prompt: 'the same lighthouse, in winter',
    steps: 10,
    alwayson_scripts: {
      sd_model_checkpoint: 'revAnimated_v122_7371.safetensors',
      image_link: sourceLink,
      ...links,
    },
    ...overrides,
  })

describe('image2ImageParamsSchema', () => {
  it('requires an http(s) image_link and applies the img2img defaults', () => {
    expect(
      image2ImageParamsSchema.safeParse({ ...img2img(), alwayson_scripts: { sd_model_checkpoint: 'm' } })
        .success,
    ).toBe(false)
    const ftp = { ...img2img(), alwayson_scripts: { sd_model_checkpoint: 'm', image_link: 'ftp://h/a.png' } }
    expect(image2ImageParamsSchema.safeParse(ftp).error?.issues[0]?.path).toEqual([
      'alwayson_scripts',
      'image_link',
    ])
    expect(img2img()).toMatchObject({
      denoising_strength: 0.75,
      resize_mode: 0,
      inpainting_fill: 1,
      mask_blur_x: 4,
      mask_blur_y: 4,
    })
    expect(img2img()).not.toHaveProperty('mask_blur')
  })
})

describe("the image2image-v2 row's body builder", () => {
  it('sends every img2img field with the wire type the contract lists', () => {
    const params = img2img(
      {
        seed: 42,
        denoising_strength: 0.4,
        resize_mode: 2,
        mask_blur: 8,
        mask_blur_x: 6,
        mask_blur_y: 5,
        inpainting_fill: 3,
        inpaint_full_res: true,
        inpaint_full_res_padding: 48,
        inpainting_mask_invert: 1,
        initial_noise_multiplier: 1.1,
        image_cfg_scale: 1.5,
      },
      { mask_link: 'https://cdn.example.com/uploads/mask.png' },
    )
    const body = sdEndpoints['image2image-v2'].buildBody('i2i-1', params)
    expect(body).toMatchObject({
      seed: '42',
      denoising_strength: 0.4,
      resize_mode: 2,
      mask_blur: 8,
      mask_blur_x: 6,
      mask_blur_y: 5,
      inpainting_fill: 3,
      inpaint_full_res: true,
      inpaint_full_res_padding: 48,
      inpainting_mask_invert: 1,
      initial_noise_multiplier: 1.1,
      image_cfg_scale: 1.5,
    })
    expect(body.alwayson_scripts).toEqual({
      sd_model_checkpoint: 'revAnimated_v122_7371.safetensors',
      id_task: 'i2i-1',
      image_link: sourceLink,
      mask_link: 'https://cdn.example.com/uploads/mask.png',
    })
  })

  it('shares the text2image fields byte for byte and leaves unset optional ones out', () => {
    const params = img2img()
    const body = sdEndpoints['image2image-v2'].buildBody('i2i-2', params)
    const { alwayson_scripts: scripts, ...shared } = buildText2ImageBody('i2i-2', params)
    expect(body).toMatchObject(shared)
    expect(body.alwayson_scripts).toEqual({ ...scripts, image_link: sourceLink })
    expect(body).not.toHaveProperty('image_cfg_scale')
    expect(typeof body.inpaint_full_res).toBe('boolean')
    expect(Number.isInteger(body.inpainting_mask_invert)).toBe(true)
  })
})

describe('API client: img2img v2 against the simulator', () => {
  const kit = useApiKit()
  const serve = useSourceImageServers()

  it('submits the source and mask links; the result follows from the image that arrived', async () => {
    const simulator = await kit.simulator({ timing: fastTiming })
    const { api } = kit.client()
    const connection = connectionTo(simulator)
    const files = await serve({
      '/a.png': solidPng(200, 30, 30),
      '/b.png': solidPng(30, 30, 200),
      '/mask.png': solidPng(255, 255, 255),
    })
    const submit = (taskId: string, links: Record<string, string>) =>
      api.submit(connection, 'image2image-v2', taskId, img2img({ seed: 7 }, links))
    await expect(submit('a-1', { image_link: files.url('/a.png') })).resolves.toEqual({
      taskId: 'a-1',
      serviceTaskId: null,
      reconciled: false,
    })
    await submit('a-2', { image_link: files.url('/a.png') })
    await submit('b', { image_link: files.url('/b.png') })
    await submit('a-masked', { image_link: files.url('/a.png'), mask_link: files.url('/mask.png') })
    expect(files.requested).toContain('/mask.png')
    expect(simulator.requests.count({ path: apiPaths.image2image })).toBe(4)
    const first = await resultBytes(api, connection, 'a-1')
    expect(first.equals(await resultBytes(api, connection, 'a-2'))).toBe(true)
    expect(first.equals(await resultBytes(api, connection, 'b'))).toBe(false)
    expect(first.equals(await resultBytes(api, connection, 'a-masked'))).toBe(false)
  })

  it('reports a refused source as invalid_request naming the field, with no task created', async () => {
    const simulator = await kit.simulator()
    const { api } = kit.client()
    const connection = connectionTo(simulator)
    const remote = await failureOf(api.submit(connection, 'image2image-v2', 'far', img2img()))
    expect(remote).toMatchObject({
      code: 'invalid_request',
      details: { field: 'alwayson_scripts.image_link' },
    })
    const { image_link: _dropped, ...noLink } = img2img().alwayson_scripts
    const missing = await failureOf(
      api.submit(connection, 'image2image-v2', 'none', {
        ...img2img(),
        alwayson_scripts: { ...noLink, image_link: '' },
      }),
    )
    expect(missing).toMatchObject({
      code: 'invalid_request',
      details: { field: 'alwayson_scripts.image_link' },
    })
    expect(simulator.tasks.count()).toBe(0)
  })
})

/** §9's shared SD fields as the wire carries them (integers where §9 says integer). */
const sharedV2Wire = {
  prompt: 'string',
  n_iter: 'integer',
  batch_size: 'integer',
  steps: 'integer',
  seed: 'string',
  restore_faces: 'boolean',
  enable_hr: 'boolean',
  hr_scale: 'integer',
  width: 'integer',
  height: 'integer',
  negative_prompt: 'string',
  cfg_scale: 'integer',
  sampler_index: 'string',
  hr_second_pass_steps: 'integer',
  hr_resize_x: 'integer',
  hr_resize_y: 'integer',
  denoising_strength: 'number',
}

describe('img2img and inpaint on the wire (§9)', () => {
  const kit = useApiKit()
  const serve = useSourceImageServers()

  const everything = (links: Record<string, string>) =>
    img2img(
      {
        seed: 42,
        cfg_scale: 7.5,
        hr_scale: 1.5,
        denoising_strength: 0.45,
        hr_upscaler: 'Latent',
        callbackUrl: 'http://127.0.0.1:9/callback',
        initial_noise_multiplier: 1.1,
        image_cfg_scale: 1.5,
        mask_blur: 6,
        alwayson_scripts: {
          sd_model_checkpoint: 'revAnimated_v122_7371.safetensors',
          sd_vae: 'vae-ft-mse-840000-ema-pruned.ckpt',
          output_image_format: 'png',
          override_settings: { CLIP_stop_at_last_layers: 2 },
          ADetailer: { args: [{ ad_model: 'face_yolov8n.pt' }] },
          image_link: links.image_link ?? '',
          ...(links.mask_link ? { mask_link: links.mask_link } : {}),
        },
      },
      {},
    )

  it('inpaints through img2img v2 (guess 14) with exactly §9 fields and types: integer cfg_scale and hr_scale, no callbackUrl', async () => {
    const simulator = await kit.simulator()
    const { api } = kit.client()
    const files = await serve({ '/src.png': solidPng(1, 2, 3), '/mask.png': solidPng(255, 255, 255) })
    const links = { image_link: files.url('/src.png'), mask_link: files.url('/mask.png') }
    await api.submit(connectionTo(simulator), 'inpaint', 'inpaint-wire', everything(links))
    const body = lastBody(simulator, apiPaths.image2image)
    expect(wireShape(body)).toEqual({
      ...sharedV2Wire,
      hr_upscaler: 'string',
      resize_mode: 'integer',
      mask_blur: 'integer',
      mask_blur_x: 'integer',
      mask_blur_y: 'integer',
      inpainting_fill: 'integer',
      inpaint_full_res: 'boolean',
      inpaint_full_res_padding: 'integer',
      inpainting_mask_invert: 'integer',
      initial_noise_multiplier: 'number',
      image_cfg_scale: 'number',
      alwayson_scripts: {
        sd_model_checkpoint: 'string',
        id_task: 'string',
        sd_vae: 'string',
        output_image_format: 'string',
        override_settings: { CLIP_stop_at_last_layers: 'integer' },
        ADetailer: { args: [expect.any(Object)] },
        image_link: 'string',
        mask_link: 'string',
      },
    })
    expect(body).toMatchObject({ seed: '42', cfg_scale: 8, hr_scale: 2, denoising_strength: 0.45 })
    expect(body.alwayson_scripts).toMatchObject({ id_task: 'inpaint-wire', ...links })
    expect(simulator.inputs('inpaint-wire').map((input) => [input.field, input.bytes])).toEqual([
      ['image_link', solidPng(1, 2, 3)],
      ['mask_link', solidPng(255, 255, 255)],
    ])
  })

  it('sends img2img without a mask as the same body minus mask_link', async () => {
    const simulator = await kit.simulator()
    const { api } = kit.client()
    const files = await serve({ '/src.png': solidPng(1, 2, 3) })
    await api.submit(
      connectionTo(simulator),
      'image2image-v2',
      'i2i-wire',
      everything({ image_link: files.url('/src.png') }),
    )
    const scripts = lastBody(simulator, apiPaths.image2image).alwayson_scripts
    expect(Object.keys(scripts as object)).not.toContain('mask_link')
    expect(simulator.inputs('i2i-wire').map((input) => input.field)).toEqual(['image_link'])
  })
})
