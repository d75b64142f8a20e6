import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import type { TaskRecord } from '#contract'
import { useTempDirs } from '../../support/temp-dir'
import { solidImage } from '../tasks/image-tasks-kit'
import { useToolsApp } from './tools-kit'

const tool = (record: TaskRecord) => {
  if (record.kind !== 'tool') throw new Error(`not a tool task: ${record.kind}`)
  return record
}

describe('tools.submit through the dispatcher, against the simulator', () => {
  const tempDir = useTempDirs()
  const open = useToolsApp()

  it('runs Flux at the requested size: recorded before sending, the image kept in the cache', async () => {
    const app = await open(await tempDir())
    const { taskId } = await app.call<{ taskId: string }>('tools.submit', {
      toolId: 'flux',
      body: { comfyTaskType: 'Flux1DevFP8', prompt: 'a red fox in snow', width: 320, height: 192 },
    })
    // The intent record exists as soon as the id is answered.
    expect(app.history.get(taskId)).toMatchObject({
      kind: 'tool',
      toolId: 'flux',
      toolCode: 'comfyui/text2image',
    })
    const done = tool(await app.finalOf(taskId))
    expect(done.status).toBe('succeeded')
    expect(done.params).toEqual({
      comfyTaskType: 'Flux1DevFP8',
      prompt: 'a red fox in snow',
      width: 320,
      height: 192,
    })
    const key = done.images[0]?.cacheKey ?? ''
    const meta = await sharp(await app.imageCache.read(key, 'full')).metadata()
    expect([meta.width, meta.height]).toEqual([320, 192])
    expect(done.toolOutput?.images).toEqual([done.images[0]?.url])
    // The body the service received: ours, with the id we chose.
    const sent = app.simulator.requests.list().find((r) => r.path.endsWith('/tool/comfyui/text2image'))
    expect(sent?.body).toMatchObject({ businessTaskId: taskId, prompt: 'a red fox in snow' })
  })

  it('uploads a local image for face detection, numbers the faces left to right, and polls queryTask', async () => {
    const app = await open(await tempDir())
    const image = await app.importImage(await solidImage(300, 200, '#aa7755'))
    const { taskId } = await app.call<{ taskId: string }>('tools.submit', {
      toolId: 'faceDetection',
      images: { imageUrl: { type: 'cached', cacheKey: image } },
    })
    const done = tool(await app.finalOf(taskId))
    expect(done.status).toBe('succeeded')
    const faces = done.toolOutput?.faces ?? []
    expect(faces.length).toBeGreaterThan(0)
    expect(faces.map((face) => face.x)).toEqual([...faces.map((face) => face.x)].sort((a, b) => a - b))
    expect(done.inputs?.[0]).toMatchObject({ origin: 'upload', cacheKey: image })
    expect(
      app.simulator.requests.count({ path: '/AIGCImgOpenServ/saas/tool/face/detection/queryTask' }),
    ).toBeGreaterThan(0)
    expect(app.simulator.inputs(taskId).map((input) => input.field)).toEqual(['imageUrl'])
  })

  it('refuses a field out of range, naming it and its range, before anything is uploaded or recorded', async () => {
    const app = await open(await tempDir())
    const result = await app.dispatch(
      'tools.submit',
      {
        toolId: 'imgExpand',
        body: { imageCount: 1, verticalExpansionRatio: 9, horizontalExpansionRatio: 1.5 },
        images: { sourceImage: { type: 'url', url: 'https://example.com/a.png' } },
      },
      { transport: 'in-process' },
    )
    expect(result.ok).toBe(false)
    expect(JSON.stringify(result)).toContain('verticalExpansionRatio')
    const unknown = await app.dispatch(
      'tools.submit',
      { toolId: 'flux', body: { prompt: 'x', comfyTaskType: 'Flux1DevFP8', stepz: 3 } },
      { transport: 'in-process' },
    )
    expect(JSON.stringify(unknown)).toContain('stepz')
    expect(app.history.query({ limit: 10 }).total).toBe(0)
  })
})
