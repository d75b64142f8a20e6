import { readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDirs } from '../../support/temp-dir'
import { runInProcess } from './cli-kit'

/*
 * A params file's field errors name the field (its full path) and, for numbers, the allowed range;
 * a field the endpoint does not take is refused by name, never silently dropped. Exit 2, one line,
 * before the data folder is touched.
 */
const model = { sd_model_checkpoint: 'photon_v1_84728.safetensors' }
const link = 'https://cdn.example.com/photo.png'
const unit = { module: 'canny' }

/** Every command that reads a params file, with the image arguments it needs besides. */
const commands = [
  ['generate', [], {}],
  ['img2img', ['--image', link], {}],
  ['inpaint', ['--image', link, '--mask', link], {}],
  ['controlnet', ['--image', link], { controlnet: { args: [unit] } }],
] as const

describe('img-open params file field errors', { timeout: 60_000 }, () => {
  const tempDir = useTempDirs()

  async function run(command: string, extra: readonly string[], body: object, env: NodeJS.ProcessEnv = {}) {
    const dataDir = await tempDir()
    const file = join(await tempDir(), 'body.json')
    await writeFile(file, JSON.stringify(body))
    const result = await runInProcess([command, '--params', file, ...extra], {
      IMG_OPEN_DATA_DIR: dataDir,
      ...env,
    })
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(await readdir(dataDir)).toEqual([])
    return result.stderr
  }

  it.each(commands)(
    '%s: an unknown field such as "stepz" is named, with the field it probably meant',
    async (command, extra, scripts) => {
      const stderr = await run(command, extra, {
        prompt: 'x',
        stepz: 30,
        alwayson_scripts: { ...model, ...scripts },
      })
      expect(stderr).toBe(
        `img-open: The params file body.json has a field ${command} does not take: "stepz" (did you mean "steps"?).\n`,
      )
    },
  )

  it.each(commands)(
    '%s: a missing checkpoint is named by its full path, with or without alwayson_scripts',
    async (command, extra, scripts) => {
      const withoutScripts = await run(command, extra, {
        prompt: 'x',
        ...(command === 'controlnet' ? {} : {}),
      })
      const withScripts = await run(command, extra, { prompt: 'x', alwayson_scripts: { ...scripts } })
      for (const stderr of [withScripts, withoutScripts])
        expect(stderr).toBe(
          'img-open: The params file body.json lacks the required field "alwayson_scripts.sd_model_checkpoint".\n',
        )
    },
  )

  it.each(commands)(
    '%s: a number out of range is named with its allowed range',
    async (command, extra, scripts) => {
      const stderr = await run(command, extra, {
        prompt: 'x',
        cfg_scale: 45,
        alwayson_scripts: { ...model, ...scripts },
      })
      expect(stderr).toBe(
        'img-open: The params file body.json has a bad field "cfg_scale": 45 is outside the allowed range 1–30\n',
      )
    },
  )

  it('names unknown fields deep in the body: inside alwayson_scripts and inside a ControlNet unit', async () => {
    const scripts = await run('generate', [], { prompt: 'x', alwayson_scripts: { ...model, sd_vea: 'v.pt' } })
    expect(scripts).toContain('"alwayson_scripts.sd_vea" (did you mean "alwayson_scripts.sd_vae"?)')
    const inUnit = await run('controlnet', ['--image', link], {
      prompt: 'x',
      alwayson_scripts: { ...model, controlnet: { args: [{ ...unit, wieght: 1 }] } },
    })
    expect(inUnit).toContain(
      '"alwayson_scripts.controlnet.args.0.wieght" (did you mean "alwayson_scripts.controlnet.args.0.weight"?)',
    )
    const unrelated = await run('generate', [], { prompt: 'x', lighthouse: true, alwayson_scripts: model })
    expect(unrelated).toBe(
      'img-open: The params file body.json has a field generate does not take: "lighthouse".\n',
    )
  })

  it('says it in Chinese too, with the range of a unit field', async () => {
    const stderr = await run(
      'controlnet',
      ['--image', link],
      { prompt: 'x', alwayson_scripts: { ...model, controlnet: { args: [{ ...unit, weight: 3 }] } } },
      { LC_ALL: 'zh_CN.UTF-8' },
    )
    expect(stderr).toBe(
      'img-open：参数文件 body.json 的字段“alwayson_scripts.controlnet.args.0.weight”有误：3 超出允许范围 0–2\n',
    )
    const unknown = await run(
      'generate',
      [],
      { prompt: 'x', stepz: 3, alwayson_scripts: model },
      { LC_ALL: 'zh_CN.UTF-8' },
    )
    expect(unknown).toBe(
      'img-open：参数文件 body.json 含有 generate 不接受的字段“stepz”（是否想写“steps”？）。\n',
    )
  })
})
