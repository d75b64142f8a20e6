import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createSessionSecretStore } from '../../../main/services/credentials/secret-store'
import { simulatorTestKeys } from '../../../main/simulator/sim-keys'
import { objectsOnDisk, s3rverKeyId, useS3Server } from '../../support/s3-server'
import { useSimulators } from '../../support/simulators'
import { useTempDirs } from '../../support/temp-dir'
import { storageSecret } from '../storage/s3-tasks-kit'
import { trainParams, writeDataset } from '../training/training-kit'
import { recordIn, runImgOpen, setUpStorageProfile, withoutSessionBus } from './cli-kit'

/*
 * `img-open train` as a server or CI runs it: the profile's storage is a real s3rver that checks
 * signatures, the keys come from the environment, the service is the simulator.
 */
describe('img-open train', { timeout: 90_000 }, () => {
  const tempDir = useTempDirs()
  const s3Server = useS3Server()
  const startSimulator = useSimulators()

  async function setUp() {
    const simulator = await startSimulator({ keys: [simulatorTestKeys], trainingMs: 300 })
    const server = await s3Server('bkt', { checkSignatures: storageSecret })
    const dataDir = await tempDir()
    await setUpStorageProfile({
      dataDir,
      name: 'Trainer',
      simulator,
      server,
      services: { keychain: createSessionSecretStore() },
    })
    const env = {
      ...withoutSessionBus,
      IMG_OPEN_DATA_DIR: dataDir,
      IMG_OPEN_ACCESS_KEY_ID: simulatorTestKeys.accessKeyId,
      IMG_OPEN_ACCESS_KEY_SECRET: simulatorTestKeys.accessKeySecret,
      IMG_OPEN_STORAGE_ACCESS_KEY_ID: s3rverKeyId,
      IMG_OPEN_STORAGE_SECRET_ACCESS_KEY: storageSecret,
    }
    return { simulator, server, dataDir, env }
  }

  it('trains from a folder with --wait and prints the LoRA it produced', async () => {
    const { simulator, server, dataDir, env } = await setUp()
    const dir = await tempDir()
    const images = join(dir, 'images')
    await writeDataset(images, 10)
    const params = join(dir, 'train.json')
    await writeFile(params, JSON.stringify(trainParams))
    const run = await runImgOpen(
      [
        'train',
        '--profile',
        'Trainer',
        '--images',
        images,
        '--params',
        params,
        '--trigger',
        'zxq',
        '--wait',
        '--interval',
        '0.1',
        '--json',
      ],
      env,
    )
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const out = JSON.parse(run.stdout) as { task_id: string; status: string; lora: string }
    expect(out).toMatchObject({ status: 'succeeded', lora: `trained_${out.task_id}` })
    expect(simulator.training.jobs().map((job) => job.taskId)).toEqual([out.task_id])
    expect(simulator.training.jobs()[0]?.body).toMatchObject(trainParams)
    expect((await objectsOnDisk(server)).size).toBe(0)
    expect(recordIn(dataDir, out.task_id)).toMatchObject({ kind: 'training', triggerWords: ['zxq'] })
  })

  it('names an out-of-range field of the params file and sends nothing', async () => {
    const { simulator, env } = await setUp()
    const dir = await tempDir()
    const images = join(dir, 'images')
    await writeDataset(images, 10)
    const params = join(dir, 'train.json')
    await writeFile(params, JSON.stringify({ ...trainParams, batchSize: 9 }))
    const run = await runImgOpen(
      ['train', '--profile', 'Trainer', '--images', images, '--params', params],
      env,
    )
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('batchSize')
    expect(simulator.training.jobs()).toHaveLength(0)
  })

  it('refuses a folder with too few images before anything is sent', async () => {
    const { simulator, env } = await setUp()
    const dir = await tempDir()
    const images = join(dir, 'images')
    await writeDataset(images, 4)
    const params = join(dir, 'train.json')
    await writeFile(params, JSON.stringify(trainParams))
    const run = await runImgOpen(
      ['train', '--profile', 'Trainer', '--images', images, '--params', params],
      env,
    )
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('too_few')
    expect(simulator.training.jobs()).toHaveLength(0)
  })
})
