import { describe, expect, it } from 'vitest'
import {
  looksLikeInfotext,
  parseInfotext,
  parseParamsLine,
} from '../../renderer/src/features/prompt/infotext'

const a1111Example = [
  'masterpiece, best quality, 1girl, (red scarf:1.2), city street at night, <lora:add_detail:0.6>',
  'Negative prompt: (worst quality, low quality:1.4), EasyNegative',
  'Steps: 28, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7, Seed: 1234567890, Face restoration: CodeFormer, ' +
    'Size: 512x768, Model hash: 6ce0161689, Model: v1-5-pruned-emaonly, VAE hash: 735e4c3a44, ' +
    'VAE: vae-ft-mse-840000-ema-pruned.safetensors, Denoising strength: 0.45, Clip skip: 2, ' +
    'ADetailer model: face_yolov8n.pt, ADetailer confidence: 0.3, ADetailer dilate erode: 4, ADetailer mask blur: 4, ' +
    'ADetailer denoising strength: 0.4, ADetailer inpaint only masked: True, ADetailer inpaint padding: 32, ' +
    'ADetailer version: 24.11.1, Hires upscale: 2, Hires steps: 15, Hires upscaler: R-ESRGAN 4x+, ' +
    'Lora hashes: "add_detail: 7c6bad76eb54", TI hashes: "EasyNegative: c74b4e810b03", Version: v1.10.1',
].join('\n')

describe('parseInfotext', () => {
  it('reads an A1111 infotext into request fields', () => {
    const { params } = parseInfotext(a1111Example)
    expect(params).toMatchObject({
      prompt:
        'masterpiece, best quality, 1girl, (red scarf:1.2), city street at night, <lora:add_detail:0.6>',
      negative_prompt: '(worst quality, low quality:1.4), EasyNegative',
      steps: 28,
      sampler_index: 'DPM++ 2M Karras',
      cfg_scale: 7,
      seed: 1234567890,
      restore_faces: true,
      width: 512,
      height: 768,
      denoising_strength: 0.45,
      enable_hr: true,
      hr_scale: 2,
      hr_second_pass_steps: 15,
      hr_upscaler: 'R-ESRGAN 4x+',
      alwayson_scripts: {
        sd_model_checkpoint: 'v1-5-pruned-emaonly',
        sd_vae: 'vae-ft-mse-840000-ema-pruned.safetensors',
        override_settings: { CLIP_stop_at_last_layers: 2 },
      },
    })
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
  })

  it('puts values it cannot use into unknown instead of guessing', () => {
    const { params, unknown } = parseInfotext('a\nSteps: many, Seed: 3, CFG scale: high')
    expect(params.steps).toBeUndefined()
    expect(params.seed).toBe(3)
    expect(unknown).toEqual({ Steps: 'many', 'CFG scale': 'high' })
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
