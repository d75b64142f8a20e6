import { describe, expect, it } from 'vitest'
import { readToolAnswer, readToolData, toolPath, toolQueryPath, toolRegistry, type ToolId } from '#contract'

/** §13 of the API contract, copied: each tool's path and its required body fields (businessTaskId aside). */
const documented: Record<ToolId, { path: string; required: string[] }> = {
  flux: { path: '/AIGCImgOpenServ/saas/tool/comfyui/text2image', required: ['comfyTaskType', 'prompt'] },
  roop: { path: '/AIGCImgOpenServ/saas/tool/roop', required: ['sourceUrl', 'targetUrl'] },
  roopV2: { path: '/AIGCImgOpenServ/saas/tool/v2/roop', required: ['sourceUrl', 'targetUrl'] },
  faceFusion: { path: '/AIGCImgOpenServ/saas/tool/face/fusion', required: ['sourceUrl', 'targetUrl'] },
  faceDetection: { path: '/AIGCImgOpenServ/saas/tool/face/detection', required: ['imageUrl'] },
  instantId: { path: '/AIGCImgOpenServ/saas/tool/instantID', required: ['image', 'prompt'] },
  promptExpand: { path: '/AIGCImgOpenServ/saas/tool/prompts/expand', required: ['sourcePrompt', 'mode'] },
  interrogate: { path: '/AIGCImgOpenServ/saas/tool/interrogate', required: ['image'] },
  identifyStyle: { path: '/AIGCImgOpenServ/saas/tool/identifyStyle', required: ['sourceImage'] },
  imgExpand: {
    path: '/AIGCImgOpenServ/saas/tool/imgExpand',
    required: ['sourceImage', 'imageCount', 'verticalExpansionRatio', 'horizontalExpansionRatio'],
  },
  cntPreview: { path: '/AIGCImgOpenServ/saas/tool/cnt/preview', required: ['sourceImage', 'preprocessor'] },
}

describe('the tool rows against §13', () => {
  it.each(Object.entries(documented))(
    '%s has the documented path, query path and required fields',
    (id, doc) => {
      const row = toolRegistry[id as ToolId]
      expect(toolPath(row.toolCode)).toBe(doc.path)
      expect(toolQueryPath(row.toolCode)).toBe(`${doc.path}/queryTask`)
      expect(
        row.fields
          .filter((field) => field.required)
          .map((field) => field.name)
          .sort(),
      ).toEqual([...doc.required].sort())
    },
  )

  it('keeps the documented types: fidelityWeight a string 0–1, faceIdx 1-based, sourceUrl of fusion 1–2 links', () => {
    const field = (id: ToolId, name: string) => toolRegistry[id].fields.find((f) => f.name === name)
    expect(field('roopV2', 'fidelityWeight')).toMatchObject({ type: 'decimalString', min: 0, max: 1 })
    expect(field('faceFusion', 'faceIdx')).toMatchObject({ type: 'integer', min: 1 })
    expect(field('faceFusion', 'sourceUrl')).toMatchObject({ type: 'imageList', minItems: 1, maxItems: 2 })
    expect(field('imgExpand', 'seed')).toMatchObject({ min: -1, max: 2_147_483_647 })
    expect(field('promptExpand', 'topK')).toMatchObject({ min: 0, max: 250 })
  })
})

describe('the completion rule', () => {
  const flux = { taskId: '11895411', status: 1, outputImageUrl: 'https://aigcoss.zhiqiteai.cn/a.png' }

  it('is done when the output is there, with status 1 (Flux) or 0 (prompt expansion), in the submit answer', () => {
    expect(readToolAnswer('image', { code: '200', msg: 'success', data: flux })).toMatchObject({
      state: 'done',
      output: { images: ['https://aigcoss.zhiqiteai.cn/a.png'] },
    })
    const expanded = { status: 0, prompts: ['a cat, best quality'], taskId: '1', businessTaskId: 'b' }
    expect(readToolData('prompts', expanded)).toMatchObject({
      state: 'done',
      output: { prompts: ['a cat, best quality'] },
    })
    expect(readToolData('caption', { status: 1, caption: 'a dog' })).toMatchObject({
      state: 'done',
      output: { caption: 'a dog' },
    })
    expect(readToolData('style', { status: 0, style: 'anime' })).toMatchObject({ state: 'done' })
  })

  it('keeps waiting on a {task_id} answer and on status 0 or 1 without output', () => {
    expect(
      readToolAnswer('style', { code: '200', msg: 'success', data: { task_id: 'pre171869' } }).state,
    ).toBe('pending')
    expect(readToolData('image', { status: 0, desc: '生成中' }).state).toBe('pending')
    expect(readToolData('image', { status: 1 }).state).toBe('pending')
  })

  it('fails on a code other than "200" (showing msg) and on a failing status or message', () => {
    expect(readToolAnswer('image', { code: '500', msg: 'model busy', data: flux })).toEqual({
      state: 'failed',
      message: 'model busy',
      status: null,
    })
    expect(readToolAnswer('image', { code: 200, msg: 'number, not string', data: flux }).state).toBe('done')
    expect(readToolData('caption', { status: -1, desc: 'x' }).state).toBe('failed')
    expect(readToolData('caption', { status: 1, desc: '任务失败' }).state).toBe('failed')
  })

  it('reads faces in any usual box shape and numbers them left to right', () => {
    const read = readToolData('faces', {
      faces: [
        { x: 300, y: 10, width: 50, height: 60, score: 0.9 },
        { bbox: [10, 20, 70, 90] },
        { left: 150, top: 5, right: 200, bottom: 55 },
      ],
    })
    expect(read.state === 'done' && read.output.faces).toEqual([
      { x: 10, y: 20, width: 60, height: 70 },
      { x: 150, y: 5, width: 50, height: 50 },
      { x: 300, y: 10, width: 50, height: 60, score: 0.9 },
    ])
    expect(readToolData('faces', { faces: [] })).toMatchObject({ state: 'done', output: { faces: [] } })
  })
})
