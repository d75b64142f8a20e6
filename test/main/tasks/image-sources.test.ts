import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { text2ImageParamsSchema, type TaskRecord } from '#contract'
import { useSourceImageServers } from '../simulator/source-image-server'
import { useTempDirs } from '../../support/temp-dir'
import { baseSettings, solidImage, useImageTasks, type ImageTasksApp } from './image-tasks-kit'
import { sd } from '../sd-task'

const ctx = { transport: 'in-process' } as const

const submit = (app: ImageTasksApp, request: Record<string, unknown>) =>
  app.call<{ taskId: string }>('tasks.submit', { params: baseSettings, ...request })

/** A finished task of the demo profile whose one result is served at `url` and kept as `cacheKey`. */
function earlierTask(id: string, url: string, cacheKey: string): TaskRecord {
  const now = Date.now()
  return {
    id,
    kind: 'text2image',
    profileId: 'demo',
    profileName: 'Demo',
    params: text2ImageParamsSchema.parse({ ...baseSettings, enable_hr: true, hr_scale: 2 }),
    status: 'succeeded',
    description: null,
    createdAt: now,
    updatedAt: now,
    finishedAt: now,
    error: null,
    images: [{ url, seed: 42, status: 2, auditPassed: true, auditLabels: [], cacheKey }],
  }
}

describe('input images from pasted URLs and earlier results; retries', () => {
  const tempDir = useTempDirs()
  const open = useImageTasks()
  const serve = useSourceImageServers()

  it('sends a pasted URL as it is and keeps a local copy for re-runs', async () => {
    const app = await open(await tempDir())
    const png = await solidImage(200, 100, '#123456')
    const files = await serve({ '/pasted.png': png })
    const { taskId } = await submit(app, {
      kind: 'image2image',
      source: { type: 'url', url: files.url('/pasted.png') },
    })
    const done = await app.finalOf(taskId)
    expect(done.status).toBe('succeeded')
    expect(done.inputs?.[0]).toMatchObject({
      origin: 'url',
      url: files.url('/pasted.png'),
      storageObject: null,
      sent: { width: 200, height: 100, bytes: png.length },
    })
    expect(sd(done).params.alwayson_scripts).toMatchObject({ image_link: files.url('/pasted.png') })
    expect((await app.imageCache.read(done.inputs?.[0]?.cacheKey ?? '', 'full')).equals(png)).toBe(true)
    // Fetched twice: once here for the copy, once by the service. Nothing was uploaded.
    expect(files.requested).toEqual(['/pasted.png', '/pasted.png'])
    expect(app.host.uploaded).toEqual([])
  })

  it("takes an earlier result's link while it answers, and releases nothing it did not upload", async () => {
    const app = await open(await tempDir())
    const first = await app.finalOf((await submit(app, { kind: 'text2image' })).taskId)
    const resultUrl = first.images[0]?.url
    const { taskId } = await submit(app, {
      kind: 'image2image',
      source: { type: 'result', taskId: first.id, index: 0 },
    })
    const done = await app.finalOf(taskId)
    expect(done.status).toBe('succeeded')
    const copy = await sharp(await app.resultBytes(first)).metadata()
    expect(done.inputs?.[0]).toMatchObject({
      origin: 'result',
      url: resultUrl,
      cacheKey: first.images[0]?.cacheKey,
      storageObject: null,
      sent: { width: copy.width, height: copy.height },
    })
    expect(app.host.uploaded).toEqual([])
  })

  it("uploads the earlier result's kept copy when its link has expired", async () => {
    const app = await open(await tempDir())
    const first = await app.finalOf((await submit(app, { kind: 'text2image' })).taskId)
    app.simulator.expireResultLinks()
    const { taskId } = await submit(app, {
      kind: 'image2image',
      source: { type: 'result', taskId: first.id, index: 0 },
    })
    const done = await app.finalOf(taskId)
    expect(done.status).toBe('succeeded')
    expect(done.inputs?.[0]).toMatchObject({ origin: 'upload', cacheKey: first.images[0]?.cacheKey })
    expect(done.inputs?.[0]?.url).not.toBe(first.images[0]?.url)
    // The bytes that arrived are the kept copy's.
    expect(app.simulator.inputs(taskId)[0]?.sha256).toBe(first.images[0]?.cacheKey)
    await expect.poll(() => app.host.objects.size).toBe(0)
  })

  it('answers image_unavailable for an expired result without a kept copy', async () => {
    const app = await open(await tempDir())
    const first = await app.finalOf((await submit(app, { kind: 'text2image' })).taskId)
    const image = first.images[0]
    if (!image) throw new Error('no result')
    app.history.update(first.id, { images: [{ ...image, cacheKey: null }] })
    app.simulator.expireResultLinks()
    const refused = await app.dispatch(
      'tasks.submit',
      { kind: 'image2image', params: baseSettings, source: { type: 'result', taskId: first.id, index: 0 } },
      ctx,
    )
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'image_unavailable', details: { role: 'source' } },
    })
  })

  it('answers image_unavailable for a result that is not in the history', async () => {
    const app = await open(await tempDir())
    const refused = await app.dispatch(
      'tasks.submit',
      { kind: 'image2image', params: baseSettings, source: { type: 'result', taskId: 'nope', index: 0 } },
      ctx,
    )
    expect(refused).toMatchObject({ ok: false, error: { code: 'image_unavailable' } })
  })

  it('retries a refused task with the same id, uploading the local copy again once the old link is gone', async () => {
    const app = await open(await tempDir())
    app.simulator.setFaults({ quotaExceeded: { remaining: 1 } })
    const source = await app.importImage(await solidImage(128, 128, '#884400'))
    const { taskId } = await submit(app, {
      kind: 'image2image',
      source: { type: 'cached', cacheKey: source },
    })
    const failed = await app.finalOf(taskId)
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'quota' } })
    // The failed task ended: its upload is gone, so its link no longer answers.
    await expect.poll(() => app.history.get(taskId)?.inputs?.[0]?.storageObject).toBeNull()
    const oldLink = failed.inputs?.[0]?.url

    expect(await app.call('tasks.retry', { taskId })).toEqual({ taskId })
    const retried = await app.finalOf(taskId)
    expect(retried.status).toBe('succeeded')
    const link = retried.inputs?.[0]?.url
    expect(link).not.toBe(oldLink)
    expect(sd(retried).params.alwayson_scripts).toMatchObject({ image_link: link })
    expect(retried.inputs?.[0]).toMatchObject({ origin: 'upload', cacheKey: source })
    expect(app.host.fetched).toContain(new URL(link ?? '').pathname)
    expect(app.simulator.tasks.list().map((task) => task.taskId)).toEqual([taskId])
    await expect.poll(() => app.host.objects.size).toBe(0)
  })

  it('on retry keeps links that still answer and replaces expired ones', async () => {
    const app = await open(await tempDir())
    app.simulator.setFaults({ quotaExceeded: { remaining: 1 } })
    const source = await app.importImage(await solidImage(128, 128, '#884400'))
    const mask = await app.importImage(await solidImage(128, 128, '#ffffff'))
    const { taskId } = await submit(app, {
      kind: 'inpaint',
      source: { type: 'cached', cacheKey: source },
      mask: { type: 'cached', cacheKey: mask },
      options: { keepUploads: true },
    })
    const failed = await app.finalOf(taskId)
    expect(failed.status).toBe('failed')
    app.host.expireLinks()

    await app.call('tasks.retry', { taskId })
    const retried = await app.finalOf(taskId)
    expect(retried.status).toBe('succeeded')
    const [before, after] = [failed.inputs ?? [], retried.inputs ?? []]
    expect(after.map((input) => input.url)).not.toContain(before[0]?.url)
    expect(after.map((input) => input.url)).not.toContain(before[1]?.url)
    expect(after.every((input) => input.keepUpload && input.storageObject !== null)).toBe(true)
    // Same bytes, same objects: the uploads were kept, the links renewed.
    expect(app.host.objects.size).toBe(2)
  })

  it('on retry resizes an expired result over the limits when the submit allowed resizing, and only then', async () => {
    const app = await open(await tempDir())
    const hires = await solidImage(3000, 1000, '#406080')
    const files: Record<string, Buffer> = { '/hires.png': hires }
    const served = await serve(files)
    app.history.insert(earlierTask('hires', served.url('/hires.png'), await app.importImage(hires)))
    app.simulator.setFaults({ quotaExceeded: { remaining: 2 } })
    const source = { type: 'result', taskId: 'hires', index: 0 }
    const mask = { type: 'cached', cacheKey: await app.importImage(await solidImage(3000, 1000, '#ffffff')) }
    // Kept, so the mask's link still answers on retry: it is sent again all the same, at its source's new size.
    const allowed = await submit(app, {
      kind: 'inpaint',
      source,
      mask,
      options: { allowResize: true, keepUploads: true },
    })
    const refused = await submit(app, { kind: 'image2image', source })
    // The service's own result went by its link, as it was.
    const failed = await app.finalOf(allowed.taskId)
    expect(failed).toMatchObject({ status: 'failed', allowResize: true })
    expect(failed.inputs?.[0]).toMatchObject({ origin: 'result', sent: { width: 3000, height: 1000 } })
    expect(failed.inputs?.[1]).toMatchObject({ role: 'mask', sent: { width: 3000, height: 1000 } })
    expect(await app.finalOf(refused.taskId)).toMatchObject({ status: 'failed', allowResize: false })
    delete files['/hires.png']

    await app.call('tasks.retry', { taskId: allowed.taskId })
    const retried = await app.finalOf(allowed.taskId)
    expect(retried.status).toBe('succeeded')
    const resized = { sent: { width: 2048, height: 683 }, resizedFrom: { width: 3000, height: 1000 } }
    expect(retried.inputs).toMatchObject([
      { role: 'source', origin: 'upload', ...resized },
      { role: 'mask', origin: 'upload', ...resized },
    ])
    expect(retried.inputs?.[1]?.url).not.toBe(failed.inputs?.[1]?.url)
    const arrived = app.simulator.inputs(allowed.taskId).slice(-2)
    expect(arrived.map((image) => image.sha256)).toEqual(retried.inputs?.map((input) => input.cacheKey))
    for (const image of arrived)
      expect(await sharp(image.bytes).metadata()).toMatchObject({ width: 2048, height: 683 })

    const again = await app.dispatch('tasks.retry', { taskId: refused.taskId }, ctx)
    expect(again).toMatchObject({
      ok: false,
      error: { code: 'image_too_large', details: { role: 'source', width: 3000, height: 1000 } },
    })
    expect(app.history.get(refused.taskId)?.status).toBe('failed')
  })
})
