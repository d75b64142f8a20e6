import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { pngBase64MaxLength, text2ImageParamsSchema } from '#contract'
import { createImageCache } from '../../../main/services/images/image-cache'
import { spliceChunks } from '../../../main/services/images/png-chunks'
import { embedGenerationMetadata, textChunk } from '../../../main/services/images/png-metadata'
import { createLogger, createSecretRedactor } from '../../../main/services/logger'
import { useServices } from '../../support/services'
import { useTempDirs } from '../../support/temp-dir'

const ctx = { transport: 'in-process' } as const

let png: Buffer

beforeAll(async () => {
  png = await sharp({ create: { width: 640, height: 320, channels: 3, background: '#446688' } })
    .png()
    .toBuffer()
})

describe('images.* procedures', () => {
  const tempDir = useTempDirs()
  const services = useServices()

  async function withCachedImage() {
    const dataDir = await tempDir()
    const cache = createImageCache({ dataDir, logger: createLogger({ redactor: createSecretRedactor() }) })
    const { cacheKey } = await cache.put(png)
    await cache.close()
    return { dispatch: (await services({ dataDir })).dispatch, cacheKey }
  }

  it('hands a cached image to the page as a data: URL, the thumbnail as a small WebP', async () => {
    const { dispatch, cacheKey } = await withCachedImage()
    const thumb = await dispatch('images.get', { cacheKey, size: 'thumb' }, ctx)
    expect(thumb).toMatchObject({
      ok: true,
      value: { dataUrl: expect.stringMatching(/^data:image\/webp;base64,/) },
    })
    const thumbUrl = thumb.ok ? (thumb.value as { dataUrl: string }).dataUrl : ''
    const thumbBytes = Buffer.from(thumbUrl.split(',')[1] ?? '', 'base64')
    expect(await sharp(thumbBytes).metadata()).toMatchObject({ width: 256, height: 128 })
    expect(thumbUrl.length).toBeLessThan(20_000)
    const full = await dispatch('images.get', { cacheKey, size: 'full' }, ctx)
    expect(full).toEqual({ ok: true, value: { dataUrl: `data:image/png;base64,${png.toString('base64')}` } })
  })

  it('answers not_found for an image not in the cache and refuses a key that is not a hash', async () => {
    const { dispatch } = await withCachedImage()
    expect(await dispatch('images.get', { cacheKey: 'a'.repeat(64), size: 'full' }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    })
    expect(await dispatch('images.get', { cacheKey: '../history.db', size: 'full' }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    })
  })

  it('refuses to send an image too large for one message instead of breaking the connection', async () => {
    const dataDir = await tempDir()
    const cache = createImageCache({ dataDir, logger: createLogger({ redactor: createSecretRedactor() }) })
    const huge = Buffer.alloc(21 * 1024 * 1024)
    huge.set([0xff, 0xd8, 0xff])
    const { cacheKey } = await cache.put(huge)
    await cache.close()
    const { dispatch } = await services({ dataDir })
    expect(await dispatch('images.get', { cacheKey, size: 'full' }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', details: { reason: 'too_large' } },
    })
  })

  it('restores parameters from a dropped PNG: ours losslessly, A1111’s from its text', async () => {
    const { dispatch } = await services({ dataDir: await tempDir() })
    const params = text2ImageParamsSchema.parse({
      prompt: 'a lighthouse',
      steps: 31,
      alwayson_scripts: { sd_model_checkpoint: 'sdxl' },
    })
    const ours = Buffer.from(embedGenerationMetadata(png, { params }) ?? [])
    expect(await dispatch('images.readParameters', { pngBase64: ours.toString('base64') }, ctx)).toEqual({
      ok: true,
      value: { params, source: 'img-open', skipped: [] },
    })
    const a1111 = Buffer.from(
      spliceChunks(png, [
        textChunk(
          'parameters',
          'a fox\nSteps: 12, Sampler: Euler a, CFG scale: 5, Seed: 3, Size: 512x512, Model: dream',
        ),
      ]) ?? [],
    )
    const answer = await dispatch('images.readParameters', { pngBase64: a1111.toString('base64') }, ctx)
    expect(answer).toMatchObject({
      ok: true,
      value: { source: 'a1111', params: { prompt: 'a fox', steps: 12, seed: 3 } },
    })
  })

  it('refuses a non-PNG and an oversized upload, and says when a PNG carries no parameters', async () => {
    const { dispatch } = await services({ dataDir: await tempDir() })
    const jpeg = await sharp(png).jpeg().toBuffer()
    expect(
      await dispatch('images.readParameters', { pngBase64: jpeg.toString('base64') }, ctx),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    })
    expect(await dispatch('images.readParameters', { pngBase64: png.toString('base64') }, ctx)).toMatchObject(
      {
        ok: false,
        error: { code: 'not_found' },
      },
    )
    expect(
      await dispatch('images.readParameters', { pngBase64: 'A'.repeat(pngBase64MaxLength + 1) }, ctx),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    })
  })
})
