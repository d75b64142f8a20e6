import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { simulatorTestKeys } from '../../../main/simulator/sim-keys'
import { useSimulators } from '../../support/simulators'
import { useTempDirs } from '../../support/temp-dir'
import { submitsById } from '../queue/queue-kit'
import { runImgOpen } from './cli-kit'

const params = {
  prompt: 'a {red|blue|green} cat on a {mat|roof}',
  steps: 4,
  seed: 7,
  width: 128,
  height: 128,
  alwayson_scripts: { sd_model_checkpoint: 'revAnimated_v122_7371.safetensors' },
}

describe('img-open through the queue', { timeout: 120_000 }, () => {
  const tempDir = useTempDirs()
  const startSimulator = useSimulators()

  async function setUp() {
    // Any third unfinished task is refused: a CLI that ignored the limit of 2 would see refusals.
    const simulator = await startSimulator({ timing: { queueMs: 40, msPerStep: 10 }, maxActiveTasks: 2 })
    const work = await tempDir()
    const file = join(work, 'params.json')
    await writeFile(file, JSON.stringify(params))
    const env = {
      IMG_OPEN_DATA_DIR: await tempDir(),
      IMG_OPEN_ACCESS_KEY_ID: simulatorTestKeys.accessKeyId,
      IMG_OPEN_ACCESS_KEY_SECRET: simulatorTestKeys.accessKeySecret,
    }
    return { simulator, file, env }
  }

  it('generate with many prompts keeps to the limit and sends each task once', async () => {
    const { simulator, file, env } = await setUp()
    const run = await runImgOpen(
      [
        'generate',
        '--params',
        file,
        '--base-url',
        simulator.url,
        '--dynamic',
        'combinatorial',
        '--wait',
        '--json',
      ],
      env,
    )
    expect(run.code).toBe(0)
    const { tasks } = JSON.parse(run.stdout) as { tasks: { task_id: string; status: string }[] }
    expect(tasks.map((task) => task.status)).toEqual(Array(6).fill('succeeded'))
    expect(simulator.tasks.peakActive()).toBeLessThanOrEqual(2)
    expect(tasks.map((task) => submitsById(simulator).get(task.task_id))).toEqual(Array(6).fill(1))
  })

  it('plot sends its cells within the limit, and without --wait still sends them all', async () => {
    const { simulator, file, env } = await setUp()
    const run = await runImgOpen(
      [
        'plot',
        '--params',
        file,
        '--base-url',
        simulator.url,
        '--x',
        'steps: 4, 5, 6',
        '--y',
        'cfg_scale: 5, 7',
      ],
      env,
    )
    expect(run.code).toBe(0)
    expect(simulator.tasks.peakActive()).toBeLessThanOrEqual(2)
    expect([...submitsById(simulator).values()]).toEqual(Array(6).fill(1))
  })
})
