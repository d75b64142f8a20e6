import { describe, expect, it } from 'vitest'
import { apiPaths } from '../../../main/services/api/api-paths'
import { maxSourceImageBytes } from '../../../main/simulator/sim-source-image'
import { get, post, submitBody, useSimulators } from './sim-test-kit'
import { solidPng, useSourceImageServers } from './source-image-server'

type Sim = Awaited<ReturnType<ReturnType<typeof useSimulators>>>

/** An img2img body: the text2image test body plus the source (and mask) links. */
const img2imgBody = (taskId: string, imageLink: string | undefined, extra: Record<string, unknown> = {}) => {
  const base = submitBody(taskId)
  const links = imageLink === undefined ? {} : { image_link: imageLink }
  return {
    ...base,
    denoising_strength: 0.6,
    alwayson_scripts: { ...base.alwayson_scripts, ...links, ...extra },
  }
}

const finalImage = async (simulator: Sim, taskId: string): Promise<Buffer> => {
  const image = await get(`${simulator.url}/sim-images/task/${taskId}/0.png`)
  expect(image.status).toBe(200)
  return image.bytes
}

describe('simulator: img2img v2', () => {
  const start = useSimulators()
  const serve = useSourceImageServers()

  it('downloads the source (and mask) and paints a result that follows from their bytes', async () => {
    let now = 0
    const simulator = await start({ clock: () => now, timing: { queueMs: 0, msPerStep: 1 } })
    const files = await serve({
      '/red.png': solidPng(255, 0, 0),
      '/blue.png': solidPng(0, 0, 255),
      '/mask.png': solidPng(255, 255, 255),
    })
    const submit = async (taskId: string, image: string, extra: Record<string, unknown> = {}) => {
      const answer = await post(simulator, apiPaths.image2image, img2imgBody(taskId, files.url(image), extra))
      expect(answer.json).toEqual({ code: '200', msg: 'success', data: { task_id: taskId } })
    }
    await submit('red-1', '/red.png')
    await submit('red-2', '/red.png')
    await submit('blue', '/blue.png')
    await submit('masked', '/red.png', { mask_link: files.url('/mask.png') })
    expect(files.requested).toEqual(['/red.png', '/red.png', '/blue.png', '/red.png', '/mask.png'])
    now = 1_000
    const red = await finalImage(simulator, 'red-1')
    expect(red.equals(await finalImage(simulator, 'red-2'))).toBe(true)
    expect(red.equals(await finalImage(simulator, 'blue'))).toBe(false)
    expect(red.equals(await finalImage(simulator, 'masked'))).toBe(false)
  })

  it('refuses a missing or non-http(s) image_link, naming the field, and creates no task', async () => {
    const simulator = await start()
    for (const link of [undefined, 'ftp://127.0.0.1/a.png', 'not a url']) {
      const answer = await post(simulator, apiPaths.image2image, img2imgBody('no-source', link))
      expect(answer.json?.code).toBe('400')
      expect(answer.json?.msg).toMatch(/^invalid parameter: alwayson_scripts\.image_link:/)
    }
    expect(simulator.tasks.count()).toBe(0)
  })

  it('refuses sources it must not or cannot fetch: other hosts, nothing listening, not an image', async () => {
    const simulator = await start()
    const files = await serve({ '/notes.txt': Buffer.from('hello'), '/red.png': solidPng(255, 0, 0) })
    const cases: ReadonlyArray<readonly [string, Record<string, unknown>, string, RegExp]> = [
      ['http://example.com/a.png', {}, 'image_link', /only loopback/],
      ['http://127.0.0.1:1/a.png', {}, 'image_link', /could not be downloaded/],
      [files.url('/missing.png'), {}, 'image_link', /HTTP 404/],
      [files.url('/notes.txt'), {}, 'image_link', /not a PNG, JPEG or WebP/],
      [files.url('/red.png'), { mask_link: 'https://example.com/m.png' }, 'mask_link', /only loopback/],
    ]
    for (const [image, extra, field, reason] of cases) {
      const answer = await post(simulator, apiPaths.image2image, img2imgBody('refused', image, extra))
      expect(answer.json?.msg).toMatch(new RegExp(`^invalid parameter: alwayson_scripts\\.${field}: `))
      expect(answer.json?.msg).toMatch(reason)
    }
    expect(simulator.tasks.count()).toBe(0)
  })

  it('stops downloading a source larger than the cap', async () => {
    const simulator = await start()
    const huge = Buffer.concat([solidPng(1, 2, 3), Buffer.alloc(maxSourceImageBytes)])
    const files = await serve({ '/huge.png': huge })
    const answer = await post(simulator, apiPaths.image2image, img2imgBody('huge', files.url('/huge.png')))
    expect(answer.json?.msg).toMatch(/alwayson_scripts\.image_link: image larger than/)
  })

  it('refuses §9 integer fields sent as fractions, naming them', async () => {
    const simulator = await start()
    const files = await serve({ '/red.png': solidPng(255, 0, 0) })
    for (const field of ['cfg_scale', 'hr_scale']) {
      const body = { ...img2imgBody('typed', files.url('/red.png')), [field]: 7.5 }
      const answer = await post(simulator, apiPaths.image2image, body)
      expect(answer.json?.msg).toMatch(new RegExp(`^invalid parameter: ${field}: .*integer`))
    }
    expect(simulator.tasks.count()).toBe(0)
  })

  it('refuses a number seed and fields §9 does not list, naming them; no task is made', async () => {
    const simulator = await start()
    const files = await serve({ '/red.png': solidPng(255, 0, 0) })
    const link = files.url('/red.png')
    const cases: ReadonlyArray<readonly [Record<string, unknown>, string]> = [
      [{ ...img2imgBody('typed', link), seed: 42 }, 'seed'],
      [{ ...img2imgBody('typed', link), callbackUrl: 'https://example.com/hook' }, 'callbackUrl'],
      [{ ...img2imgBody('typed', link), negative_promt: 'typo' }, 'negative_promt'],
      [img2imgBody('typed', link, { controlnet: { args: [] } }), 'alwayson_scripts.controlnet'],
    ]
    for (const [body, field] of cases) {
      const answer = await post(simulator, apiPaths.image2image, body)
      expect(answer.json?.msg.startsWith(`invalid parameter: ${field}: `), answer.json?.msg).toBe(true)
    }
    expect(simulator.tasks.count()).toBe(0)
    expect(files.requested).toEqual([])
  })

  it('validates the img2img fields by the contract bounds', async () => {
    const simulator = await start()
    const files = await serve({ '/red.png': solidPng(255, 0, 0) })
    const body = { ...img2imgBody('bounds', files.url('/red.png')), inpainting_fill: 7 }
    const answer = await post(simulator, apiPaths.image2image, body)
    expect(answer.json?.msg).toMatch(/^invalid parameter: inpainting_fill:/)
    expect(files.requested).toEqual([])
  })
})
