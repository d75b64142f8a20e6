import { createHash } from 'node:crypto'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { apiPaths, toolCodes, toolQueryPath } from '../../../main/services/api/api-paths'
import type { ApiClient, ApiConnection } from '../../../main/services/api/api-types'
import { parseToolQueryData } from '../../../main/services/api/tool-wire'
import { solidPng, useSourceImageServers } from '../simulator/source-image-server'
import { connectionTo, failureOf, useApiKit } from './api-test-kit'
import { lastBody, wireShape } from './wire-shape'

/** A 24×24 PNG: a bright left half and a dark right half, so an edge map has one vertical line. */
const halvesPng = (): Promise<Buffer> =>
  sharp({ create: { width: 24, height: 24, channels: 3, background: '#222' } })
    .composite([
      { input: { create: { width: 12, height: 24, channels: 3, background: '#ddd' } }, left: 0, top: 0 },
    ])
    .png()
    .toBuffer()

const finished = async (api: ApiClient, connection: ApiConnection, taskId: string) => {
  for (;;) {
    const snapshot = await api.queryToolTask(connection, toolCodes.cntPreview, taskId)
    if (snapshot.state !== 'running' && snapshot.state !== 'queued') return snapshot
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('API client: CNT preview tool against the simulator', () => {
  const kit = useApiKit()
  const serve = useSourceImageServers()

  it('submits {businessTaskId, sourceImage, preprocessor}, polls the tool query, fetches a derived map', async () => {
    const simulator = await kit.simulator()
    const { api } = kit.client()
    const connection = connectionTo(simulator)
    const source = await halvesPng()
    const files = await serve({ '/photo.png': source })
    const submitted = await api.submitPreprocessorPreview(connection, 'cnt-round', {
      imageUrl: files.url('/photo.png'),
      preprocessor: 'canny',
    })
    expect(submitted).toEqual({
      taskId: 'cnt-round',
      serviceTaskId: expect.stringMatching(/^pre\d+$/),
      reconciled: false,
    })
    expect(wireShape(lastBody(simulator, apiPaths.cntPreview))).toEqual({
      businessTaskId: 'string',
      sourceImage: 'string',
      preprocessor: 'string',
    })
    const done = await finished(api, connection, 'cnt-round')
    expect(done).toMatchObject({ taskId: 'cnt-round', state: 'succeeded', percent: 100 })
    const output = await api.fetchImage(done.images[0]?.url ?? '')
    expect(output.contentType).toBe('image/png')
    const map = await sharp(Buffer.from(output.bytes))
      .extractChannel(0)
      .raw()
      .toBuffer({ resolveWithObject: true })
    expect(map.info).toMatchObject({ width: 24, height: 24 })
    const row = Array.from(map.data.subarray(12 * 24, 13 * 24))
    expect(row.filter((value) => value > 0).length).toBeGreaterThan(0)
    expect([row[3], row[20]]).toEqual([0, 0])
    expect(simulator.inputs('cnt-round')).toMatchObject([
      { field: 'sourceImage', sha256: createHash('sha256').update(source).digest('hex'), type: 'png' },
    ])
  })

  it('reconciles a preview submit whose answer was lost with the tool query: exactly one task', async () => {
    const simulator = await kit.simulator({
      faults: { resetAfterSubmit: { remaining: 1, paths: [apiPaths.cntPreview] } },
    })
    const { api } = kit.client()
    const files = await serve({ '/a.png': solidPng(9, 9, 9) })
    const result = await api.submitPreprocessorPreview(connectionTo(simulator), 'cnt-lost', {
      imageUrl: files.url('/a.png'),
      preprocessor: 'depth_midas',
    })
    expect(result).toEqual({ taskId: 'cnt-lost', serviceTaskId: null, reconciled: true })
    expect(simulator.requests.count({ path: apiPaths.cntPreview })).toBe(1)
    expect(
      simulator.requests.count({ path: toolQueryPath(toolCodes.cntPreview), taskId: 'cnt-lost' }),
    ).toBeGreaterThan(0)
  })

  it('refuses bad input before sending, and reports the service refusing a source by field', async () => {
    const simulator = await kit.simulator()
    const { api } = kit.client()
    const connection = connectionTo(simulator)
    const local = { imageUrl: 'file:///home/me/a.png', preprocessor: 'canny' }
    expect(await failureOf(api.submitPreprocessorPreview(connection, 'c1', local))).toMatchObject({
      code: 'invalid_request',
      details: { field: 'sourceImage' },
    })
    expect(await failureOf(api.queryToolTask(connection, '../sd/v2', 'c1'))).toMatchObject({
      code: 'invalid_request',
      details: { field: 'toolCode' },
    })
    const far = { imageUrl: 'https://example.com/a.png', preprocessor: 'canny' }
    expect(await failureOf(api.submitPreprocessorPreview(connection, 'c2', far))).toMatchObject({
      code: 'invalid_request',
      details: { field: 'sourceImage' },
    })
    expect(await failureOf(api.queryToolTask(connection, toolCodes.cntPreview, 'c2'))).toMatchObject({
      code: 'not_found',
    })
  })
})

describe('parseToolQueryData (guess 17)', () => {
  it('reads the output image from any of the guessed fields, whatever the status', () => {
    const link = 'https://aigcoss.example.cn/out.png'
    for (const data of [
      { taskId: 1, status: 1, outputImageUrl: link },
      { businessTaskId: 'x', status: '2', imageUrl: link },
      { status: 7, resultUrl: link },
      { outputImageUrls: ['not a link', link] },
    ])
      expect(parseToolQueryData(data, 'x')).toMatchObject({
        taskId: 'x',
        state: 'succeeded',
        statusRecognised: true,
        images: [{ url: link, seed: null }],
      })
  })

  it('reads running, failed and unknown states without an image', () => {
    expect(parseToolQueryData({ status: 0 }, 'x')).toMatchObject({ state: 'running', statusRecognised: true })
    expect(parseToolQueryData({ status: -1, msg: 'bad image' }, 'x')).toMatchObject({
      state: 'failed',
      description: 'bad image',
    })
    expect(parseToolQueryData({ status: 42 }, 'x')).toMatchObject({
      state: 'running',
      statusRecognised: false,
    })
    expect(parseToolQueryData({ status: 42, desc: '任务失败' }, 'x')).toMatchObject({ state: 'failed' })
    expect(() => parseToolQueryData({ status: { nested: true } }, 'x')).toThrow(
      expect.objectContaining({ code: 'protocol' }),
    )
  })
})
