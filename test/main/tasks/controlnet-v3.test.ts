import { describe, expect, it } from 'vitest'
import { v3ExternalParameters } from '../../../main/services/api/api-guesses'
import { apiPaths } from '../../../main/services/api/api-paths'
import { useTempDirs } from '../../support/temp-dir'
import { baseSettings, solidImage, useImageTasks, type ImageTasksApp } from './image-tasks-kit'

/** Two units (the second without its own image) and one ADetailer unit, through text2image v3. */
const v3Settings = {
  ...baseSettings,
  resize_mode: 2,
  alwayson_scripts: {
    ...baseSettings.alwayson_scripts,
    ADetailer: { args: [{ ad_model: 'face_yolov8n.pt' }] },
    controlnet: {
      args: [
        { control_type: 'OpenPose', module: 'openpose', weight: 0.8 },
        { control_type: 'depth', module: 'depth' },
      ],
    },
  },
}

type Body = Record<string, unknown>

/** The bodies the simulator received on a path, oldest first. */
const bodiesAt = (app: ImageTasksApp, path: string): Body[] =>
  app.simulator.requests
    .list()
    .filter((request) => request.path === path)
    .map((request) => request.body as Body)

const externalOf = (body: Body | undefined) =>
  body?.[v3ExternalParameters.field] as
    { controlnet?: { args: Body[] }; ADetailer?: { args: Body[] } } | undefined

describe('ControlNet tasks through text2image v3', () => {
  const tempDir = useTempDirs()
  const open = useImageTasks()

  async function submitV3(app: ImageTasksApp) {
    const base = await app.importImage(await solidImage(256, 256, '#336699'))
    const pose = await app.importImage(await solidImage(256, 256, '#000000'))
    const { taskId } = await app.call<{ taskId: string }>('tasks.submit', {
      kind: 'controlnet',
      endpoint: 'text2image-v3',
      params: v3Settings,
      source: { type: 'cached', cacheKey: base },
      controlImages: [{ type: 'cached', cacheKey: pose }, null],
    })
    return { taskId, base, pose }
  }

  it('sends the units with their uploaded images and ADetailer in saasDrawingExternalImageParameterBO', async () => {
    const app = await open(await tempDir())
    const { taskId, base, pose } = await submitV3(app)
    const done = await app.finalOf(taskId)
    expect(done).toMatchObject({ status: 'succeeded', endpoint: 'text2image-v3' })
    expect(done.images.length).toBeGreaterThan(0)

    // Each unit's image reached the service; v3 has no base image field, so only the units fetch.
    const arrived = app.simulator.inputs(taskId).map((image) => [image.field, image.sha256])
    expect(arrived).toEqual([
      ['controlnet.args[0].image_link', pose],
      ['controlnet.args[1].image_link', base],
    ])
    expect(bodiesAt(app, apiPaths.controlnet)).toEqual([])
    const [body] = bodiesAt(app, apiPaths.text2imageV3)
    expect(body).toMatchObject({ businessTaskId: taskId, prompt: baseSettings.prompt })
    expect(body).not.toHaveProperty('resize_mode')
    expect(body).not.toHaveProperty('alwayson_scripts')
    const links =
      done.kind === 'controlnet'
        ? done.params.alwayson_scripts.controlnet.args.map((unit) => unit.image_link)
        : []
    expect(links).toHaveLength(2)
    const external = externalOf(body)
    expect(external?.controlnet?.args).toEqual([
      expect.objectContaining({
        control_type: 'OpenPose',
        module: 'openpose',
        weight: 0.8,
        image_link: links[0],
      }),
      expect.objectContaining({ control_type: 'depth', module: 'depth', image_link: links[1] }),
    ])
    expect(external?.ADetailer?.args).toEqual([expect.objectContaining({ ad_model: 'face_yolov8n.pt' })])
    await expect.poll(() => app.host.objects.size).toBe(0)
  })

  it('uploads no base image when every unit has its own, since v3 would never send it', async () => {
    const app = await open(await tempDir())
    const base = await app.importImage(await solidImage(256, 256, '#336699'))
    const pose = await app.importImage(await solidImage(256, 256, '#000000'))
    const depth = await app.importImage(await solidImage(256, 256, '#ffffff'))
    const { taskId } = await app.call<{ taskId: string }>('tasks.submit', {
      kind: 'controlnet',
      endpoint: 'text2image-v3',
      params: v3Settings,
      source: { type: 'cached', cacheKey: base },
      controlImages: [
        { type: 'cached', cacheKey: pose },
        { type: 'cached', cacheKey: depth },
      ],
    })
    const done = await app.finalOf(taskId)
    expect(done.status).toBe('succeeded')
    expect(done.inputs?.map((input) => input.role)).toEqual(['control', 'control'])
    expect(app.host.uploaded).toHaveLength(2)
  })

  it('refuses a v3 request over §2 bounds before uploading anything, naming the field', async () => {
    const app = await open(await tempDir())
    const pose = await app.importImage(await solidImage(256, 256, '#000000'))
    const request = (endpoint: string) => ({
      kind: 'controlnet',
      endpoint,
      params: { ...v3Settings, width: 1536 },
      controlImages: [
        { type: 'cached', cacheKey: pose },
        { type: 'cached', cacheKey: pose },
      ],
    })
    const issue = { path: 'params.width', message: 'Text-to-image v3 takes a width of 128–1024 px.' }
    for (const procedure of ['tasks.submit', 'tasks.previewRequest'])
      await expect(app.call(procedure, request('text2image-v3'))).rejects.toMatchObject({
        code: 'invalid_request',
        details: { issues: [issue] },
      })
    expect(app.host.uploaded).toHaveLength(0)
    expect(app.simulator.requests.count()).toBe(0)
    // ControlNet v2 documents no such bound.
    const v2 = await app.call<{ body: Body }>('tasks.previewRequest', request('controlnet-v2'))
    expect(v2.body).toMatchObject({ width: 1536 })
  })

  it('previews the v3 body with its path, and a v2 request still goes to ControlNet v2', async () => {
    const app = await open(await tempDir())
    const request = {
      kind: 'controlnet',
      params: v3Settings,
      controlImages: [
        { type: 'url', url: 'https://example.com/pose.png' },
        { type: 'url', url: 'https://example.com/depth.png' },
      ],
    }
    const v3 = await app.call<{ curl: string; body: Body }>('tasks.previewRequest', {
      ...request,
      endpoint: 'text2image-v3',
    })
    expect(v3.curl).toContain(apiPaths.text2imageV3)
    expect(v3.body).toMatchObject({ baseModelCode: baseSettings.alwayson_scripts.sd_model_checkpoint })
    expect(externalOf(v3.body)?.controlnet?.args.map((unit) => unit.image_link)).toEqual([
      'https://example.com/pose.png',
      'https://example.com/depth.png',
    ])
    const v2 = await app.call<{ curl: string; body: Body }>('tasks.previewRequest', request)
    expect(v2.curl).toContain(apiPaths.controlnet)
    expect(v2.body).toMatchObject({ resize_mode: 2 })
    expect(v2.body).not.toHaveProperty(v3ExternalParameters.field)
  })

  it('retries a failed v3 task through v3 again, with the same id', async () => {
    const app = await open(await tempDir())
    app.simulator.setFaults({ quotaExceeded: { remaining: 1 } })
    const { taskId, pose } = await submitV3(app)
    expect(await app.finalOf(taskId)).toMatchObject({ status: 'failed', error: { code: 'quota' } })

    expect(await app.call('tasks.retry', { taskId })).toEqual({ taskId })
    const retried = await app.finalOf(taskId)
    expect(retried).toMatchObject({ status: 'succeeded', endpoint: 'text2image-v3' })
    expect(bodiesAt(app, apiPaths.text2imageV3).map((body) => body.businessTaskId)).toEqual([taskId, taskId])
    expect(bodiesAt(app, apiPaths.controlnet)).toEqual([])
    expect(app.simulator.inputs(taskId).map((image) => image.sha256)).toContain(pose)
  })
})
