import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { readPngText } from '../../../main/services/images/png-metadata'
import { useTempDirs } from '../../support/temp-dir'
import { ansiEscape, recordIn, runImgOpen, runInProcess } from './cli-kit'
import { sd } from '../sd-task'

/** The fields every mode takes. */
const sharedFile = {
  prompt: 'the same harbour at night',
  steps: 6,
  seed: '7',
  denoising_strength: 0.6,
  alwayson_scripts: { sd_model_checkpoint: 'revAnimated_v122_7371.safetensors' },
}
/** An img2img body: the shared fields and one of img2img's own. */
const paramsFile = { ...sharedFile, mask_blur: 6 }

interface ImageJson {
  task_id: string
  status: string
  images: string[]
}

const picture = (width: number, height: number, colour: string) =>
  sharp({ create: { width, height, channels: 3, background: colour } })
    .png()
    .toBuffer()

describe('img-open img2img, inpaint and controlnet', { timeout: 60_000 }, () => {
  const tempDir = useTempDirs()

  async function files() {
    const dir = await tempDir()
    const write = async (name: string, bytes: Buffer | string) => {
      await writeFile(join(dir, name), bytes)
      return join(dir, name)
    }
    return {
      params: await write('params.json', JSON.stringify(paramsFile)),
      shared: await write('shared.json', JSON.stringify(sharedFile)),
      red: await write('red.png', await picture(200, 120, '#cc2200')),
      blue: await write('blue.png', await picture(200, 120, '#0033cc')),
      mask: await write('mask.png', await picture(200, 120, '#ffffff')),
      smallMask: await write('small-mask.png', await picture(100, 60, '#ffffff')),
      notes: await write('notes.txt', 'not a picture'),
      big: await write('big.png', await picture(2600, 400, '#208040')),
    }
  }

  it('img2img --wait uploads a local file through the demo profile and prints the result', async () => {
    const dataDir = await tempDir()
    const input = await files()
    const run = await runImgOpen(
      ['img2img', '--params', input.params, '--image', input.red, '--wait', '--json'],
      { IMG_OPEN_DATA_DIR: dataDir },
    )
    expect(run.stderr).not.toMatch(ansiEscape)
    expect(run.code).toBe(0)
    const result = JSON.parse(run.stdout) as ImageJson
    expect(result).toEqual({
      task_id: expect.stringMatching(/^iow/),
      status: 'succeeded',
      images: [expect.any(String)],
    })
    const png = await readFile(result.images[0] ?? '')
    const parameters = readPngText(png).find((entry) => entry.keyword === 'parameters')?.text ?? ''
    expect(parameters).toContain('Denoising strength: 0.6')

    const record = recordIn(dataDir, result.task_id)
    expect(record).toMatchObject({ kind: 'image2image', status: 'succeeded' })
    expect(record?.inputs?.[0]).toMatchObject({
      role: 'source',
      origin: 'upload',
      storageObject: null,
      sent: { width: 200, height: 120 },
    })
    expect(sd(record).params.alwayson_scripts).toMatchObject({ image_link: record?.inputs?.[0]?.url })
  })

  it('inpaint --wait sends the image and its mask; the picture follows the image that arrived', async () => {
    const dataDir = await tempDir()
    const input = await files()
    const env = { IMG_OPEN_DATA_DIR: dataDir }
    const inpaint = async (image: string, out: string) => {
      const run = await runInProcess(
        ['inpaint', '--params', input.params, '--image', image, '--mask', input.mask, '--wait', '--out', out],
        env,
      )
      expect(run.code, run.stderr).toBe(0)
      const [name] = await readdir(out)
      return sharp(join(out, name ?? ''))
        .raw()
        .toBuffer()
    }
    const red = await inpaint(input.red, join(dataDir, 'out-red'))
    const redAgain = await inpaint(input.red, join(dataDir, 'out-red-again'))
    const blue = await inpaint(input.blue, join(dataDir, 'out-blue'))
    expect(red.equals(redAgain)).toBe(true)
    expect(red.equals(blue)).toBe(false)
  })

  it('refuses a mask of another size and an image over the limits, each in one line with exit 1', async () => {
    const dataDir = await tempDir()
    const input = await files()
    const env = { IMG_OPEN_DATA_DIR: dataDir }
    const mismatch = await runInProcess(
      ['inpaint', '--params', input.params, '--image', input.red, '--mask', input.smallMask],
      env,
    )
    expect(mismatch).toMatchObject({ code: 1, stdout: '' })
    expect(mismatch.stderr).toBe(
      'img-open: The mask is 100×60 px but its image is 200×120 px; they must be the same size.\n',
    )

    const big = await runInProcess(['img2img', '--params', input.params, '--image', input.big], env)
    expect(big.code).toBe(1)
    expect(big.stderr).toMatch(
      /^img-open: The source image \(2600×400 px, \d+ bytes\) is over the limits .*--allow-resize/,
    )

    const resized = await runInProcess(
      ['img2img', '--params', input.params, '--image', input.big, '--allow-resize', '--wait', '--json'],
      env,
    )
    expect(resized.code, resized.stderr).toBe(0)
    const taskId = (JSON.parse(resized.stdout) as ImageJson).task_id
    expect(recordIn(dataDir, taskId)?.inputs?.[0]).toMatchObject({
      sent: { width: 2048, height: 315 },
      resizedFrom: { width: 2600, height: 400 },
    })
  })

  it('exits 2 with one line for wrong image arguments, before opening the data folder', async () => {
    const dataDir = await tempDir()
    const input = await files()
    const env = { IMG_OPEN_DATA_DIR: dataDir }
    const cases: [string[], RegExp][] = [
      [['inpaint', '--params', input.params, '--image', input.red], /needs --mask/],
      [
        ['img2img', '--params', input.params, '--image', input.red, '--mask', input.mask],
        /--mask is for inpaint only/,
      ],
      [['img2img', '--params', input.params], /img2img needs --image/],
      [
        ['img2img', '--params', input.params, '--image', 'ftp://example.com/a.png'],
        /Cannot read the image file/,
      ],
      [['img2img', '--params', input.params, '--image', input.notes], /is not a PNG, JPEG or WebP image/],
      [
        ['controlnet', '--params', input.shared, '--control', input.red],
        /lacks the required field "alwayson_scripts.controlnet"/,
      ],
      [
        ['controlnet', '--params', input.params, '--control', input.red],
        /has a field controlnet does not take: "mask_blur"/,
      ],
    ]
    for (const [args, message] of cases) {
      const run = await runInProcess(args, env)
      expect(run.code, args.join(' ')).toBe(2)
      expect(run.stderr, args.join(' ')).toMatch(message)
    }
    expect(await readdir(dataDir)).toEqual([])
  })

  it('controlnet gives each unit its --control image and checks their number', async () => {
    const dataDir = await tempDir()
    const input = await files()
    const params = join(dataDir, 'controlnet.json')
    await writeFile(
      params,
      JSON.stringify({
        ...sharedFile,
        alwayson_scripts: {
          ...sharedFile.alwayson_scripts,
          controlnet: {
            args: [
              { control_type: 'canny', module: 'canny' },
              { control_type: 'depth', module: 'depth' },
            ],
          },
        },
      }),
    )
    const env = { IMG_OPEN_DATA_DIR: dataDir }
    const tooMany = await runInProcess(
      [
        'controlnet',
        '--params',
        params,
        '--control',
        input.red,
        '--control',
        input.blue,
        '--control',
        input.red,
      ],
      env,
    )
    expect(tooMany).toMatchObject({ code: 2 })
    expect(tooMany.stderr).toContain('3 control images for 2 ControlNet units')
    const missing = await runInProcess(['controlnet', '--params', params, '--control', input.red], env)
    expect(missing.stderr).toContain('ControlNet unit 2 has no --control image')

    const run = await runInProcess(
      ['controlnet', '--params', params, '--control', input.red, '--image', input.blue, '--wait', '--json'],
      env,
    )
    expect(run.code, run.stderr).toBe(0)
    const record = recordIn(dataDir, (JSON.parse(run.stdout) as ImageJson).task_id)
    expect(record?.inputs?.map((item) => [item.role, item.unit])).toEqual([
      ['source', undefined],
      ['control', 0],
    ])
    expect(record).toMatchObject({ kind: 'controlnet', endpoint: 'controlnet-v2' })
  })

  it('controlnet --api v3 sends the units through text2image v3 and refuses another version', async () => {
    const dataDir = await tempDir()
    const input = await files()
    const params = join(dataDir, 'controlnet.json')
    const units = [{ control_type: 'OpenPose', module: 'openpose' }]
    await writeFile(
      params,
      JSON.stringify({
        ...sharedFile,
        alwayson_scripts: { ...sharedFile.alwayson_scripts, controlnet: { args: units } },
      }),
    )
    const env = { IMG_OPEN_DATA_DIR: dataDir }
    const wrong = await runInProcess(
      ['controlnet', '--params', params, '--control', input.red, '--api', 'v4'],
      env,
    )
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toMatch(/^img-open: .*v2 or v3/)

    const run = await runInProcess(
      ['controlnet', '--params', params, '--control', input.red, '--api', 'v3', '--wait', '--json'],
      env,
    )
    expect(run.code, run.stderr).toBe(0)
    const result = JSON.parse(run.stdout) as ImageJson
    expect(result).toMatchObject({ status: 'succeeded', images: [expect.any(String)] })
    const record = recordIn(dataDir, result.task_id)
    expect(record).toMatchObject({ kind: 'controlnet', endpoint: 'text2image-v3' })
    expect(record?.inputs?.map((item) => [item.role, item.unit])).toEqual([['control', 0]])
  })

  it('controlnet --api v3 refuses a size v3 does not take, before opening the data folder', async () => {
    const dataDir = await tempDir()
    const input = await files()
    const params = join(await tempDir(), 'wide.json')
    const units = [{ control_type: 'canny', module: 'canny' }]
    await writeFile(
      params,
      JSON.stringify({
        ...sharedFile,
        width: 1536,
        alwayson_scripts: { ...sharedFile.alwayson_scripts, controlnet: { args: units } },
      }),
    )
    const run = await runInProcess(
      ['controlnet', '--params', params, '--control', input.red, '--api', 'v3', '--wait'],
      { IMG_OPEN_DATA_DIR: dataDir },
    )
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(
      'The params file wide.json has a bad field "width": Text-to-image v3 takes a width of 128–1024 px.',
    )
    expect(await readdir(dataDir)).toEqual([])
  })
})
