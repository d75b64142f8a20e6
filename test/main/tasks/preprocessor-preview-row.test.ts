import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { AppError, toolPath, toolQueryPath, toolRegistry, type TaskInput } from '#contract'
import type { ApiConnection } from '../../../main/services/api/api-types'
import type { ToolCalls, ToolSubmit } from '../../../main/services/api/tool-client'
import { createLogger, createSecretRedactor } from '../../../main/services/logger'
import {
  previewPreprocessor,
  type PreprocessorPreviewDeps,
} from '../../../main/services/tasks/preprocessor-preview'

/*
 * The CNT preview goes through its registry row like every tool: the row's path and query path,
 * its body check, and the completion rule on either answer shape (§13 shows both). The service is
 * scripted here so both shapes and a failure are certain; the simulator round trip is in
 * controlnet-tools.test.ts.
 */
const connection: ApiConnection = { baseUrl: 'https://api.example.com', auth: null }
const uploaded: TaskInput = {
  role: 'control',
  origin: 'upload',
  url: 'https://bucket.example.com/in.png',
  urlExpiresAt: null,
  cacheKey: null,
  storageObject: null,
  keepUpload: false,
  sent: null,
  resizedFrom: null,
}

async function scripted(answers: { submit: unknown; queries: unknown[] }) {
  const png = await sharp({ create: { width: 20, height: 10, channels: 3, background: '#000' } })
    .png()
    .toBuffer()
  const sent: ToolSubmit[] = []
  const asked: string[] = []
  const api: PreprocessorPreviewDeps['api'] = {
    async submitTool(_connection, call) {
      sent.push(call)
      return { kind: 'answered', data: answers.submit }
    },
    async queryToolData(_connection, queryPath) {
      asked.push(queryPath)
      return answers.queries.shift() ?? null
    },
    fetchImage: async () => ({ bytes: new Uint8Array(png), contentType: 'image/png' }),
  } satisfies Pick<ToolCalls, 'submitTool' | 'queryToolData'> &
    Pick<PreprocessorPreviewDeps['api'], 'fetchImage'>
  const cached: Uint8Array[] = []
  const deps: PreprocessorPreviewDeps = {
    api,
    inputImages: { resolve: async () => ({ inputs: [uploaded], discard: async () => undefined }) },
    imageCache: {
      put: async (bytes) => {
        cached.push(bytes)
        return { cacheKey: 'a'.repeat(64) } as Awaited<
          ReturnType<PreprocessorPreviewDeps['imageCache']['put']>
        >
      },
    },
    imageHost: { remove: async () => undefined },
    profiles: {
      list: async () => ({ activeProfileId: 'p1' }) as never,
      resolveConnection: async () => connection,
    },
    newTaskId: () => 'cnt-1',
    logger: createLogger({ redactor: createSecretRedactor() }),
    timers: { now: () => 0, sleep: async () => undefined },
  }
  const request = {
    source: { type: 'url', url: uploaded.url } as const,
    preprocessor: 'canny',
    options: { allowResize: false, keepUploads: false },
  }
  return { deps, request, sent, asked, cached }
}

const row = toolRegistry.cntPreview

describe('the CNT preview from its registry row', () => {
  it('sends the row’s body to the row’s path and takes an output that came in the submit answer', async () => {
    const link = 'https://out.example.com/map.png'
    const run = await scripted({ submit: { taskId: '9', status: 1, outputImageUrl: link }, queries: [] })
    expect(await previewPreprocessor(run.deps, run.request)).toEqual({
      cacheKey: 'a'.repeat(64),
      width: 20,
      height: 10,
    })
    expect(run.sent).toEqual([
      {
        path: toolPath(row.toolCode),
        taskId: 'cnt-1',
        body: { sourceImage: uploaded.url, preprocessor: 'canny', businessTaskId: 'cnt-1' },
        queryPath: toolQueryPath(row.toolCode),
      },
    ])
    expect(run.asked).toEqual([])
    expect(run.cached).toHaveLength(1)
  })

  it('keeps asking the row’s query path while there is no output, status 0 or 1 alike', async () => {
    const link = 'https://out.example.com/map.png'
    const run = await scripted({
      submit: { task_id: 'pre9' },
      queries: [{ status: 0, desc: '生成中' }, { status: 1 }, { status: 1, outputImageUrl: link }],
    })
    await previewPreprocessor(run.deps, run.request)
    expect(run.asked).toEqual(Array(3).fill(toolQueryPath(row.toolCode)))
  })

  it('fails with the service’s words when the query reports a failure', async () => {
    const run = await scripted({ submit: { task_id: 'pre9' }, queries: [{ status: -1, desc: 'bad image' }] })
    const failure = await previewPreprocessor(run.deps, run.request).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(AppError)
    expect(failure).toMatchObject({ code: 'server', details: { serviceMessage: 'bad image' } })
  })

  it('names a field the row refuses before anything is sent', async () => {
    const run = await scripted({ submit: {}, queries: [] })
    const long = { ...run.request, preprocessor: 'x'.repeat(101) }
    await expect(previewPreprocessor(run.deps, long)).rejects.toMatchObject({
      code: 'invalid_request',
      details: { field: 'preprocessor' },
    })
    expect(run.sent).toEqual([])
  })
})
