import sharp from 'sharp'
import { deflateSync } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import { crc32, encodeChunk, readPngChunks, spliceChunks } from '../../../main/services/images/png-chunks'
import {
  embedGenerationMetadata,
  paramsFromPng,
  readPngText,
  textChunk,
} from '../../../main/services/images/png-metadata'
import {
  a1111Example,
  a1111ExampleFields,
  exampleImageParams,
  exampleParams as params,
} from '../../support/infotext-fixtures'

let plainPng: Buffer

beforeAll(async () => {
  plainPng = await sharp({ create: { width: 40, height: 24, channels: 3, background: '#3366aa' } })
    .png()
    .toBuffer()
})

/** A PNG with the given text chunks spliced in, as another tool would have written it. */
const pngWith = (...chunks: Uint8Array[]) => Buffer.from(spliceChunks(plainPng, chunks) ?? new Uint8Array())

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

  it('restores an inpaint task’s own settings from our chunk, without its input links', () => {
    const original = exampleImageParams({
      mask_blur_x: 6,
      mask_blur_y: 10,
      inpainting_fill: 3,
      resize_mode: 2,
    })
    const png = Buffer.from(embedGenerationMetadata(plainPng, { params: original, kind: 'inpaint' }) ?? [])
    const found = paramsFromPng(png)
    expect(found).toMatchObject({ source: 'img-open', skipped: [] })
    expect(found?.params).toMatchObject({
      denoising_strength: 0.6,
      resize_mode: 2,
      mask_blur_x: 6,
      mask_blur_y: 10,
      inpainting_fill: 3,
      inpaint_full_res: false,
    })
    expect(found?.params.alwayson_scripts).toEqual({ sd_model_checkpoint: 'v1-5-pruned-emaonly' })
  })

  it('reads an A1111 PNG: sampler and schedule joined, hires, clip skip, VAE, ADetailer', () => {
    const found = paramsFromPng(pngWith(textChunk('parameters', a1111Example)))
    expect(found?.source).toBe('a1111')
    expect(found?.skipped).toEqual([])
    expect(found?.params).toEqual({
      ...a1111ExampleFields,
      alwayson_scripts: {
        ...a1111ExampleFields.alwayson_scripts,
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
