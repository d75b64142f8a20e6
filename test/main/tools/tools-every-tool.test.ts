import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import type { TaskRecord, ToolId } from '#contract'
import type { SimToolAnswer } from '../../../main/simulator/sim-tool-routes'
import { useTempDirs } from '../../support/temp-dir'
import { solidImage } from '../tasks/image-tasks-kit'
import { useToolsApp, type ToolsApp } from './tools-kit'

const tool = (record: TaskRecord) => {
  if (record.kind !== 'tool') throw new Error(`not a tool task: ${record.kind}`)
  return record
}

const url = (app: ToolsApp, cacheKey: string) => ({ type: 'cached', cacheKey }) as const

/** One request per documented tool (CNT preview has its own tests), with what its output must show. */
async function requests(app: ToolsApp) {
  const face = await app.importImage(await solidImage(200, 160, '#cc8866'))
  const group = await app.importImage(await solidImage(400, 200, '#446688'))
  const img = url(app, face)
  const target = url(app, group)
  return {
    flux: {
      body: { comfyTaskType: 'Flux1SchnellFP8', prompt: 'a fox', width: 256, height: 128 },
      images: {},
      size: [256, 128],
    },
    instantId: { body: { prompt: 'a portrait' }, images: { image: img }, size: [960, 960] },
    roop: { body: {}, images: { sourceUrl: img, targetUrl: target }, size: [400, 200] },
    roopV2: {
      body: { fidelityWeight: '0.5' },
      images: { sourceUrl: img, targetUrl: target },
      size: [400, 200],
    },
    faceFusion: {
      body: { faceIdx: 1 },
      images: { sourceUrl: [img, img], targetUrl: target },
      size: [400, 200],
    },
    imgExpand: {
      body: { imageCount: 1, verticalExpansionRatio: 1.5, horizontalExpansionRatio: 2 },
      images: { sourceImage: img },
      size: [400, 240],
    },
    faceDetection: { body: {}, images: { imageUrl: target }, output: 'faces' },
    promptExpand: {
      body: { sourcePrompt: 'a cat', mode: 1, sequencesNum: 4 },
      images: {},
      output: 'prompts',
    },
    interrogate: { body: { model: 'deepdanbooru' }, images: { image: img }, output: 'caption' },
    identifyStyle: { body: {}, images: { sourceImage: img }, output: 'style' },
  } as const satisfies Record<Exclude<ToolId, 'cntPreview'>, unknown>
}

describe('every documented tool through the simulator', () => {
  const tempDir = useTempDirs()
  const open = useToolsApp()

  it.each<SimToolAnswer>(['at-once', 'task-id'])(
    'gives each tool plausible output, answered %s',
    async (answer) => {
      const app = await open(await tempDir(), { simulator: { toolAnswer: answer } })
      for (const [toolId, request] of Object.entries(await requests(app))) {
        const { taskId } = await app.call<{ taskId: string }>('tools.submit', {
          toolId,
          body: request.body,
          images: request.images,
        })
        const done = tool(await app.finalOf(taskId))
        expect(done.status, `${toolId}: ${JSON.stringify(done.error)}`).toBe('succeeded')
        if ('size' in request) {
          const meta = await sharp(
            await app.imageCache.read(done.images[0]?.cacheKey ?? '', 'full'),
          ).metadata()
          expect([meta.width, meta.height], toolId).toEqual(request.size)
        } else if (request.output === 'prompts') {
          expect(done.toolOutput?.prompts).toHaveLength(4)
          expect(done.toolOutput?.prompts?.[0]).toContain('a cat')
        } else expect(done.toolOutput?.[request.output], toolId).toBeTruthy()
        const queried = app.simulator.requests.count({
          path: `/AIGCImgOpenServ/saas/tool/${done.toolCode}/queryTask`,
        })
        expect(queried > 0, toolId).toBe(answer === 'task-id')
      }
    },
  )

  it('finds tool tasks by their caption, expanded prompts and style, and exports them as JSON Lines and CSV', async () => {
    const dir = await tempDir()
    const app = await open(dir)
    const { taskId } = await app.call<{ taskId: string }>('tools.submit', {
      toolId: 'promptExpand',
      body: { sourcePrompt: 'lighthouse', mode: 0, sequencesNum: 2 },
    })
    await app.finalOf(taskId)
    const expanded = tool(app.history.get(taskId) as TaskRecord).toolOutput?.prompts ?? []
    // A word only the service's expansion holds, not the idea typed.
    const word = expanded[0]?.split(', ')[1]?.split(' ')[0] ?? '?'
    const found = await app.call<{ items: TaskRecord[] }>('history.list', { text: word, kind: ['tool'] })
    expect(found.items.map((item) => item.id)).toEqual([taskId])
    const byIdea = await app.call<{ items: TaskRecord[] }>('history.list', { text: 'lighthouse' })
    expect(byIdea.items.map((item) => item.id)).toEqual([taskId])
    for (const format of ['jsonl', 'csv'] as const) {
      const path = join(dir, `export.${format}`)
      await app.history.exportRecords([taskId], format, { path })
      const text = await readFile(path, 'utf8')
      expect(text).toContain('prompts/expand')
      expect(text).toContain(expanded[0]?.split(',')[0] ?? 'lighthouse')
    }
  })

  it('fails with the service’s words when a tool task fails, and sends it again with the same id', async () => {
    const app = await open(await tempDir(), {
      simulator: { toolAnswer: 'task-id', faults: { taskFailure: { remaining: 1 } } },
    })
    const { taskId } = await app.call<{ taskId: string }>('tools.submit', {
      toolId: 'flux',
      body: { comfyTaskType: 'Flux1DevFP8', prompt: 'x', width: 64, height: 64 },
    })
    const failed = await app.finalOf(taskId)
    expect(failed.status).toBe('failed')
    expect(failed.error?.message).toContain('任务失败')
    await app.tools.retry(taskId)
    // The simulator already has this id: it answers the same (failed) run, never a second one.
    expect((await app.finalOf(taskId)).status).toBe('failed')
    expect(app.simulator.requests.count({ path: '/AIGCImgOpenServ/saas/tool/comfyui/text2image' })).toBe(2)
  })

  it('reconciles a submit whose answer was lost through the tool’s queryTask: exactly one task', async () => {
    const app = await open(await tempDir(), {
      simulator: { toolAnswer: 'task-id', faults: { resetAfterSubmit: { remaining: 1 } } },
    })
    const { taskId } = await app.call<{ taskId: string }>('tools.submit', {
      toolId: 'promptExpand',
      body: { sourcePrompt: 'a boat', mode: 0 },
    })
    expect((await app.finalOf(taskId)).status).toBe('succeeded')
    expect(app.simulator.requests.count({ path: '/AIGCImgOpenServ/saas/tool/prompts/expand' })).toBe(1)
  })

  it('never stores the profile’s secret when the service echoes it in a caption or a message', async () => {
    const canary = `CANARY${crypto.randomUUID().replaceAll('-', '')}`
    const dir = await tempDir()
    const app = await open(dir, {
      keys: { accessKeyId: 'openapi-canary0000000001', accessKeySecret: canary },
      simulator: { toolEcho: canary, toolAnswer: 'task-id' },
    })
    const image = await app.importImage(await solidImage(64, 64, '#123456'))
    const { taskId } = await app.call<{ taskId: string }>('tools.submit', {
      toolId: 'interrogate',
      images: { image: { type: 'cached', cacheKey: image } },
    })
    const done = tool(await app.finalOf(taskId))
    expect(done.toolOutput?.caption).toContain('[redacted]')
    expect(JSON.stringify(done)).not.toContain(canary)
    app.history.close()
    const files = await readdir(dir, { recursive: true })
    for (const file of files) {
      const bytes = await readFile(join(dir, file)).catch(() => null)
      if (bytes) expect(bytes.includes(canary), file).toBe(false)
    }
  })
})
