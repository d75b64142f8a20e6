import { describe, expect, it } from 'vitest'
import type { PlotRecord } from '#contract'
import { createSessionSecretStore } from '../../../main/services/credentials/secret-store'
import type { Services } from '../../../main/services/create-services'
import { readPngText } from '../../../main/services/images/png-metadata'
import { simulatorTestKeys } from '../../../main/simulator/sim-keys'
import { sd } from '../sd-task'
import { useServices } from '../../support/services'
import { useSimulators } from '../../support/simulators'
import { useTempDirs } from '../../support/temp-dir'
import sharp from 'sharp'
import { readFile } from 'node:fs/promises'
import { plotRequestSchema, type PlotRequestInput } from '#contract'
import { createEventBus } from '../../../main/services/event-bus'
import { findLabelFontFile } from '../../../main/services/plot/label-font'
import { createPlotService } from '../../../main/services/plot/plot-service'

const planInput = (input: PlotRequestInput) => plotRequestSchema.parse(input)

const ctx = { transport: 'in-process' } as const
const base = {
  kind: 'text2image',
  params: {
    prompt: 'a lighthouse at dusk',
    steps: 8,
    width: 128,
    height: 128,
    alwayson_scripts: { sd_model_checkpoint: 'revAnimated_v122_7371.safetensors' },
  },
} as const
const fastTracking = { firstIntervalMs: 50, slowAfterMs: 1_000, maxIntervalMs: 200 }

async function call<T>(services: Services, name: string, input: unknown): Promise<T> {
  const result = await services.dispatch(name, input, ctx)
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`)
  return result.value as T
}

describe('X/Y/Z plots through the real services and the simulator', () => {
  const tempDir = useTempDirs()
  const services = useServices()
  const startSimulator = useSimulators()

  it('plans, refuses a bad value by axis and value, and sends nothing for it', async () => {
    const app = await services({ dataDir: await tempDir(), trackerLimits: fastTracking })
    const plan = await call<{ taskCount: number; axes: { labels: string[] }[] }>(app, 'plot.plan', {
      base,
      x: { type: 'steps', values: '10-30 (+10)' },
      y: { type: 'cfg_scale', values: '5, 7' },
    })
    expect(plan.taskCount).toBe(6)
    expect(plan.axes[0]?.labels).toEqual(['Steps: 10', 'Steps: 20', 'Steps: 30'])
    const refused = await app.dispatch('plot.start', { base, x: { type: 'steps', values: '10, 900' } }, ctx)
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_request',
        details: { axis: 'x', type: 'steps', value: '900', reason: 'out_of_range' },
      },
    })
    expect((await call<{ items: unknown[] }>(app, 'history.list', {})).items).toEqual([])
  })

  it(
    'runs every cell as a task tagged with its place and composes a labelled grid with infotext',
    { timeout: 60_000 },
    async () => {
      const app = await services({ dataDir: await tempDir(), trackerLimits: fastTracking })
      const started = await call<PlotRecord>(app, 'plot.start', {
        base,
        x: { type: 'steps', values: '10, 20' },
        y: { type: 'prompt_sr', values: 'lighthouse, 灯塔' },
      })
      expect(started.cells.map((cell) => cell.status)).toEqual(['running', 'running', 'running', 'running'])
      const done = await app.plots.waitDone(started.id)
      expect(done.cells.every((cell) => cell.status === 'succeeded')).toBe(true)
      const tasks = done.cells.map((cell) => sd(app.history.get(cell.taskId ?? '')))
      expect(
        tasks.map((task) => [task.plot?.x, task.plot?.y, task.params.steps, task.params.prompt]),
      ).toEqual([
        [0, 0, 10, 'a lighthouse at dusk'],
        [1, 0, 20, 'a lighthouse at dusk'],
        [0, 1, 10, 'a 灯塔 at dusk'],
        [1, 1, 20, 'a 灯塔 at dusk'],
      ])
      const file = await app.images.locate(done.gridCacheKey ?? '')
      const png = await readFile(file ?? '')
      const meta = await sharp(png).metadata()
      expect([meta.width, meta.height]).toEqual([done.gridWidth, done.gridHeight])
      // Two columns beside the row labels, two rows under the column labels, at full resolution.
      const cellFile = await app.images.locate(tasks[0]?.images[0]?.cacheKey ?? '')
      const cell = await sharp(cellFile ?? '').metadata()
      expect(meta.width).toBeGreaterThan(2 * cell.width)
      expect(meta.height).toBeGreaterThan(2 * cell.height)
      const infotext = readPngText(png).find((entry) => entry.keyword === 'parameters')?.text ?? ''
      expect(infotext).toContain('Script: X/Y/Z plot, X Type: Steps, X Values: "10, 20", Y Type: Prompt S/R')
      expect(infotext.startsWith('a lighthouse at dusk\n')).toBe(true)
    },
  )

  it(
    'marks a failed cell with its reason and retries it alone, composing again',
    { timeout: 60_000 },
    async () => {
      const simulator = await startSimulator({ timing: { queueMs: 10, msPerStep: 5 } })
      const app = await services({
        dataDir: await tempDir(),
        trackerLimits: fastTracking,
        keychain: createSessionSecretStore(),
      })
      const profile = await call<{ id: string }>(app, 'profiles.create', {
        name: 'Sim',
        baseUrl: simulator.url,
      })
      await call(app, 'credentials.set', { profileId: profile.id, ...simulatorTestKeys })
      // The first submit is refused (no task on the service), so a retry with the same id runs anew.
      simulator.setFaults({ quotaExceeded: { remaining: 1 } })
      const started = await call<PlotRecord>(app, 'plot.start', {
        base: { ...base, profileId: profile.id },
        x: { type: 'cfg_scale', values: '5, 7' },
      })
      const first = await app.plots.waitDone(started.id)
      expect(first.cells.map((cell) => cell.status)).toEqual(['failed', 'succeeded'])
      expect(first.cells[0]?.error?.message).toBeTruthy()
      expect(first.gridCacheKey).not.toBeNull()
      const retried = await call<PlotRecord>(app, 'plot.retryCell', { plotId: started.id, x: 0, y: 0, z: 0 })
      expect(retried.cells[0]?.status).toBe('running')
      const second = await app.plots.waitDone(started.id)
      expect(second.cells.map((cell) => cell.status)).toEqual(['succeeded', 'succeeded'])
      expect(second.cells[0]?.taskId).toBe(first.cells[0]?.taskId)
      expect(second.gridCacheKey).not.toBe(first.gridCacheKey)
    },
  )
})

describe('a plot whose cells ended unseen', () => {
  const tempDir = useTempDirs()
  const services = useServices()

  it('is caught up and composed when it is next read', { timeout: 60_000 }, async () => {
    const dataDir = await tempDir()
    const app = await services({ dataDir, trackerLimits: fastTracking })
    // A plot service that hears no task events, as if it had stopped listening while they ran; its
    // plots live in a folder of their own, so the app's plot service cannot compose them instead.
    const deaf = createPlotService({
      dataDir: await tempDir(),
      tasks: app.tasks,
      history: app.history,
      images: app.images,
      events: createEventBus(),
      clock: Date.now,
      logger: app.logger,
      fontFile: findLabelFontFile(),
    })
    const started = await deaf.start(
      planInput({ base: { ...base, params: { ...base.params } }, x: { type: 'seed', values: '1, 2' } }),
    )
    await expect
      .poll(() => started.cells.map((cell) => app.history.get(cell.taskId ?? '')?.status), {
        timeout: 20_000,
      })
      .toEqual(['succeeded', 'succeeded'])
    expect((await deaf.get(started.id)).status).toBe('done')
    const read = await deaf.get(started.id)
    expect(read.cells.map((cell) => cell.status)).toEqual(['succeeded', 'succeeded'])
    expect(read.gridCacheKey).toMatch(/^[0-9a-f]{64}$/)
    await deaf.close()
  })
})
