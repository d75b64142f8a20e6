import { describe, expect, it } from 'vitest'
import { image2ImageParamsSchema, type Image2ImageParamsInput } from '../../../main/contract'
import { inpaintGuess } from '../../../main/services/api/api-guesses'
import { apiPaths } from '../../../main/services/api/api-paths'
import type { ApiClient, ApiConnection } from '../../../main/services/api/api-types'
import { buildImage2ImageBody } from '../../../main/services/api/image2image-body'
import { buildText2ImageBody } from '../../../main/services/api/text2image-body'
import { solidPng, useSourceImageServers } from '../simulator/source-image-server'
import { connectionTo, failureOf, fastTiming, useApiKit } from './api-test-kit'

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
      mask_blur: 4,
    })
  })
})

describe('buildImage2ImageBody', () => {
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
    const body = buildImage2ImageBody('i2i-1', params)
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
      [inpaintGuess.imageField]: sourceLink,
      [inpaintGuess.maskField]: 'https://cdn.example.com/uploads/mask.png',
    })
  })

  it('shares the text2image fields byte for byte and leaves unset optional ones out', () => {
    const params = img2img()
    const body = buildImage2ImageBody('i2i-2', params)
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

  const resultBytes = async (api: ApiClient, connection: ApiConnection, taskId: string) => {
    for (;;) {
      const snapshot = await api.queryTask(connection, taskId)
      if (snapshot.state === 'failed') throw new Error(snapshot.description)
      if (snapshot.state === 'succeeded')
        return Buffer.from((await api.fetchImage(snapshot.images[0]?.url ?? '')).bytes)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  }

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
      api.submitImage2Image(connection, taskId, img2img({ seed: 7 }, links))
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
    const remote = await failureOf(api.submitImage2Image(connection, 'far', img2img()))
    expect(remote).toMatchObject({
      code: 'invalid_request',
      details: { field: 'alwayson_scripts.image_link' },
    })
    const { image_link: _dropped, ...noLink } = img2img().alwayson_scripts
    const missing = await failureOf(
      api.submitImage2Image(connection, 'none', {
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
