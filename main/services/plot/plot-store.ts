import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { AppError, plotRecordSchema, taskRequestSchema, type PlotRecord, type TaskRequest } from '#contract'
import { writeFileAtomic } from '../fs/atomic-write'

/** A plot's file: the record the UI sees, and each cell's request (for a retry that must resubmit). */
const plotFileSchema = z.object({
  version: z.literal(1),
  record: plotRecordSchema,
  requests: z.array(taskRequestSchema),
})

export interface StoredPlot {
  record: PlotRecord
  /** In the order of `record.cells`. */
  requests: TaskRequest[]
}

export interface PlotStore {
  save(plot: StoredPlot): Promise<void>
  load(plotId: string): Promise<StoredPlot>
}

const idPattern = /^[a-z0-9-]{1,64}$/

/**
 * One JSON file per plot under `<dataDir>/plots`, replaced atomically (fsync, rename) on every
 * change. The cells' tasks themselves live in the history like any task.
 */
export function createPlotStore(dataDir: string): PlotStore {
  const dir = join(dataDir, 'plots')
  const pathOf = (plotId: string) => {
    if (!idPattern.test(plotId)) throw new AppError('invalid_request', 'Not a plot id.')
    return join(dir, `${plotId}.json`)
  }
  return {
    async save(plot) {
      await mkdir(dir, { recursive: true })
      await writeFileAtomic(pathOf(plot.record.id), JSON.stringify({ version: 1, ...plot }))
    },
    async load(plotId) {
      let text: string
      try {
        text = await readFile(pathOf(plotId), 'utf8')
      } catch {
        throw new AppError('not_found', 'There is no such plot.', { plotId })
      }
      let json: unknown
      try {
        json = JSON.parse(text)
      } catch {
        json = null
      }
      const parsed = plotFileSchema.safeParse(json)
      if (!parsed.success) throw new AppError('storage_corrupt', 'The plot file cannot be read.', { plotId })
      return { record: parsed.data.record, requests: parsed.data.requests }
    },
  }
}
