import {
  image2ImageParamsSchema,
  text2ImageParamsSchema,
  type Image2ImageParams,
  type Image2ImageParamsInput,
  type Text2ImageParams,
  type Text2ImageParamsInput,
} from '#contract'

/** The example infotext of /work/shared/research/peers.md §2.1, as A1111 1.10 writes it. */
export const a1111Example = [
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

/** The request fields the example names, ADetailer's unit aside. */
export const a1111ExampleFields = {
  prompt: 'masterpiece, best quality, 1girl, (red scarf:1.2), city street at night, <lora:add_detail:0.6>',
  negative_prompt: '(worst quality, low quality:1.4), EasyNegative',
  steps: 28,
  sampler_index: 'DPM++ 2M Karras',
  cfg_scale: 7,
  seed: 1234567890,
  width: 512,
  height: 768,
  restore_faces: true,
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
} as const satisfies Text2ImageParamsInput

/** Inpainting settings away from every default, as an inpaint task's params and the draft hold them. */
export const exampleInpaintSettings = {
  mask_blur_x: 12,
  mask_blur_y: 12,
  inpainting_mask_invert: 1,
  inpainting_fill: 2,
  inpaint_full_res: true,
  inpaint_full_res_padding: 48,
} as const satisfies Partial<Image2ImageParamsInput>

/** Complete text2image parameters with the example's prompt and settings, `input` laid over them. */
export const exampleParams = (input: Partial<Text2ImageParamsInput> = {}): Text2ImageParams =>
  text2ImageParamsSchema.parse({
    prompt: a1111ExampleFields.prompt,
    negative_prompt: a1111ExampleFields.negative_prompt,
    steps: 28,
    seed: 1234567890,
    cfg_scale: 7,
    width: 512,
    height: 768,
    sampler_index: 'DPM++ 2M Karras',
    ...input,
    alwayson_scripts: { sd_model_checkpoint: 'v1-5-pruned-emaonly', ...input.alwayson_scripts },
  })

/** The same as an img2img or inpaint task keeps them: with its settings and its input image links. */
export const exampleImageParams = (input: Partial<Image2ImageParamsInput> = {}): Image2ImageParams =>
  image2ImageParamsSchema.parse({
    ...exampleParams(),
    denoising_strength: 0.6,
    ...input,
    alwayson_scripts: {
      sd_model_checkpoint: 'v1-5-pruned-emaonly',
      image_link: 'https://bucket.example.com/inputs/source.png',
      mask_link: 'https://bucket.example.com/inputs/mask.png',
    },
  })
