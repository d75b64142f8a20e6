import { describe, expect, it } from 'vitest'
import { infotextKeyFields, looksLikeInfotext, parseInfotext, parseParamsLine } from '#contract/infotext'
import { a1111Example, a1111ExampleFields } from '../support/infotext-fixtures'

describe('parseInfotext', () => {
  it('reads an A1111 infotext into request fields', () => {
    const { params } = parseInfotext(a1111Example)
    expect(params).toMatchObject(a1111ExampleFields)
  })

  it('keeps the keys it does not place, unquoted', () => {
    expect(parseInfotext(a1111Example).unknown).toEqual({
      'Model hash': '6ce0161689',
      'VAE hash': '735e4c3a44',
      'ADetailer version': '24.11.1',
      'Lora hashes': 'add_detail: 7c6bad76eb54',
      'TI hashes': 'EasyNegative: c74b4e810b03',
      Version: 'v1.10.1',
    })
  })

  it('reads ADetailer units, omitted keys meaning ADetailer defaults', () => {
    const text = `a\nSteps: 20, Seed: 1, ADetailer model: face_yolov8n.pt, ADetailer prompt: "smile, blue eyes", ADetailer model 2nd: hand_yolov8n.pt, ADetailer use separate steps 2nd: True, ADetailer steps 2nd: 12`
    const units = parseInfotext(text).params.alwayson_scripts?.ADetailer?.args
    expect(units).toHaveLength(2)
    expect(units?.[0]).toMatchObject({
      ad_model: 'face_yolov8n.pt',
      ad_prompt: 'smile, blue eyes',
      ad_use_steps: false,
    })
    expect(units?.[1]).toMatchObject({
      ad_model: 'hand_yolov8n.pt',
      ad_use_steps: true,
      ad_steps: 12,
      ad_dilate_erode: 4,
    })
  })

  it('decodes JSON-quoted values with commas, colons and escaped quotes', () => {
    const pairs = parseParamsLine(
      'Steps: 20, Sampler: Euler a, Lora hashes: "add_detail: 7c6bad76eb54, more_details: 3a9b1c2d4e5f", ' +
        'ADetailer prompt: "a \\"quoted\\" face, smile", Version: v1.10.1',
    )
    expect(Object.fromEntries(pairs)).toEqual({
      Steps: '20',
      Sampler: 'Euler a',
      'Lora hashes': 'add_detail: 7c6bad76eb54, more_details: 3a9b1c2d4e5f',
      'ADetailer prompt': 'a "quoted" face, smile',
      Version: 'v1.10.1',
    })
  })

  it('reads Chinese prompts and keys, multi-line prompts and CRLF line ends', () => {
    const text =
      '一个女孩，红色围巾，\r\n(城市夜景:1.2)\r\nNegative prompt: 低质量，\r\n模糊\r\n' +
      'Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 42, Size: 512x768, Model: 国风模型, 模型: 国风'
    const { params, unknown } = parseInfotext(text)
    expect(params.prompt).toBe('一个女孩，红色围巾，\n(城市夜景:1.2)')
    expect(params.negative_prompt).toBe('低质量，\n模糊')
    expect(params.alwayson_scripts?.sd_model_checkpoint).toBe('国风模型')
    expect(unknown).toEqual({ 模型: '国风' })
  })

  it('splits Hires resize and keeps the A1111 defaults it implies', () => {
    const { params } = parseInfotext(
      'a cat\nSteps: 20, Seed: 7, Size: 512x512, Hires resize: 1024x1536, Hires steps: 10',
    )
    expect(params).toMatchObject({
      enable_hr: true,
      hr_resize_x: 1024,
      hr_resize_y: 1536,
      hr_second_pass_steps: 10,
    })
    // No "Clip skip" key means clip skip 1 in A1111.
    expect(params.alwayson_scripts?.override_settings).toEqual({ CLIP_stop_at_last_layers: 1 })
  })

  it('adds a hypernetwork named in the parameters to the prompt, as A1111 does', () => {
    const { params } = parseInfotext('a cat\nSteps: 20, Seed: 7, Hypernet: anime, Hypernet strength: 0.7')
    expect(params.prompt).toBe('a cat<hypernet:anime:0.7>')
  })

  it('treats a last line with fewer than three pairs as prompt text', () => {
    const { params, unknown } = parseInfotext('a cat\nstyle: anime, mood: calm')
    expect(params.prompt).toBe('a cat\nstyle: anime, mood: calm')
    expect(params.steps).toBeUndefined()
    expect(unknown).toEqual({})
    expect(parseInfotext('a cat\nStyle: watercolor').params).toEqual({
      prompt: 'a cat\nStyle: watercolor',
      negative_prompt: '',
    })
  })

  it('puts values it cannot use into unknown instead of guessing', () => {
    const { params, unknown } = parseInfotext('a\nSteps: many, Seed: 3, CFG scale: high')
    expect(params.steps).toBeUndefined()
    expect(params.seed).toBe(3)
    expect(unknown).toEqual({ Steps: 'many', 'CFG scale': 'high' })
  })
})

describe('parseInfotext: img2img, inpaint and older spellings', () => {
  it('reads img2img and inpaint keys into the image modes’ fields', () => {
    const { params, unknown } = parseInfotext(
      'a\nSteps: 20, Seed: 1, Denoising strength: 0.6, Image CFG scale: 1.5, Mask blur: 8, ' +
        'Mask mode: Inpaint not masked, Masked content: latent noise, Inpaint area: Only masked, ' +
        'Masked area padding: 48, Noise multiplier: 1.1',
    )
    expect(params).toMatchObject({
      denoising_strength: 0.6,
      image_cfg_scale: 1.5,
      mask_blur_x: 8,
      mask_blur_y: 8,
      inpainting_mask_invert: 1,
      inpainting_fill: 2,
      inpaint_full_res: true,
      inpaint_full_res_padding: 48,
      initial_noise_multiplier: 1.1,
    })
    expect(unknown).toEqual({})
  })

  it('fills the mask settings an inpaint text leaves out, and only for an inpaint text', () => {
    expect(parseInfotext('a\nSteps: 20, Seed: 1, Mask blur: 4').params).toMatchObject({
      inpainting_mask_invert: 0,
      inpainting_fill: 1,
      inpaint_full_res: false,
      inpaint_full_res_padding: 32,
    })
    const { params } = parseInfotext('a\nSteps: 20, Seed: 1, Denoising strength: 0.5')
    expect(params).not.toHaveProperty('inpainting_fill')
    expect(params).not.toHaveProperty('inpaint_full_res')
  })

  it('keeps a choice name it does not know as unknown', () => {
    const { params, unknown } = parseInfotext(
      'a\nSteps: 20, Seed: 1, Masked content: smudge, Inpaint area: Most',
    )
    expect(params.inpainting_fill).toBeUndefined()
    expect(unknown).toEqual({ 'Masked content': 'smudge', 'Inpaint area': 'Most' })
  })

  it('joins only the schedules the API’s sampler names carry', () => {
    const sampler = (line: string) => parseInfotext(`a\nSteps: 20, Seed: 1, ${line}`)
    expect(sampler('Sampler: DPM++ 2M SDE, Schedule type: Exponential').params.sampler_index).toBe(
      'DPM++ 2M SDE Exponential',
    )
    expect(sampler('Sampler: Euler a, Schedule type: Automatic')).toMatchObject({
      params: { sampler_index: 'Euler a' },
      unknown: {},
    })
    expect(sampler('Sampler: DPM++ 2M Karras, Schedule type: Karras').params.sampler_index).toBe(
      'DPM++ 2M Karras',
    )
    expect(sampler('Sampler: Euler, Schedule type: SGM Uniform')).toMatchObject({
      params: { sampler_index: 'Euler' },
      unknown: { 'Schedule type': 'SGM Uniform' },
    })
  })

  it('reads the ADetailer "dilate/erode" key older ADetailer versions wrote', () => {
    const { params, unknown } = parseInfotext(
      'a\nSteps: 20, Seed: 1, ADetailer model: face_yolov8n.pt, ADetailer dilate/erode: 12',
    )
    expect(params.alwayson_scripts?.ADetailer?.args[0]).toMatchObject({ ad_dilate_erode: 12 })
    expect(unknown).toEqual({})
  })

  it('takes keys named like object properties for unknown keys', () => {
    const { params, unknown } = parseInfotext('a\nSteps: 20, constructor: x, toString: y, hasOwnProperty: z')
    expect(params.steps).toBe(20)
    expect(unknown).toEqual({ constructor: 'x', toString: 'y', hasOwnProperty: 'z' })
  })
})

describe('infotextKeyFields', () => {
  it('names the request fields a key sets, and none for keys the app does not read', () => {
    expect(infotextKeyFields('Steps')).toEqual(['steps'])
    expect(infotextKeyFields('Size-1')).toEqual(['width'])
    expect(infotextKeyFields('Mask blur')).toEqual(['mask_blur_x', 'mask_blur_y'])
    expect(infotextKeyFields('VAE')).toEqual(['alwayson_scripts.sd_vae'])
    expect(infotextKeyFields('Model hash')).toEqual([])
    expect(infotextKeyFields('constructor')).toEqual([])
  })
})

describe('looksLikeInfotext', () => {
  it('recognises generation parameters', () => {
    expect(looksLikeInfotext(a1111Example)).toBe(true)
    expect(looksLikeInfotext('a cat\nNegative prompt: blurry')).toBe(true)
  })

  it('does not take ordinary prompts for parameters', () => {
    expect(looksLikeInfotext('masterpiece, best quality, 1girl')).toBe(false)
    expect(looksLikeInfotext('style: anime, mood: calm, colour: red, (cat:1.2)')).toBe(false)
    expect(looksLikeInfotext('{best quality}, {{masterpiece}}, (face:1.2), 1girl')).toBe(false)
  })
})
