import sharp from 'sharp'
import { deflateSync } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  text2ImageParamsSchema,
  type Text2ImageParams,
  type Text2ImageParamsInput,
} from '../../../main/contract'
import { createInfotext } from '../../../main/services/images/infotext-write'
import { paramsFromInfotext } from '../../../main/services/images/infotext-parse'
import { crc32, encodeChunk, readPngChunks, spliceChunks } from '../../../main/services/images/png-chunks'
import {
  embedGenerationMetadata,
  paramsFromPng,
  readPngText,
  textChunk,
} from '../../../main/services/images/png-metadata'
import { validateImportedParams } from '../../../main/services/images/validate-imported-params'

let plainPng: Buffer

beforeAll(async () => {
  plainPng = await sharp({ create: { width: 40, height: 24, channels: 3, background: '#3366aa' } })
    .png()
    .toBuffer()
})

/** A PNG with the given text chunks spliced in, as another tool would have written it. */
const pngWith = (...chunks: Uint8Array[]) => Buffer.from(spliceChunks(plainPng, chunks) ?? new Uint8Array())

const params = (input: Partial<Text2ImageParamsInput> = {}): Text2ImageParams =>
  text2ImageParamsSchema.parse({
    prompt: 'masterpiece, best quality, 1girl, (red scarf:1.2), city street at night, <lora:add_detail:0.6>',
    negative_prompt: '(worst quality, low quality:1.4), EasyNegative',
    steps: 28,
    seed: 1234567890,
    cfg_scale: 7,
    width: 512,
    height: 768,
    sampler_index: 'DPM++ 2M Karras',
    ...input,
    alwayson_scripts: { sd_model_checkpoint: 'v1-5-pruned-emaonly', ...input.alwayson_scripts },
  })

// The example infotext of /work/shared/research/peers.md §2.1, as A1111 1.10 writes it.
const a1111Example = [
  'masterpiece, best quality, 1girl, (red scarf:1.2), city street at night, <lora:add_detail:0.6>',
  'Negative prompt: (worst quality, low quality:1.4), EasyNegative',
  'Steps: 28, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7, Seed: 1234567890, Face restoration: CodeFormer, Size: 512x768, Model hash: 6ce0161689, Model: v1-5-pruned-emaonly, VAE hash: 735e4c3a44, VAE: vae-ft-mse-840000-ema-pruned.safetensors, Denoising strength: 0.45, Clip skip: 2, ADetailer model: face_yolov8n.pt, ADetailer confidence: 0.3, ADetailer dilate erode: 4, ADetailer mask blur: 4, ADetailer denoising strength: 0.4, ADetailer inpaint only masked: True, ADetailer inpaint padding: 32, ADetailer version: 24.11.1, Hires upscale: 2, Hires steps: 15, Hires upscaler: R-ESRGAN 4x+, Lora hashes: "add_detail: 7c6bad76eb54", TI hashes: "EasyNegative: c74b4e810b03", Version: v1.10.1',
].join('\n')

describe('PNG chunks', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926)
    expect(crc32(Buffer.from('IEND'))).toBe(0xae426082)
  })

  it('writes Latin-1 text as tEXt and anything wider as UTF-8 iTXt, like Pillow', () => {
    const latin = readPngChunks(pngWith(textChunk('parameters', 'café, Steps: 20')))
    expect(latin.find((chunk) => chunk.type === 'tEXt')?.data).toEqual(
      Buffer.from('parameters\0café, Steps: 20', 'latin1'),
    )
    const chinese = readPngChunks(pngWith(textChunk('parameters', '一个女孩')))
    const itxt = chinese.find((chunk) => chunk.type === 'iTXt')
    expect(
      Buffer.from(itxt?.data ?? []).equals(
        Buffer.concat([Buffer.from('parameters\0\0\0\0\0'), Buffer.from('一个女孩')]),
      ),
    ).toBe(true)
    expect(chinese.some((chunk) => chunk.type === 'tEXt')).toBe(false)
  })

  it('puts text before the image data and keeps the picture intact', async () => {
    const png = embedGenerationMetadata(plainPng, { params: params() }) ?? new Uint8Array()
    const types = readPngChunks(png).map((chunk) => chunk.type)
    expect(types.indexOf('iTXt')).toBeLessThan(types.indexOf('IDAT'))
    expect(readPngChunks(png).every((chunk) => chunk.crcOk)).toBe(true)
    const [before, after] = await Promise.all(
      [plainPng, Buffer.from(png)].map((bytes) => sharp(bytes).raw().toBuffer()),
    )
    expect(after?.equals(before ?? Buffer.alloc(0))).toBe(true)
  })

  it('reads tEXt, zTXt and compressed iTXt, and skips chunks whose CRC is wrong', () => {
    const ztxt = encodeChunk(
      'zTXt',
      Buffer.concat([Buffer.from('Comment\0\0'), deflateSync(Buffer.from('zipped'))]),
    )
    const itxtZ = encodeChunk(
      'iTXt',
      Buffer.concat([Buffer.from('Title\0\x01\0zh\0标题\0'), deflateSync(Buffer.from('压缩的'))]),
    )
    const broken = textChunk('Author', 'someone')
    const damaged = Buffer.from(broken)
    damaged[damaged.length - 1] = (damaged[damaged.length - 1] ?? 0) ^ 0xff
    expect(readPngText(pngWith(textChunk('Software', 'x'), ztxt, itxtZ, damaged))).toEqual([
      { keyword: 'Software', text: 'x', chunkType: 'tEXt' },
      { keyword: 'Comment', text: 'zipped', chunkType: 'zTXt' },
      { keyword: 'Title', text: '压缩的', chunkType: 'iTXt' },
    ])
  })

  it('reads nothing, without throwing, from truncated or non-PNG bytes', () => {
    const png = pngWith(textChunk('parameters', 'a\nSteps: 1, Sampler: Euler, Seed: 1'))
    expect(readPngText(png.subarray(0, 60))).toEqual([])
    expect(readPngText(Buffer.from('GIF89a not a png'))).toEqual([])
    expect(paramsFromPng(Buffer.alloc(0))).toBeNull()
  })
})

describe('A1111 infotext', () => {
  it('writes A1111 keys in its order, quoting values with commas or colons', () => {
    const full = params({
      restore_faces: true,
      enable_hr: true,
      hr_scale: 2,
      hr_second_pass_steps: 15,
      hr_upscaler: 'R-ESRGAN 4x+',
      denoising_strength: 0.45,
      alwayson_scripts: {
        sd_model_checkpoint: 'v1-5-pruned-emaonly',
        sd_vae: 'vae-ft-mse-840000-ema-pruned.safetensors',
        override_settings: { CLIP_stop_at_last_layers: 2 },
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

  it('keeps a last line with fewer than three pairs as part of the prompt', () => {
    expect(paramsFromInfotext('a cat\nStyle: watercolor')).toEqual({
      prompt: 'a cat\nStyle: watercolor',
      negative_prompt: '',
    })
  })
})

describe('parameters from a dropped PNG', () => {
  it('restores our own lossless request first, with the image’s own seed', () => {
    const original = params({
      seed: -1,
      batch_size: 4,
      alwayson_scripts: { sd_model_checkpoint: 'sdxl.safetensors', output_image_format: 'png' },
    })
    const png = Buffer.from(embedGenerationMetadata(plainPng, { params: original, seed: 777 }) ?? [])
    expect(paramsFromPng(png)).toEqual({
      params: { ...original, seed: 777 },
      source: 'img-open',
      skipped: [],
    })
  })

  it('reads an A1111 PNG: sampler and schedule joined, hires, clip skip, VAE, ADetailer', () => {
    const found = paramsFromPng(pngWith(textChunk('parameters', a1111Example)))
    expect(found?.source).toBe('a1111')
    expect(found?.skipped).toEqual([])
    expect(found?.params).toEqual({
      prompt:
        'masterpiece, best quality, 1girl, (red scarf:1.2), city street at night, <lora:add_detail:0.6>',
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
        ADetailer: {
          args: [
            expect.objectContaining({
              ad_model: 'face_yolov8n.pt',
              ad_confidence: 0.3,
              ad_dilate_erode: 4,
              ad_mask_blur: 4,
              ad_denoising_strength: 0.4,
              ad_inpaint_only_masked: true,
              ad_inpaint_only_masked_padding: 32,
              ad_use_steps: false,
            }),
          ],
        },
      },
    })
  })

  it('reads a Chinese A1111 prompt from its iTXt chunk', () => {
    const text =
      '一个女孩，红色围巾\nNegative prompt: 低质量\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 5, Size: 512x512, Model: 国风'
    const found = paramsFromPng(pngWith(textChunk('parameters', text)))
    expect(found?.params).toMatchObject({
      prompt: '一个女孩，红色围巾',
      negative_prompt: '低质量',
      sampler_index: 'Euler a',
      alwayson_scripts: { sd_model_checkpoint: '国风' },
    })
  })

  it('drops only the fields outside the workbench’s bounds, and names them', () => {
    const text = 'wide\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 5, Size: 4096x4096, Clip skip: 40'
    const found = paramsFromPng(pngWith(textChunk('parameters', text)))
    expect(found?.skipped).toEqual(['width', 'height', 'alwayson_scripts.override_settings'])
    expect(found?.params).toEqual({
      prompt: 'wide',
      negative_prompt: '',
      steps: 20,
      sampler_index: 'Euler a',
      cfg_scale: 7,
      seed: 5,
    })
  })

  it('finds nothing in a PNG without generation text', () => {
    expect(paramsFromPng(pngWith(textChunk('Software', 'GIMP')))).toBeNull()
  })
})
