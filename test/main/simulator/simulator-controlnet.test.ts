import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { apiPaths } from '../../../main/services/api/api-paths'
import { controlNetBody, solidWebp, wireUnit } from './controlnet-bodies'
import { get, post, useSimulators } from './sim-test-kit'
import { solidPng, useSourceImageServers } from './source-image-server'

type Sim = Awaited<ReturnType<ReturnType<typeof useSimulators>>>

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

const finalImage = async (simulator: Sim, taskId: string): Promise<Buffer> => {
  const image = await get(`${simulator.url}/sim-images/task/${taskId}/0.png`)
  expect(image.status).toBe(200)
  return image.bytes
}

describe('simulator: ControlNet v2', () => {
  const start = useSimulators()
  const serve = useSourceImageServers()

  it('fetches the base image and every unit image, and paints from all of them', async () => {
    let now = 0
    const simulator = await start({ clock: () => now, timing: { queueMs: 0, msPerStep: 1 } })
    const webp = await solidWebp(0, 200, 0)
    const files = await serve({
      '/base.png': solidPng(9, 9, 9),
      '/edges.png': solidPng(255, 0, 0),
      '/pose.webp': webp,
      '/other.png': solidPng(0, 0, 255),
    })
    const submit = async (taskId: string, units: unknown[], base?: string) => {
      const scripts = base === undefined ? {} : { image_link: files.url(base) }
      const answer = await post(simulator, apiPaths.controlnet, controlNetBody(taskId, units, { scripts }))
      expect(answer.json).toEqual({ code: '200', msg: 'success', data: { task_id: taskId } })
    }
    const pose = wireUnit(files.url('/pose.webp'), { control_type: 'OpenPose', module: 'openpose' })
    await submit('two-units', [wireUnit(files.url('/edges.png')), pose], '/base.png')
    await submit('two-units-again', [wireUnit(files.url('/edges.png')), pose], '/base.png')
    await submit('other-control', [wireUnit(files.url('/other.png')), pose], '/base.png')
    await submit('other-base', [wireUnit(files.url('/edges.png')), pose], '/other.png')
    await submit('weaker', [wireUnit(files.url('/edges.png'), { weight: 0.5 }), pose], '/base.png')
    expect(simulator.inputs('two-units')).toEqual([
      { field: 'image_link', sha256: sha(solidPng(9, 9, 9)), type: 'png', bytes: solidPng(9, 9, 9) },
      {
        field: 'controlnet.args[0].image_link',
        sha256: sha(solidPng(255, 0, 0)),
        type: 'png',
        bytes: solidPng(255, 0, 0),
      },
      { field: 'controlnet.args[1].image_link', sha256: sha(webp), type: 'webp', bytes: webp },
    ])
    now = 1_000
    const first = await finalImage(simulator, 'two-units')
    expect(first.equals(await finalImage(simulator, 'two-units-again'))).toBe(true)
    for (const taskId of ['other-control', 'other-base', 'weaker'])
      expect(first.equals(await finalImage(simulator, taskId))).toBe(false)
  })

  it('lets a disabled unit change nothing, though its image is fetched', async () => {
    let now = 0
    const simulator = await start({ clock: () => now, timing: { queueMs: 0, msPerStep: 1 } })
    const files = await serve({ '/a.png': solidPng(200, 0, 0), '/b.png': solidPng(0, 0, 200) })
    const units = (off: string) => [
      wireUnit(files.url('/a.png')),
      wireUnit(files.url(off), { enabled: false }),
    ]
    await post(simulator, apiPaths.controlnet, controlNetBody('off-a', units('/a.png')))
    await post(simulator, apiPaths.controlnet, controlNetBody('off-b', units('/b.png')))
    expect(simulator.inputs('off-b').map((input) => input.field)).toEqual([
      'controlnet.args[0].image_link',
      'controlnet.args[1].image_link',
    ])
    now = 1_000
    expect((await finalImage(simulator, 'off-a')).equals(await finalImage(simulator, 'off-b'))).toBe(true)
  })

  it('refuses §11 wire types and unit values it does not take, naming the field', async () => {
    const simulator = await start()
    const files = await serve({ '/a.png': solidPng(1, 2, 3) })
    const good = wireUnit(files.url('/a.png'))
    const { resize_mode: _omitted, ...noResizeMode } = controlNetBody('x', [good])
    const cases: ReadonlyArray<readonly [unknown, string]> = [
      [controlNetBody('x', [good], { top: { seed: '1234' } }), 'seed'],
      [controlNetBody('x', [good], { top: { seed: 1.5 } }), 'seed'],
      [controlNetBody('x', [good], { top: { hr_scale: 1.5 } }), 'hr_scale'],
      // Fields §11 does not list.
      [controlNetBody('x', [good], { top: { hr_upscaler: 'Latent' } }), 'hr_upscaler'],
      [controlNetBody('x', [good], { top: { callbackUrl: 'https://example.com/hook' } }), 'callbackUrl'],
      [controlNetBody('x', [good], { scripts: { ADetailer: { args: [{}] } } }), 'alwayson_scripts.ADetailer'],
      [
        controlNetBody('x', [good], { scripts: { mask_link: good.image_link } }),
        'alwayson_scripts.mask_link',
      ],
      [noResizeMode, 'resize_mode'],
      [controlNetBody('x', [good], { top: { resize_mode: 9 } }), 'resize_mode'],
      [controlNetBody('x', []), 'alwayson_scripts.controlnet.args'],
      [controlNetBody('x', [good, good, good, good, good]), 'alwayson_scripts.controlnet.args'],
      [
        controlNetBody('x', [wireUnit(files.url('/a.png'), { control_type: 'Sketchy' })]),
        'alwayson_scripts.controlnet.args.0.control_type',
      ],
      [
        controlNetBody('x', [good, wireUnit(files.url('/a.png'), { weight: 2.5 })]),
        'alwayson_scripts.controlnet.args.1.weight',
      ],
      [
        controlNetBody('x', [wireUnit(files.url('/a.png'), { guidance_start: 0.9, guidance_end: 0.2 })]),
        'alwayson_scripts.controlnet.args.0.guidance_end',
      ],
      [
        controlNetBody('x', [wireUnit(files.url('/a.png'), { weight: '1' })]),
        'alwayson_scripts.controlnet.args.0.weight',
      ],
      [
        controlNetBody('x', [{ ...good, image_link: undefined }]),
        'alwayson_scripts.controlnet.args.0.image_link',
      ],
    ]
    for (const [body, field] of cases) {
      const answer = await post(simulator, apiPaths.controlnet, body)
      expect(answer.json?.code, field).toBe('400')
      expect(answer.json?.msg.startsWith(`invalid parameter: ${field}: `), answer.json?.msg).toBe(true)
    }
    const noUnits = controlNetBody('x', [good])
    const { controlnet: _none, ...scripts } = noUnits.alwayson_scripts
    const missing = await post(simulator, apiPaths.controlnet, { ...noUnits, alwayson_scripts: scripts })
    expect(missing.json?.msg).toMatch(/^invalid parameter: alwayson_scripts\.controlnet: /)
    expect(simulator.tasks.count()).toBe(0)
  })

  it('refuses control images it must not or cannot fetch, naming the unit', async () => {
    const simulator = await start()
    const files = await serve({ '/a.png': solidPng(1, 2, 3), '/notes.txt': Buffer.from('hello') })
    const good = wireUnit(files.url('/a.png'))
    const cases: ReadonlyArray<readonly [unknown, string, RegExp]> = [
      [
        controlNetBody('x', [good, wireUnit('https://example.com/c.png')]),
        'alwayson_scripts.controlnet.args.1.image_link',
        /only loopback/,
      ],
      [
        controlNetBody('x', [wireUnit(files.url('/gone.png'))]),
        'alwayson_scripts.controlnet.args.0.image_link',
        /HTTP 404/,
      ],
      [
        controlNetBody('x', [wireUnit(files.url('/notes.txt'))]),
        'alwayson_scripts.controlnet.args.0.image_link',
        /not a PNG, JPEG or WebP/,
      ],
      [
        controlNetBody('x', [wireUnit('ftp://127.0.0.1/c.png')]),
        'alwayson_scripts.controlnet.args.0.image_link',
        /./,
      ],
      [
        controlNetBody('x', [good], { scripts: { image_link: 'http://10.1.2.3/base.png' } }),
        'alwayson_scripts.image_link',
        /only loopback/,
      ],
    ]
    for (const [body, field, reason] of cases) {
      const answer = await post(simulator, apiPaths.controlnet, body)
      expect(answer.json?.msg.startsWith(`invalid parameter: ${field}: `), answer.json?.msg).toBe(true)
      expect(answer.json?.msg).toMatch(reason)
    }
    expect(simulator.tasks.count()).toBe(0)
  })
})

describe('simulator: text2image v3 with ControlNet units', () => {
  const start = useSimulators()
  const serve = useSourceImageServers()

  const v3Body = (taskId: string, external?: unknown) => ({
    prompt: 'a red fox in the snow',
    steps: 10,
    seed: '5',
    width: 512,
    height: 512,
    baseModelCode: 'revAnimated_v122_7371.safetensors',
    businessTaskId: taskId,
    ...(external === undefined ? {} : { saasDrawingExternalImageParameterBO: external }),
  })

  it('fetches each unit image in saasDrawingExternalImageParameterBO and paints from it', async () => {
    let now = 0
    const simulator = await start({ clock: () => now, timing: { queueMs: 0, msPerStep: 1 } })
    const files = await serve({ '/a.png': solidPng(200, 0, 0), '/b.png': solidPng(0, 0, 200) })
    const withUnit = (path: string) => ({
      controlnet: { args: [wireUnit(files.url(path))] },
      ADetailer: { args: [{ ad_model: 'face_yolov8n.pt' }] },
    })
    for (const [taskId, external] of [
      ['plain', undefined],
      ['unit-a', withUnit('/a.png')],
      ['unit-b', withUnit('/b.png')],
    ] as const) {
      const answer = await post(simulator, apiPaths.text2imageV3, v3Body(taskId, external))
      expect(answer.json?.code, answer.json?.msg).toBe('200')
    }
    expect(simulator.inputs('plain')).toEqual([])
    expect(simulator.inputs('unit-b')).toMatchObject([
      { field: 'controlnet.args[0].image_link', sha256: sha(solidPng(0, 0, 200)), type: 'png' },
    ])
    now = 1_000
    const plain = await finalImage(simulator, 'plain')
    const a = await finalImage(simulator, 'unit-a')
    expect(a.equals(plain)).toBe(false)
    expect(a.equals(await finalImage(simulator, 'unit-b'))).toBe(false)
  })

  it('refuses a bad unit or unit image, naming it under saasDrawingExternalImageParameterBO', async () => {
    const simulator = await start()
    const files = await serve({ '/a.png': solidPng(1, 2, 3) })
    const prefix = 'saasDrawingExternalImageParameterBO.controlnet.args'
    const cases: ReadonlyArray<readonly [unknown, string]> = [
      [
        { controlnet: { args: [wireUnit(files.url('/a.png'), { guidance_end: 3 })] } },
        `${prefix}.0.guidance_end`,
      ],
      [{ controlnet: { args: [] } }, prefix],
      [{ controlnet: { args: [wireUnit('http://203.0.113.9/a.png')] } }, `${prefix}.0.image_link`],
    ]
    for (const [external, field] of cases) {
      const answer = await post(simulator, apiPaths.text2imageV3, v3Body('bad', external))
      expect(answer.json?.msg.startsWith(`invalid parameter: ${field}: `), answer.json?.msg).toBe(true)
    }
    expect(simulator.tasks.count()).toBe(0)
  })
})
