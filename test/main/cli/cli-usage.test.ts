import { readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useServices } from '../../support/services'
import { useTempDirs } from '../../support/temp-dir'
import { runImgOpen, runInProcess } from './cli-kit'

const commands = [
  'generate',
  'img2img',
  'inpaint',
  'controlnet',
  'status',
  'history',
  'models',
  'loras',
  'vaes',
  'embeddings',
] as const

describe('img-open usage, help and one-line errors', { timeout: 60_000 }, () => {
  const tempDir = useTempDirs()
  const services = useServices()

  it('prints help with examples and the version from the real command', async () => {
    const help = await runImgOpen(['--help'], {})
    expect(help.code).toBe(0)
    for (const command of commands) expect(help.stdout).toContain(command)
    expect(help.stdout).toContain('IMG_OPEN_ACCESS_KEY_SECRET')
    expect(help.stdout).toMatch(/^ {2}IMG_OPEN_STORAGE_ACCESS_KEY_ID +image storage key id for this run/m)
    expect(help.stdout).toMatch(
      /^ {2}IMG_OPEN_STORAGE_SECRET_ACCESS_KEY +image storage secret .*never saved or printed$/m,
    )
    expect(help.stdout).toContain('Examples:')
    expect(help.stderr).toBe('')

    const version = await runImgOpen(['--version'], {})
    expect(version).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) })
  })

  it.each(commands)('explains `%s --help` with its options and examples', async (command) => {
    const help = await runInProcess([command, '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain(`Usage: img-open ${command}`)
    expect(help.stdout).toContain('Examples:')
    expect(help.stdout).toContain(`$ img-open ${command}`)
    expect(help.stdout).toContain('--json')
    expect(await runInProcess(['help', command])).toEqual(help)
  })

  it.each(['img2img', 'inpaint', 'controlnet'])(
    'tells in `%s --help` how to give the storage keys without a keychain',
    async (command) => {
      const help = await runInProcess([command, '--help'])
      const text = help.stdout.replace(/\s+/g, ' ')
      expect(text).toContain(
        "IMG_OPEN_STORAGE_ACCESS_KEY_ID and IMG_OPEN_STORAGE_SECRET_ACCESS_KEY give the storage's keys for one run",
      )
      expect(text).toContain('$ IMG_OPEN_STORAGE_ACCESS_KEY_ID=… IMG_OPEN_STORAGE_SECRET_ACCESS_KEY=…')
    },
  )

  it('exits 2 with one line for a wrong command line', async () => {
    for (const args of [['bogus'], ['generate'], ['history', '--limit', '0'], ['models', '--nope']]) {
      const run = await runInProcess(args)
      expect(run.code, args.join(' ')).toBe(2)
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1)
      expect(run.stderr).toMatch(/^img-open: .+\(see --help\)\n$/)
      expect(run.stdout).toBe('')
    }
  })

  it('rejects a bad params file with exit 2, naming the field, before touching the data folder', async () => {
    const dataDir = await tempDir()
    const params = join(await tempDir(), 'bad.json')
    await writeFile(
      params,
      JSON.stringify({ prompt: 'x', steps: 500, alwayson_scripts: { sd_model_checkpoint: 'a.safetensors' } }),
    )
    const english = await runImgOpen(['generate', '--params', params, '--wait'], {
      IMG_OPEN_DATA_DIR: dataDir,
    })
    expect(english.code).toBe(2)
    expect(english.stderr).toMatch(/^img-open: The params file bad\.json has a bad field "steps": .*150\n$/)
    expect(english.stdout).toBe('')

    const chinese = await runImgOpen(['generate', '--params', params], {
      IMG_OPEN_DATA_DIR: dataDir,
      LC_ALL: 'zh_CN.UTF-8',
    })
    expect(chinese.code).toBe(2)
    expect(chinese.stderr).toMatch(/^img-open：参数文件 bad\.json 的字段“steps”有误：.*150\n$/)
    expect(await readdir(dataDir)).toEqual([])
  })

  it('names the missing field of a params file and the unreadable file', async () => {
    const dir = await tempDir()
    const missing = join(dir, 'missing-model.json')
    await writeFile(missing, JSON.stringify({ prompt: 'x', alwayson_scripts: {} }))
    const run = await runInProcess(['generate', '--params', missing], { IMG_OPEN_DATA_DIR: dir })
    expect(run).toMatchObject({ code: 2, stdout: '' })
    expect(run.stderr).toContain('"alwayson_scripts.sd_model_checkpoint"')

    const absent = await runInProcess(['generate', '--params', join(dir, 'nope.json')], {
      IMG_OPEN_DATA_DIR: dir,
    })
    expect(absent.code).toBe(2)
    expect(absent.stderr).toBe(`img-open: Cannot read the params file ${join(dir, 'nope.json')}.\n`)
  })

  it('says so in one line, exit 1, when the app holds the history', async () => {
    const dataDir = await tempDir()
    await services({ dataDir })
    const run = await runImgOpen(['history'], { IMG_OPEN_DATA_DIR: dataDir })
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(
      'img-open: The app (or another img-open) is running and holds the history; close it or use IMG_OPEN_DATA_DIR for another data folder.\n',
    )
    expect(run.stdout).toBe('')
  })
})
