import { createHash } from 'node:crypto'
import sharp from 'sharp'
import { request } from 'undici'
import { describe, expect, it } from 'vitest'
import { toolPath, toolQueryPath, toolRegistry } from '#contract'
import { apiPaths } from '../../../main/services/api/api-paths'
import { get, post, submitBody, useSimulators } from './sim-test-kit'
import { solidPng, useSourceImageServers } from './source-image-server'

const cntPreviewPath = toolPath(toolRegistry.cntPreview.toolCode)
const queryPath = toolQueryPath(toolRegistry.cntPreview.toolCode)

/** A 32×32 PNG: black with a white square in the middle, so it has edges. */
const squarePng = (): Promise<Buffer> =>
  sharp({ create: { width: 32, height: 32, channels: 3, background: '#000' } })
    .composite([
      {
        input: { create: { width: 12, height: 12, channels: 3, background: '#fff' } },
        left: 10,
        top: 10,
      },
    ])
    .png()
    .toBuffer()

const head = async (url: string) => {
  const response = await request(url, { method: 'HEAD' })
  await response.body.dump()
  return { status: response.statusCode, type: response.headers['content-type'] }
}

describe('simulator: CNT preview tool', () => {
  const start = useSimulators()
  const serve = useSourceImageServers()

  it('answers task_id, runs briefly, then serves an edge map derived from the source', async () => {
    let now = 0
    const simulator = await start({ clock: () => now, timing: { queueMs: 10, msPerStep: 10 } })
    const square = await squarePng()
    const files = await serve({ '/square.png': square, '/flat.png': solidPng(90, 90, 90, 32) })
    const body = { businessTaskId: 'cnt-1', sourceImage: files.url('/square.png'), preprocessor: 'canny' }
    const submitted = await post(simulator, cntPreviewPath, body)
    expect(submitted.json?.data).toEqual({ task_id: expect.stringMatching(/^pre\d+$/) })
    const running = await post(simulator, queryPath, { businessTaskId: 'cnt-1' })
    expect(running.json?.data).toMatchObject({ businessTaskId: 'cnt-1', status: 0 })
    expect(running.json?.data).not.toHaveProperty('outputImageUrl')
    now = 1_000
    const done = await post(simulator, queryPath, { businessTaskId: 'cnt-1' })
    expect(done.json?.data).toMatchObject({ businessTaskId: 'cnt-1', status: 1 })
    const output = await get(String(done.json?.data?.outputImageUrl))
    expect(output).toMatchObject({ status: 200, contentType: 'image/png' })
    expect(await sharp(output.bytes).metadata()).toMatchObject({ width: 32, height: 32, channels: 1 })
    const pixels = await sharp(output.bytes).extractChannel(0).raw().toBuffer({ resolveWithObject: true })
    const at = (x: number, y: number) => pixels.data[y * 32 + x]
    expect([at(2, 2), at(16, 16)]).toEqual([0, 0]) // flat areas have no edges
    expect(at(10, 16)).toBeGreaterThan(100) // the square's border does
    expect(simulator.inputs('cnt-1')).toEqual([
      {
        field: 'sourceImage',
        sha256: createHash('sha256').update(square).digest('hex'),
        type: 'png',
        bytes: square,
      },
    ])
    await post(simulator, cntPreviewPath, {
      ...body,
      businessTaskId: 'flat',
      sourceImage: files.url('/flat.png'),
    })
    now = 2_000
    const flat = await post(simulator, queryPath, { businessTaskId: 'flat' })
    const flatPixels = await sharp((await get(String(flat.json?.data?.outputImageUrl))).bytes)
      .raw()
      .toBuffer()
    expect(flatPixels.every((value) => value === 0)).toBe(true)
  })

  it('refuses a bad task id, link, preprocessor or source, naming the field', async () => {
    const simulator = await start()
    const files = await serve({ '/notes.txt': Buffer.from('not an image') })
    const body = { businessTaskId: 'cnt', sourceImage: files.url('/notes.txt'), preprocessor: 'canny' }
    const cases: ReadonlyArray<readonly [Record<string, unknown>, string]> = [
      [{ businessTaskId: 'a b' }, 'businessTaskId'],
      [{ sourceImage: 'file:///etc/passwd' }, 'sourceImage'],
      [{ sourceImage: 'http://example.com/a.png' }, 'sourceImage'],
      [{ preprocessor: '' }, 'preprocessor'],
      [{ preprocessor: 'canny; rm -rf /' }, 'preprocessor'],
      [{}, 'sourceImage'],
    ]
    for (const [change, field] of cases) {
      const answer = await post(simulator, cntPreviewPath, { ...body, ...change })
      expect(answer.json?.msg.startsWith(`invalid parameter: ${field}: `), answer.json?.msg).toBe(true)
    }
    const unknown = await post(simulator, queryPath, { businessTaskId: 'never' })
    expect(unknown.json?.code).toBe('404')
  })
})

describe('simulator: result links', () => {
  const start = useSimulators()
  const serve = useSourceImageServers()

  it('answers GET and HEAD on every image route', async () => {
    const simulator = await start({ timing: { queueMs: 0, msPerStep: 0 } })
    await post(simulator, apiPaths.text2image, submitBody('heads'))
    for (const path of [
      '/sim-images/task/heads/0.png',
      '/sim-images/task/heads/preview-3.png',
      '/sim-images/asset/checkpoint/photon_v1_84728.safetensors.png',
    ]) {
      const url = `${simulator.url}${path}`
      expect(await head(url)).toEqual({ status: 200, type: 'image/png' })
      expect((await get(url)).status).toBe(200)
    }
    expect((await head(`${simulator.url}/sim-images/task/nothing/0.png`)).status).toBe(404)
  })

  it('expires result links after the TTL, for GET and HEAD, like a stale signed URL', async () => {
    let now = 0
    const simulator = await start({
      clock: () => now,
      timing: { queueMs: 0, msPerStep: 1 },
      resultLinkTtlMs: 60_000,
    })
    await post(simulator, apiPaths.text2image, submitBody('ttl'))
    const url = `${simulator.url}/sim-images/task/ttl/0.png`
    now = 1_000
    expect((await head(url)).status).toBe(200)
    now = 59_000
    expect((await get(url)).status).toBe(200)
    now = 62_000
    expect(await head(url)).toEqual({ status: 403, type: 'application/xml' })
    const expired = await get(url)
    expect(expired.status).toBe(403)
    expect(expired.bytes.toString()).toContain('Request has expired')
  })

  it('expires every link issued so far on expireResultLinks(), tool outputs included', async () => {
    let now = 0
    const simulator = await start({ clock: () => now, timing: { queueMs: 0, msPerStep: 1 } })
    const files = await serve({ '/a.png': solidPng(1, 2, 3) })
    await post(simulator, apiPaths.text2image, submitBody('old'))
    await post(simulator, cntPreviewPath, {
      businessTaskId: 'old-cnt',
      sourceImage: files.url('/a.png'),
      preprocessor: 'depth_midas',
    })
    now = 1_000
    const tool = await post(simulator, queryPath, { businessTaskId: 'old-cnt' })
    const toolUrl = String(tool.json?.data?.outputImageUrl)
    expect((await get(toolUrl)).status).toBe(200)
    simulator.expireResultLinks()
    await post(simulator, apiPaths.text2image, submitBody('new'))
    now = 2_000
    expect((await get(`${simulator.url}/sim-images/task/old/0.png`)).status).toBe(403)
    expect((await head(toolUrl)).status).toBe(403)
    expect((await get(`${simulator.url}/sim-images/task/new/0.png`)).status).toBe(200)
  })
})
