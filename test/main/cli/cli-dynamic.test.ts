import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readPngText } from '../../../main/services/images/png-metadata'
import { simulatorTestKeys } from '../../../main/simulator/sim-keys'
import { useSimulators } from '../../support/simulators'
import { useTempDirs } from '../../support/temp-dir'
import { recordIn, runImgOpen, runInProcess } from './cli-kit'

const template = 'a {red|blue} cat, __styles/light__'
const paramsFile = {
  prompt: template,
  steps: 4,
  seed: 7,
  width: 256,
  height: 256,
  alwayson_scripts: { sd_model_checkpoint: 'revAnimated_v122_7371.safetensors' },
}

interface DynamicJson {
  tasks: { task_id: string; prompt: string; status: string; images: string[] }[]
}

describe('img-open generate --dynamic', { timeout: 90_000 }, () => {
  const tempDir = useTempDirs()
  const startSimulator = useSimulators()

  async function setUp() {
    const simulator = await startSimulator({
      keys: [simulatorTestKeys],
      timing: { queueMs: 20, msPerStep: 5 },
    })
    const dataDir = await tempDir()
    const work = await tempDir()
    const wildcards = join(work, 'my-wildcards')
    await mkdir(join(wildcards, 'styles'), { recursive: true })
    await writeFile(join(wildcards, 'styles', 'light.txt'), '# lighting\nsoft light\nrim light\n')
    const params = join(work, 'params.json')
    await writeFile(params, JSON.stringify(paramsFile))
    const env = {
      IMG_OPEN_DATA_DIR: dataDir,
      IMG_OPEN_ACCESS_KEY_ID: simulatorTestKeys.accessKeyId,
      IMG_OPEN_ACCESS_KEY_SECRET: simulatorTestKeys.accessKeySecret,
    }
    return { simulator, dataDir, wildcards, params, env }
  }

  it('combinatorial: one task per expansion, each recorded with its prompt and the template', async () => {
    const { simulator, dataDir, wildcards, params, env } = await setUp()
    const run = await runImgOpen(
      [
        'generate',
        '--params',
        params,
        '--base-url',
        simulator.url,
        '--dynamic',
        'combinatorial',
        '--wildcards',
        wildcards,
        '--wait',
        '--json',
      ],
      env,
    )
    expect(run.code).toBe(0)
    const { tasks } = JSON.parse(run.stdout) as DynamicJson
    expect(tasks.map((task) => task.prompt)).toEqual([
      'a red cat, soft light',
      'a red cat, rim light',
      'a blue cat, soft light',
      'a blue cat, rim light',
    ])
    expect(new Set(tasks.map((task) => task.task_id)).size).toBe(4)
    expect(run.stderr).toContain('4 of 4 prompt(s)')
    for (const task of tasks) {
      expect(task.status).toBe('succeeded')
      expect(simulator.tasks.get(task.task_id)).toBeDefined()
      expect(recordIn(dataDir, task.task_id)).toMatchObject({
        promptTemplate: template,
        params: { prompt: task.prompt },
      })
    }
    const png = await readFile(tasks[0]?.images[0] ?? '')
    const parameters = readPngText(png).find((entry) => entry.keyword === 'parameters')?.text ?? ''
    expect(parameters.split('\n')[0]).toBe('a red cat, soft light')
    expect(parameters).toContain(`Template: "${template}"`)
  })

  it('random: --count prompts, the same ones again for the same seed', async () => {
    const { simulator, wildcards, params, env } = await setUp()
    const args = [
      'generate',
      '--params',
      params,
      '--base-url',
      simulator.url,
      '--dynamic',
      'random',
      '--count',
      '3',
      '--wildcards',
      wildcards,
      '--json',
    ]
    const first = JSON.parse((await runImgOpen(args, env)).stdout) as DynamicJson
    const again = JSON.parse((await runImgOpen(args, env)).stdout) as DynamicJson
    expect(first.tasks).toHaveLength(3)
    for (const task of first.tasks) expect(task.prompt).toMatch(/^a (red|blue) cat, (soft|rim) light$/)
    expect(again.tasks.map((task) => task.prompt)).toEqual(first.tasks.map((task) => task.prompt))
  })

  it('refuses an unknown wildcard before anything is sent, naming it', async () => {
    const { dataDir, params } = await setUp()
    const run = await runInProcess(['generate', '--params', params, '--dynamic', 'random'], {
      IMG_OPEN_DATA_DIR: dataDir,
    })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('No wildcard file "styles/light"')
    expect(run.stdout).toBe('')
  })

  it('refuses --count without --dynamic', async () => {
    const { dataDir, params } = await setUp()
    const run = await runInProcess(['generate', '--params', params, '--count', '2'], {
      IMG_OPEN_DATA_DIR: dataDir,
    })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('--count and --wildcards only apply with --dynamic')
  })
})
