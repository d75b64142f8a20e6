import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { TaskRecord } from '#contract'
import type { Services } from '../../../main/services/create-services'
import { readPngText } from '../../../main/services/images/png-metadata'
import { useServices } from '../../support/services'
import { useTempDirs } from '../../support/temp-dir'

const ctx = { transport: 'in-process' } as const
const fastTracking = { firstIntervalMs: 50, slowAfterMs: 1_000, maxIntervalMs: 200 }

async function call<T>(services: Services, name: string, input: unknown): Promise<T> {
  const result = await services.dispatch(name, input, ctx)
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`)
  return result.value as T
}

describe('results written to the output folder (demo profile, real services)', () => {
  const tempDir = useTempDirs()
  const services = useServices()

  it('writes each result of a finished task under the pattern, with infotext, and keeps its origin', async () => {
    const app = await services({ dataDir: await tempDir(), trackerLimits: fastTracking })
    const folder = join(await tempDir(), 'out')
    const state = await call<{ example: string }>(app, 'outputs.configure', {
      folder,
      pattern: '[task_id]-[batch]-[seed]',
    })
    expect(state.example).toMatch(/^img-20261207-0001-1-1234567\.png$/)
    const { taskId } = await call<{ taskId: string }>(app, 'tasks.submit', {
      kind: 'text2image',
      params: {
        prompt: 'a lighthouse at dusk',
        seed: 42,
        batch_size: 2,
        width: 64,
        height: 64,
        alwayson_scripts: { sd_model_checkpoint: 'revAnimated_v122_7371.safetensors' },
      },
      origin: { kind: 'rerun', taskId: 'earlier-task' },
    })
    await expect
      .poll(() => app.history.get(taskId)?.status, { timeout: 20_000, interval: 50 })
      .toBe('succeeded')
    const record = app.history.get(taskId) as TaskRecord
    expect(record.origin).toEqual({ kind: 'rerun', taskId: 'earlier-task' })
    await app.outputs.idle()
    const names = (await readdir(folder)).sort()
    expect(names).toEqual(
      record.images.map((image, index) => `${taskId}-${index + 1}-${image.seed ?? 42}.png`).sort(),
    )
    const text = readPngText(await readFile(join(folder, names[0] ?? ''))).find(
      (entry) => entry.keyword === 'parameters',
    )?.text
    expect(text).toContain('a lighthouse at dusk')
    expect(text).toContain('Model: revAnimated_v122_7371')
  })
})
