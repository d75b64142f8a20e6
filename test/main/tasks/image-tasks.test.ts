import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { readPngText } from '../../../main/services/images/png-metadata'
import { inputImageLimits } from '../../../main/services/tasks/input-limits'
import { useTempDirs } from '../../support/temp-dir'
import { baseSettings, solidImage, useImageTasks, type ImageTasksApp } from './image-tasks-kit'
import { sd } from '../sd-task'

const pixels = async (bytes: Buffer) => sharp(bytes).raw().toBuffer()

const submit = (app: ImageTasksApp, request: Record<string, unknown>) =>
  app.call<{ taskId: string }>('tasks.submit', { params: baseSettings, ...request })

describe('img2img and inpaint tasks with local source images', () => {
  const tempDir = useTempDirs()
  const open = useImageTasks()

  it('uploads a cached source, sends its link, keeps the copy, and deletes the upload once the task ends', async () => {
    const app = await open(await tempDir())
    const red = await app.importImage(await solidImage(320, 240, '#cc2200'))
    const { taskId } = await submit(app, { kind: 'image2image', source: { type: 'cached', cacheKey: red } })

    const done = await app.finalOf(taskId)
    expect(done.status).toBe('succeeded')
    const input = done.inputs?.[0]
    expect(input).toMatchObject({
      role: 'source',
      origin: 'upload',
      cacheKey: red,
      keepUpload: false,
      sent: { width: 320, height: 240 },
      resizedFrom: null,
    })
    // The record holds exactly the link that was sent, and the service fetched that object.
    expect(sd(done).params.alwayson_scripts).toMatchObject({ image_link: input?.url })
    const objectPath = new URL(input?.url ?? '').pathname
    expect(app.host.fetched).toContain(objectPath)
    expect(app.simulator.inputs(taskId).map((arrived) => [arrived.field, arrived.sha256])).toEqual([
      ['image_link', red],
    ])
    // Ended: the object left the storage and the record says so.
    await expect.poll(() => app.host.objects.size).toBe(0)
    await expect.poll(() => app.history.get(taskId)?.inputs?.[0]?.storageObject).toBeNull()

    // The result follows from the source that arrived: the same source paints the same picture.
    const again = await submit(app, { kind: 'image2image', source: { type: 'cached', cacheKey: red } })
    const blue = await app.importImage(await solidImage(320, 240, '#0033cc'))
    const other = await submit(app, { kind: 'image2image', source: { type: 'cached', cacheKey: blue } })
    const first = await pixels(await app.resultBytes(done))
    expect(first.equals(await pixels(await app.resultBytes(await app.finalOf(again.taskId))))).toBe(true)
    expect(first.equals(await pixels(await app.resultBytes(await app.finalOf(other.taskId))))).toBe(false)
  })

  it('inpaints with a source and a mask of its size; the result PNG carries the inpaint infotext', async () => {
    const app = await open(await tempDir())
    const source = await app.importImage(await solidImage(300, 200, '#446688'))
    const mask = await app.importImage(await solidImage(300, 200, '#ffffff'))
    const { taskId } = await submit(app, {
      kind: 'inpaint',
      params: { ...baseSettings, mask_blur: 8, inpaint_full_res: true, denoising_strength: 0.6 },
      source: { type: 'cached', cacheKey: source },
      mask: { type: 'cached', cacheKey: mask },
    })
    const done = await app.finalOf(taskId)
    expect(done.status).toBe('succeeded')
    expect(done.inputs?.map((input) => input.role)).toEqual(['source', 'mask'])
    const [sourceInput, maskInput] = done.inputs ?? []
    expect(sd(done).params.alwayson_scripts).toMatchObject({
      image_link: sourceInput?.url,
      mask_link: maskInput?.url,
    })
    expect(app.simulator.inputs(taskId).map((arrived) => [arrived.field, arrived.sha256])).toEqual([
      ['image_link', source],
      ['mask_link', mask],
    ])
    const text = readPngText(await app.resultBytes(done)).find(
      (entry) => entry.keyword === 'parameters',
    )?.text
    expect(text).toContain('Denoising strength: 0.6')
    expect(text).toContain('Mask blur: 8')
    expect(text).toContain('Inpaint area: Only masked, Masked area padding: 32')
  })

  it('refuses a mask that is not the size of its source, and leaves nothing uploaded or recorded', async () => {
    const app = await open(await tempDir())
    const source = await app.importImage(await solidImage(300, 200, '#446688'))
    const mask = await app.importImage(await solidImage(200, 200, '#ffffff'))
    const refused = await app.dispatch(
      'tasks.submit',
      {
        kind: 'inpaint',
        params: baseSettings,
        source: { type: 'cached', cacheKey: source },
        mask: { type: 'cached', cacheKey: mask },
      },
      { transport: 'in-process' },
    )
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_request',
        details: { field: 'mask', width: 200, height: 200, sourceWidth: 300, sourceHeight: 200 },
      },
    })
    expect(app.host.uploaded).toHaveLength(1)
    expect(app.host.objects.size).toBe(0)
    expect(app.history.query({}).total).toBe(0)
    expect(app.simulator.tasks.count()).toBe(0)
  })

  it('refuses an image over the limits unless resizing is allowed, then records what was sent', async () => {
    const app = await open(await tempDir())
    const big = await app.importImage(await solidImage(3000, 1000, '#208040'))
    const bigMask = await app.importImage(await solidImage(3000, 1000, '#ffffff'))
    const request = {
      kind: 'inpaint',
      source: { type: 'cached', cacheKey: big },
      mask: { type: 'cached', cacheKey: bigMask },
    }
    const refused = await app.dispatch(
      'tasks.submit',
      { ...request, params: baseSettings },
      { transport: 'in-process' },
    )
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'image_too_large',
        details: {
          role: 'source',
          width: 3000,
          height: 1000,
          maxSide: inputImageLimits.maxSide,
          maxBytes: inputImageLimits.maxBytes,
        },
      },
    })
    expect(app.host.uploaded).toHaveLength(0)

    const { taskId } = await submit(app, { ...request, options: { allowResize: true } })
    const done = await app.finalOf(taskId)
    expect(done.status).toBe('succeeded')
    const [source, mask] = done.inputs ?? []
    expect(source).toMatchObject({
      sent: { width: 2048, height: 683 },
      resizedFrom: { width: 3000, height: 1000 },
    })
    // The mask follows its source exactly and stays a lossless PNG.
    expect(mask).toMatchObject({
      sent: { width: 2048, height: 683 },
      resizedFrom: { width: 3000, height: 1000 },
    })
    const maskCopy = await app.imageCache.read(mask?.cacheKey ?? '', 'full')
    expect(await sharp(maskCopy).metadata()).toMatchObject({ format: 'png', width: 2048, height: 683 })
    expect(source?.cacheKey).not.toBe(big)
    // What reached the service is exactly the resized copies the history keeps.
    const arrived = app.simulator.inputs(taskId)
    expect(arrived.map((image) => image.sha256)).toEqual([source?.cacheKey, mask?.cacheKey])
    expect(await sharp(arrived[1]?.bytes).metadata()).toMatchObject({
      format: 'png',
      width: 2048,
      height: 683,
    })
  })

  it('keeps the uploads when asked to', async () => {
    const app = await open(await tempDir())
    const source = await app.importImage(await solidImage(64, 64, '#aa00aa'))
    const { taskId } = await submit(app, {
      kind: 'image2image',
      source: { type: 'cached', cacheKey: source },
      options: { keepUploads: true },
    })
    const done = await app.finalOf(taskId)
    expect(done.inputs?.[0]).toMatchObject({ keepUpload: true, storageObject: { bucket: 'bkt' } })
    expect([...app.host.objects.keys()]).toEqual([done.inputs?.[0]?.storageObject?.key])
  })

  it('explains that a profile without storage cannot send a local image, and records nothing', async () => {
    const app = await open(await tempDir(), { host: { profiles: [] } })
    const source = await app.importImage(await solidImage(64, 64, '#aa00aa'))
    const refused = await app.dispatch(
      'tasks.submit',
      { kind: 'image2image', params: baseSettings, source: { type: 'cached', cacheKey: source } },
      { transport: 'in-process' },
    )
    expect(refused).toMatchObject({ ok: false, error: { code: 'image_storage_needed' } })
    expect(app.history.query({}).total).toBe(0)
  })

  it('answers image_unavailable for a cached image that is gone', async () => {
    const app = await open(await tempDir())
    const refused = await app.dispatch(
      'tasks.submit',
      { kind: 'image2image', params: baseSettings, source: { type: 'cached', cacheKey: 'a'.repeat(64) } },
      { transport: 'in-process' },
    )
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'image_unavailable', details: { role: 'source' } },
    })
  })
})
