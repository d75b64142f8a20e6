import { createHash } from 'node:crypto'
import { request } from 'undici'
import { describe, expect, it } from 'vitest'
import { apiPaths } from '../../../main/services/api/api-paths'
import { simulatorTestKeys, type SimulatorKeys } from '../../../main/simulator/sim-keys'
import { uploadLimits } from '../../../main/simulator/sim-uploads'
import { solidWebp } from './controlnet-bodies'
import { post, submitBody, useSimulators } from './sim-test-kit'
import { solidPng } from './source-image-server'

type Sim = Awaited<ReturnType<ReturnType<typeof useSimulators>>>

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

/** One raw request to the upload host, as the demo profile's client sends it. */
async function send(
  simulator: Sim,
  method: 'PUT' | 'GET' | 'HEAD' | 'DELETE',
  name: string,
  options: { body?: Buffer; keys?: SimulatorKeys | null } = {},
) {
  const keys = options.keys === undefined ? simulatorTestKeys : options.keys
  const headers: Record<string, string> = keys
    ? {
        'X-Request-req-accessKeyId': keys.accessKeyId,
        'X-Request-req-accessKeySecret': keys.accessKeySecret,
      }
    : {}
  const response = await request(`${simulator.url}/sim-uploads/${name}`, {
    method,
    headers,
    body: options.body,
  })
  const bytes = Buffer.from(await response.body.arrayBuffer())
  const type = response.headers['content-type']
  const json = type === 'application/json' ? (JSON.parse(bytes.toString()) as Record<string, unknown>) : null
  return { status: response.statusCode, bytes, type, json }
}

describe('simulator: demo upload host', () => {
  const start = useSimulators()

  it('stores a PUT image by its hash, serves it to anyone by GET and HEAD, and deletes it', async () => {
    const simulator = await start()
    const png = solidPng(10, 20, 30)
    const name = `${sha(png)}.png`
    const put = await send(simulator, 'PUT', name, { body: png })
    expect(put).toMatchObject({ status: 201, json: { url: `${simulator.url}/sim-uploads/${name}` } })
    expect(simulator.uploadCount()).toBe(1)
    const got = await send(simulator, 'GET', name, { keys: null })
    expect(got).toMatchObject({ status: 200, type: 'image/png' })
    expect(got.bytes.equals(png)).toBe(true)
    expect(await send(simulator, 'HEAD', name, { keys: null })).toMatchObject({
      status: 200,
      type: 'image/png',
    })
    expect((await send(simulator, 'DELETE', name)).status).toBe(204)
    expect((await send(simulator, 'GET', name)).status).toBe(404)
    expect((await send(simulator, 'DELETE', name)).status).toBe(404)
    expect(simulator.uploadCount()).toBe(0)
  })

  it('is a source the simulator fetches: an upload reaches an img2img task byte for byte', async () => {
    const simulator = await start()
    const webp = await solidWebp(40, 50, 60)
    const put = await send(simulator, 'PUT', `${sha(webp)}.webp`, { body: webp })
    const base = submitBody('from-upload')
    const answer = await post(simulator, apiPaths.image2image, {
      ...base,
      alwayson_scripts: { ...base.alwayson_scripts, image_link: put.json?.url },
    })
    expect(answer.json?.code).toBe('200')
    expect(simulator.inputs('from-upload')).toEqual([
      { field: 'image_link', sha256: sha(webp), type: 'webp', bytes: webp },
    ])
  })

  it('refuses bytes that do not match the declared type or the hash in the name', async () => {
    const simulator = await start()
    const png = solidPng(1, 1, 1)
    const other = solidPng(2, 2, 2)
    const cases: ReadonlyArray<readonly [string, number, string]> = [
      [`${sha(png)}.jpg`, 400, 'type_mismatch'],
      [`${sha(png)}.webp`, 400, 'type_mismatch'],
      [`${sha(other)}.png`, 400, 'sha256_mismatch'],
      [`${sha(png).toUpperCase()}.png`, 400, 'bad_name'],
      [`${sha(png)}.gif`, 400, 'bad_name'],
      [`nested/${sha(png)}.png`, 400, 'bad_name'],
    ]
    for (const [name, status, error] of cases)
      expect(await send(simulator, 'PUT', name, { body: png }), name).toMatchObject({
        status,
        json: { error },
      })
    expect(simulator.uploadCount()).toBe(0)
  })

  it('takes the API keys, or none only in demo mode; wrong keys never', async () => {
    const png = solidPng(3, 3, 3)
    const name = `${sha(png)}.png`
    const wrong = { accessKeyId: 'openapi-wrongwrongwrong1', accessKeySecret: 'x'.repeat(32) }
    const strict = await start()
    expect(await send(strict, 'PUT', name, { body: png, keys: null })).toMatchObject({
      status: 401,
      json: { error: 'auth' },
    })
    const demo = await start({ demo: true })
    expect((await send(demo, 'PUT', name, { body: png, keys: wrong })).status).toBe(401)
    expect((await send(demo, 'PUT', name, { body: png, keys: null })).status).toBe(201)
    expect((await send(demo, 'DELETE', name, { keys: wrong })).status).toBe(401)
    expect(demo.uploadCount()).toBe(1)
  })

  it('caps the size of one upload and the number it keeps', async () => {
    const simulator = await start({ maxUploads: 3 })
    const huge = Buffer.concat([solidPng(1, 2, 3), Buffer.alloc(uploadLimits.maxBytes)])
    expect(await send(simulator, 'PUT', `${sha(huge)}.png`, { body: huge })).toMatchObject({
      status: 413,
      json: { error: 'too_large' },
    })
    for (let i = 0; i < 3; i += 1) {
      const png = solidPng(i, i, 7, 2)
      expect((await send(simulator, 'PUT', `${sha(png)}.png`, { body: png })).status).toBe(201)
    }
    const one = solidPng(9, 9, 250, 2)
    expect(await send(simulator, 'PUT', `${sha(one)}.png`, { body: one })).toMatchObject({
      status: 507,
      json: { error: 'full' },
    })
  })
})
