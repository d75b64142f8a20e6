import { randomUUID } from 'node:crypto'
import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readPngText } from '../../../main/services/images/png-metadata'
import { isPng } from '#contract'
import { simulatorTestKeys } from '../../../main/simulator/sim-keys'
import { useSimulators } from '../../support/simulators'
import { useTempDirs } from '../../support/temp-dir'
import { ansiEscape, filesUnder, runImgOpen, runInProcess } from './cli-kit'

const checkpoint = 'revAnimated_v122_7371.safetensors'

/** A params file as a user writes it: the API's names, `seed` as the API's string, an `id_task`. */
const paramsFile = {
  prompt: 'a lighthouse at dusk, (storm:1.2)',
  negative_prompt: 'lowres',
  steps: 6,
  seed: '42',
  width: 256,
  height: 256,
  alwayson_scripts: { sd_model_checkpoint: checkpoint, id_task: 'mine-123' },
}

interface GenerateJson {
  task_id: string
  status: string
  images: string[]
  error?: { code: string; message: string }
}

// Each spawned command starts tsx (about a second of CPU); on a loaded two-core machine that adds up.
describe('img-open generate, status and history', { timeout: 60_000 }, () => {
  const tempDir = useTempDirs()
  const startSimulator = useSimulators()

  const writeParams = async (dir: string, body: unknown = paramsFile) => {
    const path = join(dir, 'params.json')
    await writeFile(path, JSON.stringify(body))
    return path
  }

  it('generates with the demo profile: PNGs with their parameters, recorded in the history', async () => {
    const dataDir = await tempDir()
    const env = { IMG_OPEN_DATA_DIR: dataDir }
    const params = await writeParams(await tempDir())

    const generated = await runImgOpen(['generate', '--params', params, '--wait', '--json'], env)
    expect(generated.stderr).not.toMatch(ansiEscape)
    expect(generated.stdout).not.toMatch(ansiEscape)
    expect(generated.code).toBe(0)
    // stdout is exactly one JSON object; the progress went to stderr as plain lines.
    const result = JSON.parse(generated.stdout) as GenerateJson
    expect(result).toEqual({
      task_id: expect.stringMatching(/^iow/),
      status: 'succeeded',
      images: [expect.any(String)],
    })
    expect(result.task_id).not.toBe('mine-123')
    expect(generated.stderr).toContain('id_task')
    expect(generated.stderr).toContain(`${result.task_id} succeeded 100%`)

    const image = result.images[0] ?? ''
    expect(image.startsWith(join(dataDir, 'images'))).toBe(true)
    const png = await readFile(image)
    expect(isPng(png)).toBe(true)
    const parameters = readPngText(png).find((entry) => entry.keyword === 'parameters')?.text ?? ''
    expect(parameters).toContain('a lighthouse at dusk, (storm:1.2)\nNegative prompt: lowres\nSteps: 6')
    expect(parameters).toContain('Seed: 42')

    const history = await runImgOpen(['history', '--json'], env)
    expect(history.code).toBe(0)
    const listed = JSON.parse(history.stdout) as { total: number; tasks: Record<string, unknown>[] }
    expect(listed.total).toBe(1)
    expect(listed.tasks[0]).toMatchObject({
      task_id: result.task_id,
      status: 'succeeded',
      profile: 'Demo (offline simulator)',
      images: [image],
      params: { prompt: paramsFile.prompt, seed: 42, steps: 6 },
    })

    const found = await runInProcess(['history', '--search', 'lighth'], env)
    expect(found.stdout).toMatch(
      new RegExp(`succeeded\\s+${result.task_id}\\s+1 img\\s+a lighthouse at dusk`),
    )
    const none = await runInProcess(['history', '--search', 'submarine'], env)
    expect(none).toMatchObject({ code: 0, stdout: 'No tasks in the history.\n' })

    const status = await runImgOpen(['status', result.task_id], env)
    expect(status.code).toBe(0)
    expect(status.stdout).toMatch(new RegExp(`Task:\\s+${result.task_id}`))
    expect(status.stdout).toMatch(/Status:\s+succeeded/)
    expect(status.stdout).toContain(image)
  })

  it('talks to a simulator given by --base-url and the key variables: --out copies, models lists', async () => {
    const simulator = await startSimulator({
      keys: [simulatorTestKeys],
      timing: { queueMs: 20, msPerStep: 10 },
    })
    const dataDir = await tempDir()
    const outDir = join(await tempDir(), 'renders')
    const env = {
      IMG_OPEN_DATA_DIR: dataDir,
      IMG_OPEN_ACCESS_KEY_ID: simulatorTestKeys.accessKeyId,
      IMG_OPEN_ACCESS_KEY_SECRET: simulatorTestKeys.accessKeySecret,
    }
    const params = await writeParams(await tempDir(), { ...paramsFile, batch_size: 2 })

    const generated = await runImgOpen(
      ['generate', '--params', params, '--base-url', simulator.url, '--wait', '--out', outDir],
      env,
    )
    expect(generated.code).toBe(0)
    expect(generated.stderr).not.toMatch(ansiEscape)
    const taskId = /Task:\s+(\S+)/.exec(generated.stdout)?.[1] ?? ''
    expect(simulator.tasks.get(taskId)?.imageCount).toBe(2)
    const copied = (await readdir(outDir)).sort()
    expect(copied).toEqual([`${taskId}-1.png`, `${taskId}-2.png`])
    for (const name of copied) {
      expect(generated.stdout).toContain(join(outDir, name))
      const png = await readFile(join(outDir, name))
      expect(readPngText(png).some((entry) => entry.keyword === 'parameters')).toBe(true)
    }

    const models = await runImgOpen(['models', '--json', '--base-url', simulator.url], env)
    expect(models.code).toBe(0)
    const list = JSON.parse(models.stdout) as { kind: string; items: { file_name: string }[] }
    expect(list.kind).toBe('checkpoint')
    expect(list.items.map((item) => item.file_name)).toContain(checkpoint)
    expect(list.items.length).toBe(6)
    // The override was for those runs only: nothing about it was saved.
    const settings = await readFile(join(dataDir, 'settings.json'), 'utf8').catch(() => '')
    expect(settings).not.toContain(simulator.url)
  })

  it('submits without --wait, then `status --wait` follows the task to its end', async () => {
    const simulator = await startSimulator({
      keys: [simulatorTestKeys],
      timing: { queueMs: 300, msPerStep: 150 },
    })
    const env = {
      IMG_OPEN_DATA_DIR: await tempDir(),
      IMG_OPEN_BASE_URL: simulator.url,
      IMG_OPEN_ACCESS_KEY_ID: simulatorTestKeys.accessKeyId,
      IMG_OPEN_ACCESS_KEY_SECRET: simulatorTestKeys.accessKeySecret,
    }
    const params = await writeParams(await tempDir(), { ...paramsFile, steps: 20 })

    const submitted = await runImgOpen(['generate', '--params', params, '--json'], env)
    expect(submitted.code).toBe(0)
    const task = JSON.parse(submitted.stdout) as GenerateJson
    expect(task).toEqual({ task_id: expect.any(String), status: 'queued', images: [] })
    expect(simulator.tasks.get(task.task_id)?.state).not.toBe('succeeded')

    const followed = await runImgOpen(['status', task.task_id, '--wait', '--json'], env)
    expect(followed.code).toBe(0)
    expect(JSON.parse(followed.stdout)).toMatchObject({
      task_id: task.task_id,
      status: 'succeeded',
      images: [expect.stringMatching(/\.png$/)],
      error: null,
    })
    expect(followed.stderr).toContain(`${task.task_id} succeeded 100%`)
  })

  it('fails with wrong keys: exit 1, the auth message, and the secret written nowhere', async () => {
    const simulator = await startSimulator({
      keys: [simulatorTestKeys],
      timing: { queueMs: 20, msPerStep: 10 },
    })
    const dataDir = await tempDir()
    const canary = `CANARY-${randomUUID()}`
    const env = {
      IMG_OPEN_DATA_DIR: dataDir,
      IMG_OPEN_BASE_URL: simulator.url,
      IMG_OPEN_ACCESS_KEY_ID: simulatorTestKeys.accessKeyId,
      IMG_OPEN_ACCESS_KEY_SECRET: canary,
    }
    const params = await writeParams(await tempDir())

    const run = await runImgOpen(['generate', '--params', params, '--wait', '--json'], env)
    expect(run.code).toBe(1)
    const result = JSON.parse(run.stdout) as GenerateJson
    expect(result).toMatchObject({ status: 'failed', images: [], error: { code: 'auth' } })
    const errorLines = run.stderr.split('\n').filter((line) => line.startsWith('img-open: '))
    expect(errorLines).toEqual(['img-open: ' + (result.error?.message ?? '')])
    expect(result.error?.message).toMatch(/refused the access keys/)
    expect(run.stderr).not.toMatch(/\bat .+:\d+:\d+/)

    expect(run.stdout + run.stderr).not.toContain(canary)
    const written = await filesUnder(dataDir)
    expect(written.map((file) => file.path)).toContain(join(dataDir, 'history.db'))
    for (const file of written) expect(file.bytes.includes(canary), file.path).toBe(false)
  })
})
