import { describe, expect, it } from 'vitest'
import { importInfotext, paramsFromInfotext } from '../../../main/services/images/infotext-import'
import { createInfotext } from '../../../main/services/images/infotext-write'
import { validateImportedParams } from '../../../main/services/images/validate-imported-params'
import {
  a1111ExampleFields,
  exampleImageParams,
  exampleInpaintSettings,
  exampleParams as params,
} from '../../support/infotext-fixtures'

describe('A1111 infotext', () => {
  it('writes A1111 keys in its order, quoting values with commas or colons', () => {
    const full = params({
      ...a1111ExampleFields,
      alwayson_scripts: {
        ...a1111ExampleFields.alwayson_scripts,
        ADetailer: {
          args: [
            {
              ad_model: 'face_yolov8n.pt',
              ad_prompt: 'smile, blush',
              ad_dilate_erode: 4,
              ad_use_steps: false,
              ad_inpaint_only_masked_padding: 32,
            },
            { ad_model: 'hand_yolov8n.pt', ad_inpaint_only_masked: false, ad_use_steps: false },
          ],
        },
      },
    })
    expect(createInfotext(full, { seed: 1234567891 })).toBe(
      [
        'masterpiece, best quality, 1girl, (red scarf:1.2), city street at night, <lora:add_detail:0.6>',
        'Negative prompt: (worst quality, low quality:1.4), EasyNegative',
        'Steps: 28, Sampler: DPM++ 2M Karras, CFG scale: 7, Seed: 1234567891, Face restoration: CodeFormer, Size: 512x768, Model: v1-5-pruned-emaonly, VAE: vae-ft-mse-840000-ema-pruned.safetensors, Denoising strength: 0.45, Clip skip: 2, ' +
          'ADetailer model: face_yolov8n.pt, ADetailer prompt: "smile, blush", ADetailer confidence: 0.3, ADetailer dilate erode: 4, ADetailer mask blur: 4, ADetailer denoising strength: 0.4, ADetailer inpaint only masked: True, ADetailer inpaint padding: 32, ' +
          'ADetailer model 2nd: hand_yolov8n.pt, ADetailer confidence 2nd: 0.3, ADetailer dilate erode 2nd: 32, ADetailer mask blur 2nd: 4, ADetailer denoising strength 2nd: 0.4, ADetailer inpaint only masked 2nd: False, ' +
          'Hires upscale: 2, Hires steps: 15, Hires upscaler: R-ESRGAN 4x+',
      ].join('\n'),
    )
  })

  it('leaves out the negative line when empty, and hires keys, clip skip 1 and denoising without hires', () => {
    const text = createInfotext(params({ negative_prompt: '', hr_resize_x: 1024 }))
    expect(text).toBe(
      'masterpiece, best quality, 1girl, (red scarf:1.2), city street at night, <lora:add_detail:0.6>\nSteps: 28, Sampler: DPM++ 2M Karras, CFG scale: 7, Seed: 1234567890, Size: 512x768, Model: v1-5-pruned-emaonly',
    )
    expect(createInfotext(params({ enable_hr: true, hr_resize_x: 1024, hr_resize_y: 1536 }))).toContain(
      'Hires resize: 1024x1536, Hires steps: 20',
    )
  })

  it('reads back what it writes', () => {
    const original = params({
      prompt: 'line one\nline two: with colon',
      enable_hr: true,
      hr_scale: 1.5,
      hr_upscaler: 'Latent',
      denoising_strength: 0.6,
      alwayson_scripts: {
        sd_model_checkpoint: 'anime.ckpt',
        override_settings: { CLIP_stop_at_last_layers: 2 },
        ADetailer: {
          args: [{ ad_model: 'face_yolov8n.pt', ad_prompt: 'a, "b"', ad_use_steps: true, ad_steps: 30 }],
        },
      },
    })
    const { params: back, skipped } = validateImportedParams(paramsFromInfotext(createInfotext(original)))
    expect(skipped).toEqual([])
    expect(back).toMatchObject({
      prompt: original.prompt,
      negative_prompt: original.negative_prompt,
      steps: 28,
      sampler_index: 'DPM++ 2M Karras',
      cfg_scale: 7,
      seed: 1234567890,
      width: 512,
      height: 768,
      enable_hr: true,
      hr_scale: 1.5,
      hr_upscaler: 'Latent',
      denoising_strength: 0.6,
      alwayson_scripts: {
        sd_model_checkpoint: 'anime.ckpt',
        override_settings: { CLIP_stop_at_last_layers: 2 },
        ADetailer: { args: original.alwayson_scripts.ADetailer?.args },
      },
    })
  })
})

/** The img2img and inpaint settings of the workbench's image modes (its `draft.img2img`). */
const imageSettingKeys = [
  'denoising_strength',
  'image_cfg_scale',
  'initial_noise_multiplier',
  'mask_blur_x',
  'mask_blur_y',
  'inpainting_mask_invert',
  'inpainting_fill',
  'inpaint_full_res',
  'inpaint_full_res_padding',
] as const

describe('img2img and inpaint keys, written and read back', () => {
  it('restores every setting of an inpaint task from the text it writes', () => {
    const original = exampleImageParams({
      image_cfg_scale: 1.5,
      initial_noise_multiplier: 1.2,
      ...exampleInpaintSettings,
    })
    const text = createInfotext(original, { kind: 'inpaint' })
    expect(text).toContain(
      'Denoising strength: 0.6, Mask blur: 12, Mask mode: Inpaint not masked, Masked content: latent noise, ' +
        'Inpaint area: Only masked, Masked area padding: 48, Noise multiplier: 1.2',
    )
    const { params: back, skipped } = importInfotext(text)
    expect(skipped).toEqual([])
    for (const key of imageSettingKeys) expect(back[key], key).toBe(original[key])
    expect(back.alwayson_scripts).not.toHaveProperty('image_link')
  })

  it('restores the mask settings A1111 leaves out at their defaults, as A1111 reads them', () => {
    const original = exampleImageParams({ inpaint_full_res: false, inpaint_full_res_padding: 32 })
    const text = createInfotext(original, { kind: 'inpaint' })
    expect(text).not.toMatch(/Mask mode|Inpaint area|Masked area padding|Noise multiplier/)
    const { params: back, skipped } = importInfotext(text)
    expect(skipped).toEqual([])
    expect(back).toMatchObject({
      mask_blur_x: 4,
      mask_blur_y: 4,
      inpainting_mask_invert: 0,
      inpainting_fill: 1,
      inpaint_full_res: false,
      inpaint_full_res_padding: 32,
    })
    // Noise multiplier 1 is a setting (not a mask default) A1111 does not fill in either.
    expect(back.initial_noise_multiplier).toBeUndefined()
  })

  it('reads img2img’s own keys from an img2img text and no mask settings', () => {
    const original = exampleImageParams({ image_cfg_scale: 1.5, initial_noise_multiplier: 0.9 })
    const { params: back, skipped } = importInfotext(createInfotext(original, { kind: 'image2image' }))
    expect(skipped).toEqual([])
    expect(back).toMatchObject({
      denoising_strength: 0.6,
      image_cfg_scale: 1.5,
      initial_noise_multiplier: 0.9,
    })
    for (const key of [
      'mask_blur_x',
      'inpainting_fill',
      'inpainting_mask_invert',
      'inpaint_full_res',
    ] as const)
      expect(back[key], key).toBeUndefined()
  })

  it('names the fields whose values are out of range or unreadable, and keeps the rest', () => {
    const { params: back, skipped } = importInfotext(
      'a cat\nSteps: many, Seed: 5, Mask blur: 100, Masked content: smudge, Masked area padding: 48',
    )
    expect(skipped).toEqual(['mask_blur_x', 'mask_blur_y', 'steps', 'inpainting_fill'])
    expect(back).toEqual({
      prompt: 'a cat',
      negative_prompt: '',
      seed: 5,
      inpainting_mask_invert: 0,
      inpaint_full_res: false,
      inpaint_full_res_padding: 48,
      alwayson_scripts: { override_settings: { CLIP_stop_at_last_layers: 1 } },
    })
  })

  it('names no prompt for a text that has only a parameters line', () => {
    expect(paramsFromInfotext('Steps: 20, Seed: 5, CFG scale: 7')).not.toHaveProperty('prompt')
    expect(importInfotext('Steps: 20, Seed: 5, CFG scale: 7').skipped).toEqual([])
  })
})
