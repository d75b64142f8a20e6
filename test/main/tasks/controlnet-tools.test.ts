import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { toolPath, toolRegistry } from '#contract'
import { apiPaths } from '../../../main/services/api/api-paths'
import { useTempDirs } from '../../support/temp-dir'
import { baseSettings, solidImage, useImageTasks } from './image-tasks-kit'

const ctx = { transport: 'in-process' } as const

const controlNetSettings = {
  ...baseSettings,
  alwayson_scripts: {
    ...baseSettings.alwayson_scripts,
    controlnet: {
      args: [
        { control_type: 'canny', module: 'canny' },
        { control_type: 'depth', module: 'depth' },
      ],
    },
  },
}

describe('ControlNet tasks, request previews and the CNT preview tool', () => {
  const tempDir = useTempDirs()
  const open = useImageTasks()

  it('gives each unit its own control image, or the base image when it has none', async () => {
    const app = await open(await tempDir())
    const base = await app.importImage(await solidImage(256, 256, '#336699'))
    const pose = await app.importImage(await solidImage(256, 256, '#000000'))
    const { taskId } = await app.call<{ taskId: string }>('tasks.submit', {
      kind: 'controlnet',
      params: controlNetSettings,
      source: { type: 'cached', cacheKey: base },
      controlImages: [{ type: 'cached', cacheKey: pose }, null],
    })
    const done = await app.finalOf(taskId)
    expect(done.status).toBe('succeeded')
    expect(done.inputs?.map((input) => [input.role, input.unit])).toEqual([
      ['source', undefined],
      ['control', 0],
    ])
    const arrived = app.simulator.inputs(taskId).map((image) => [image.field, image.sha256])
    expect(arrived).toEqual(
      expect.arrayContaining([
        ['image_link', base],
        ['controlnet.args[0].image_link', pose],
        ['controlnet.args[1].image_link', base],
      ]),
    )
    await expect.poll(() => app.host.objects.size).toBe(0)
  })

  it('previews the exact body with readable placeholders instead of uploading', async () => {
    const app = await open(await tempDir())
    const source = await app.importImage(await solidImage(64, 64, '#336699'))
    const preview = await app.call<{ curl: string; body: Record<string, Record<string, unknown>> }>(
      'tasks.previewRequest',
      {
        kind: 'inpaint',
        params: { ...baseSettings, denoising_strength: 0.5 },
        source: { type: 'cached', cacheKey: source },
        mask: { type: 'url', url: 'https://example.com/mask.png' },
      },
    )
    expect(preview.body.alwayson_scripts).toMatchObject({
      image_link: 'https://upload-on-submit.invalid/source.png',
      mask_link: 'https://example.com/mask.png',
    })
    expect(preview.body).toMatchObject({ denoising_strength: 0.5, mask_blur_x: 4 })
    expect(preview.curl).toContain(apiPaths.image2image)
    expect(app.host.uploaded).toEqual([])
    expect(app.history.query({}).total).toBe(0)

    const controlNet = await app.call<{ curl: string; body: Record<string, unknown> }>(
      'tasks.previewRequest',
      {
        kind: 'controlnet',
        params: controlNetSettings,
        source: { type: 'cached', cacheKey: source },
        controlImages: [{ type: 'cached', cacheKey: source }, null],
      },
    )
    expect(controlNet.curl).toContain(apiPaths.controlnet)
    expect(JSON.stringify(controlNet.body)).toContain('https://upload-on-submit.invalid/control-1.png')
  })

  it('previews a preprocessor: uploads the image, waits for the tool, keeps the map, removes the upload', async () => {
    const app = await open(await tempDir())
    // A picture with an edge, so the edge map is not blank.
    const half = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#ffffff' } })
      .composite([{ input: await solidImage(100, 100, '#000000'), left: 0, top: 0 }])
      .png()
      .toBuffer()
    const source = await app.importImage(half)
    const preview = await app.call<{ cacheKey: string; width: number; height: number }>(
      'tools.previewPreprocessor',
      { source: { type: 'cached', cacheKey: source }, preprocessor: 'depth' },
    )
    expect(preview).toMatchObject({ width: 200, height: 100 })
    // The simulator's depth map is a blurred greyscale: half black, half white on average.
    const map = await app.imageCache.read(preview.cacheKey, 'full')
    const mean = (await sharp(map).stats()).channels[0]?.mean ?? 0
    expect(mean).toBeGreaterThan(100)
    expect(mean).toBeLessThan(155)
    const submitted = app.simulator.requests
      .list()
      .find((request) => request.path === toolPath(toolRegistry.cntPreview.toolCode))
    const toolTaskId = (submitted?.body as { businessTaskId?: string } | undefined)?.businessTaskId ?? ''
    expect(app.simulator.inputs(toolTaskId).map((image) => [image.field, image.sha256])).toEqual([
      ['sourceImage', source],
    ])
    expect(app.host.uploaded).toHaveLength(1)
    expect(app.host.objects.size).toBe(0)
  })

  it('gives up on a preprocessor preview after its deadline, and still removes the upload', async () => {
    let now = 0
    const app = await open(await tempDir(), {
      // The tool never finishes in simulated time, and the preview's clock runs ahead of it.
      simulator: { clock: () => 0, timing: { queueMs: 1_000_000, msPerStep: 5 } },
      deps: {
        previewTimers: { now: () => now, sleep: async (ms) => void (now += ms) },
      },
    })
    const source = await app.importImage(await solidImage(64, 64, '#336699'))
    const answer = await app.dispatch(
      'tools.previewPreprocessor',
      { source: { type: 'cached', cacheKey: source }, preprocessor: 'depth' },
      ctx,
    )
    expect(answer).toMatchObject({ ok: false, error: { code: 'timeout' } })
    expect(now).toBeGreaterThanOrEqual(60_000)
    expect(app.host.objects.size).toBe(0)
  })
})

describe('images.import', () => {
  const tempDir = useTempDirs()
  const open = useImageTasks()

  it('caches PNG, JPEG and WebP and answers their type and size; refuses anything else', async () => {
    const app = await open(await tempDir())
    for (const format of ['png', 'jpeg', 'webp'] as const) {
      const bytes = await solidImage(120, 80, '#445566', format)
      const imported = await app.call<Record<string, unknown>>('images.import', {
        base64: bytes.toString('base64'),
      })
      expect(imported).toEqual({
        cacheKey: expect.stringMatching(/^[0-9a-f]{64}$/),
        type: format,
        width: 120,
        height: 80,
        bytes: bytes.length,
      })
      expect((await app.imageCache.read(imported.cacheKey as string, 'full')).equals(bytes)).toBe(true)
    }
    for (const garbage of [
      Buffer.from('<html>not an image</html>'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]),
    ]) {
      const refused = await app.dispatch('images.import', { base64: garbage.toString('base64') }, ctx)
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_request' } })
    }
  })
})
