import { createHash } from 'node:crypto'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { readToolData, toolPath, toolQueryPath, toolRegistry } from '#contract'
import type { ApiConnection } from '../../../main/services/api/api-types'
import type { ToolCalls } from '../../../main/services/api/tool-client'
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

/** The CNT preview's row: every path and the completion rule below come from it. */
const row = toolRegistry.cntPreview
const path = toolPath(row.toolCode)
const queryPath = toolQueryPath(row.toolCode)

const submitPreview = (
  api: ToolCalls,
  connection: ApiConnection,
  taskId: string,
  body: { sourceImage: string; preprocessor: string },
) => api.submitTool(connection, { path, taskId, body: { ...body, businessTaskId: taskId }, queryPath })

const finished = async (api: ToolCalls, connection: ApiConnection, taskId: string) => {
  for (;;) {
    const read = readToolData(row.output, await api.queryToolData(connection, queryPath, taskId))
    if (read.state !== 'pending') return read
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('API client: the CNT preview row against the simulator', () => {
  const kit = useApiKit()
  const serve = useSourceImageServers()

  it('submits {businessTaskId, sourceImage, preprocessor}, polls the tool query, fetches a derived map', async () => {
    const simulator = await kit.simulator()
    const { api } = kit.client()
    const connection = connectionTo(simulator)
    const source = await halvesPng()
    const files = await serve({ '/photo.png': source })
    const submitted = await submitPreview(api, connection, 'cnt-round', {
      sourceImage: files.url('/photo.png'),
      preprocessor: 'canny',
    })
    // The documented `{task_id}` answer: no output yet, so the completion rule says keep asking.
    expect(submitted).toEqual({ kind: 'answered', data: { task_id: expect.stringMatching(/^pre\d+$/) } })
    expect(submitted.kind === 'answered' && readToolData(row.output, submitted.data).state).toBe('pending')
    expect(wireShape(lastBody(simulator, path))).toEqual({
      businessTaskId: 'string',
      sourceImage: 'string',
      preprocessor: 'string',
    })
    const done = await finished(api, connection, 'cnt-round')
    expect(done.state).toBe('done')
    const output = await api.fetchImage((done.state === 'done' && done.output.images?.[0]) || '')
    expect(output.contentType).toBe('image/png')
    const map = await sharp(Buffer.from(output.bytes))
      .extractChannel(0)
      .raw()
      .toBuffer({ resolveWithObject: true })
    expect(map.info).toMatchObject({ width: 24, height: 24 })
    const line = Array.from(map.data.subarray(12 * 24, 13 * 24))
    expect(line.filter((value) => value > 0).length).toBeGreaterThan(0)
    expect([line[3], line[20]]).toEqual([0, 0])
    expect(simulator.inputs('cnt-round')).toMatchObject([
      { field: 'sourceImage', sha256: createHash('sha256').update(source).digest('hex'), type: 'png' },
    ])
  })

  it('reconciles a preview submit whose answer was lost with the tool query: exactly one task', async () => {
    const simulator = await kit.simulator({
      faults: { resetAfterSubmit: { remaining: 1, paths: [path] } },
    })
    const { api } = kit.client()
    const files = await serve({ '/a.png': solidPng(9, 9, 9) })
    const result = await submitPreview(api, connectionTo(simulator), 'cnt-lost', {
      sourceImage: files.url('/a.png'),
      preprocessor: 'depth_midas',
    })
    expect(result).toEqual({ kind: 'reconciled' })
    expect(simulator.requests.count({ path })).toBe(1)
    expect(simulator.requests.count({ path: queryPath, taskId: 'cnt-lost' })).toBeGreaterThan(0)
  })

  it('reports the service refusing a source by field, and a task it never made as not_found', async () => {
    const simulator = await kit.simulator()
    const { api } = kit.client()
    const connection = connectionTo(simulator)
    const far = { sourceImage: 'https://example.com/a.png', preprocessor: 'canny' }
    expect(await failureOf(submitPreview(api, connection, 'c2', far))).toMatchObject({
      code: 'invalid_request',
      details: { field: 'sourceImage' },
    })
    expect(await failureOf(api.queryToolData(connection, queryPath, 'c2'))).toMatchObject({
      code: 'not_found',
    })
  })
})
