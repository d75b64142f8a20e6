import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { Result, TaskRecord } from '#contract'
import { useLoopbackServers } from '../../support/loopback-server'
import { useTempDirs } from '../../support/temp-dir'
import { baseSettings, solidImage, useImageTasks, type ImageTasksApp } from './image-tasks-kit'

/*
 * Pasted image links whose local copy cannot be made here: what is sent, what is refused and why,
 * and what a re-run says once the link has stopped working.
 */
const ctx = { transport: 'in-process' } as const
const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

/**
 * Image links on 127.0.0.1: each path serves its bytes (404 once removed); `failNext` makes the
 * next GETs of a path answer a status first, as a server with a passing fault.
 */
function usePastedLinks() {
  const listen = useLoopbackServers()
  return async (files: Record<string, Buffer>) => {
    const faults = new Map<string, number[]>()
    const { origin } = await listen((req, res) => {
      const path = req.url ?? '/'
      const fault = req.method === 'GET' ? faults.get(path)?.shift() : undefined
      const bytes = files[path]
      if (fault !== undefined || !bytes) return void res.writeHead(fault ?? 404).end()
      res.writeHead(200, { 'content-type': 'image/png' }).end(req.method === 'HEAD' ? undefined : bytes)
    })
    return {
      url: (path: string) => `${origin}${path}`,
      failNext: (path: string, ...statuses: number[]) => faults.set(path, statuses),
      remove: (path: string) => delete files[path],
    }
  }
}

const logged = (app: ImageTasksApp, event: string) =>
  app.logger.lines
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.event === event)

const submit = (app: ImageTasksApp, request: Record<string, unknown>): Promise<Result<unknown>> =>
  app.dispatch('tasks.submit', { params: baseSettings, ...request }, ctx)

const taskIdOf = (result: Result<unknown>) => (result.ok ? (result.value as { taskId: string }).taskId : '')

describe('pasted links that cannot be copied here', () => {
  const tempDir = useTempDirs()
  const open = useImageTasks()
  const serve = usePastedLinks()

  it('refuses a link that answers the image is gone, saying so, before anything is sent', async () => {
    const app = await open(await tempDir())
    const links = await serve({})
    expect(
      await submit(app, { kind: 'image2image', source: { type: 'url', url: links.url('/gone.png') } }),
    ).toEqual({
      ok: false,
      error: {
        code: 'image_unavailable',
        message:
          'The source image is no longer available: its link answers HTTP 404 and no local copy was kept.',
        details: { role: 'source', origin: 'url', httpStatus: 404 },
      },
    })

    // A mask link that is refused after its source went up: the source's upload is taken back.
    links.failNext('/mask.png', 403)
    const refused = await submit(app, {
      kind: 'inpaint',
      source: { type: 'cached', cacheKey: await app.importImage(await solidImage(64, 64, '#336699')) },
      mask: { type: 'url', url: links.url('/mask.png') },
    })
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'image_unavailable', details: { role: 'mask', httpStatus: 403 } },
    })
    expect(app.host.uploaded).toHaveLength(1)
    await expect.poll(() => app.host.objects.size).toBe(0)
    expect(app.simulator.tasks.count()).toBe(0)
    expect(app.history.query({}).total).toBe(0)
  })

  it('sends a link it could not copy for another reason, recorded without a copy', async () => {
    const app = await open(await tempDir())
    const png = await solidImage(200, 100, '#123456')
    const links = await serve({ '/busy.png': png })
    links.failNext('/busy.png', 503)
    const answer = await submit(app, {
      kind: 'image2image',
      source: { type: 'url', url: links.url('/busy.png') },
    })
    const done = await app.finalOf(taskIdOf(answer))
    expect(done.status).toBe('succeeded')
    expect(done.inputs?.[0]).toMatchObject({
      origin: 'url',
      url: links.url('/busy.png'),
      cacheKey: null,
      sent: null,
    })
    // The service fetched the image itself.
    expect(app.simulator.inputs(done.id)[0]?.sha256).toBe(sha256Of(png))
    expect(logged(app, 'tasks.input_copy_failed')).toEqual([
      expect.objectContaining({ role: 'source', code: 'server' }),
    ])
  })

  it('sends such a mask unchecked beside a source sent as it is, but refuses it beside a resized one', async () => {
    const app = await open(await tempDir())
    const mask = await solidImage(120, 80, '#ffffff')
    const links = await serve({ '/mask.png': mask })
    links.failNext('/mask.png', 503)
    const answer = await submit(app, {
      kind: 'inpaint',
      source: { type: 'cached', cacheKey: await app.importImage(await solidImage(120, 80, '#884400')) },
      mask: { type: 'url', url: links.url('/mask.png') },
    })
    const done = await app.finalOf(taskIdOf(answer))
    expect(done.status).toBe('succeeded')
    expect(done.inputs?.[1]).toMatchObject({ role: 'mask', origin: 'url', cacheKey: null, sent: null })
    expect(app.simulator.inputs(done.id)[1]?.sha256).toBe(sha256Of(mask))
    expect(logged(app, 'tasks.mask_size_unchecked')).toHaveLength(1)

    // Its source goes resized: a mask that cannot be resized here cannot match it.
    links.failNext('/mask.png', 503)
    const uploadsBefore = app.host.uploaded.length
    expect(
      await submit(app, {
        kind: 'inpaint',
        source: { type: 'cached', cacheKey: await app.importImage(await solidImage(3000, 1000, '#884400')) },
        mask: { type: 'url', url: links.url('/mask.png') },
        options: { allowResize: true },
      }),
    ).toEqual({
      ok: false,
      error: {
        code: 'invalid_request',
        message:
          "The mask must be sent at its source's new size (2048×683), but it could not be downloaded here to resize it; add the mask as a file instead.",
        details: { field: 'mask', reason: 'mask_not_copied', width: 2048, height: 683 },
      },
    })
    expect(app.host.uploaded.length).toBe(uploadsBefore + 1)
    await expect.poll(() => app.host.objects.size).toBe(0)
  })

  it('says why a re-run cannot go once the pasted link has stopped working and no copy was kept', async () => {
    const app = await open(await tempDir())
    const links = await serve({ '/once.png': await solidImage(96, 96, '#446688') })
    links.failNext('/once.png', 503)
    app.simulator.setFaults({ quotaExceeded: { remaining: 1 } })
    const answer = await submit(app, {
      kind: 'image2image',
      source: { type: 'url', url: links.url('/once.png') },
    })
    const failed: TaskRecord = await app.finalOf(taskIdOf(answer))
    expect(failed).toMatchObject({ status: 'failed', inputs: [{ origin: 'url', cacheKey: null }] })
    links.remove('/once.png')
    const requestsBefore = app.simulator.requests.count()

    // Sent again from the history (a retry)…
    expect(await app.dispatch('tasks.retry', { taskId: failed.id }, ctx)).toEqual({
      ok: false,
      error: {
        code: 'image_unavailable',
        message:
          'The source image is no longer available: its pasted link stopped working, and it could not be downloaded when the task was first sent, so no copy was kept.',
        details: { role: 'source' },
      },
    })
    expect(app.history.get(failed.id)?.status).toBe('failed')
    // …or loaded into the workbench and generated again, which sends the link it has.
    const rerun = await submit(app, {
      kind: 'image2image',
      source: { type: 'url', url: failed.inputs?.[0]?.url },
    })
    expect(rerun).toMatchObject({
      ok: false,
      error: { code: 'image_unavailable', details: { role: 'source', httpStatus: 404 } },
    })
    expect(app.simulator.requests.count()).toBe(requestsBefore)
  })
})
