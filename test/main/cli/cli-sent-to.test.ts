import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { simulatorTestKeys } from '../../../main/simulator/sim-keys'
import { useSimulators } from '../../support/simulators'
import { useTempDirs } from '../../support/temp-dir'
import { recordIn, runImgOpen } from './cli-kit'

/*
 * Issue 14 item 9: a task sent with --base-url and the key variables is recorded with where it
 * went (never the keys), and later status queries go there, not to the active profile's service.
 */
describe('img-open status asks the service a task was sent to', { timeout: 60_000 }, () => {
  const tempDir = useTempDirs()
  const startSimulator = useSimulators()

  it('records --base-url and the key variables, and reconciles there (waiting for the keys if gone)', async () => {
    const simulator = await startSimulator({
      keys: [simulatorTestKeys],
      timing: { queueMs: 20, msPerStep: 10 },
    })
    const dataDir = await tempDir()
    const params = join(dataDir, 'params.json')
    await writeFile(
      params,
      JSON.stringify({
        prompt: 'a lighthouse',
        steps: 6,
        width: 256,
        height: 256,
        alwayson_scripts: { sd_model_checkpoint: 'revAnimated_v122_7371.safetensors' },
      }),
    )
    const keys = {
      IMG_OPEN_ACCESS_KEY_ID: simulatorTestKeys.accessKeyId,
      IMG_OPEN_ACCESS_KEY_SECRET: simulatorTestKeys.accessKeySecret,
    }
    const sent = await runImgOpen(['generate', '--params', params, '--base-url', simulator.url, '--json'], {
      IMG_OPEN_DATA_DIR: dataDir,
      ...keys,
    })
    expect(sent.stderr).toBe('')
    expect(sent.code).toBe(0)
    const taskId = (JSON.parse(sent.stdout) as { task_id: string }).task_id
    const recorded = recordIn(dataDir, taskId)
    expect(recorded?.sentTo).toEqual({ baseUrl: simulator.url, keys: 'environment' })
    expect(JSON.stringify(recorded)).not.toContain(simulatorTestKeys.accessKeySecret)
    expect(JSON.stringify(recorded)).not.toContain(simulatorTestKeys.accessKeyId)

    // Without the keys, the task stays unfinished and the user is told why: not failed, not asked elsewhere.
    const withoutKeys = await runImgOpen(['status', taskId], { IMG_OPEN_DATA_DIR: dataDir })
    expect(withoutKeys.code).toBe(0)
    expect(withoutKeys.stderr).toContain(
      `Task ${taskId} was sent to ${simulator.url} with the keys of IMG_OPEN_ACCESS_KEY_ID and IMG_OPEN_ACCESS_KEY_SECRET, which are not set now.`,
    )
    expect(recordIn(dataDir, taskId)?.status).not.toBe('failed')

    // With them again (no --base-url this time), the simulator it went to is asked.
    const withKeys = await runImgOpen(['status', taskId, '--wait'], { IMG_OPEN_DATA_DIR: dataDir, ...keys })
    expect(withKeys.code).toBe(0)
    expect(withKeys.stdout).toMatch(/Status:\s+succeeded/)
    expect(recordIn(dataDir, taskId)?.status).toBe('succeeded')
  })
})
