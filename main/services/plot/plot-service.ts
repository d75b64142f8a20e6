import { randomUUID } from 'node:crypto'
import {
  AppError,
  isAppError,
  isTerminalStatus,
  planPlot,
  randomPlotSeed,
  type ErrorShape,
  type PlotCellRef,
  type PlotPlan,
  type PlotAxisName,
  type PlotRecord,
  type PlotRequestInput,
  type TaskRecord,
  type TaskRequest,
} from '#contract'
import type { EventBus } from '../event-bus'
import type { HistoryStore } from '../history/history-store'
import type { ImageCache } from '../images/image-cache'
import { textChunk, parametersKeyword } from '../images/png-metadata'
import { spliceChunks } from '../images/png-chunks'
import type { Logger } from '../logger'
import type { QueueService } from '../queue/queue-types'
import { composeGrid } from './grid-compose'
import { plotInfotext } from './plot-infotext'
import { axisLabels, cellLabel, cellValues, noImageText } from './plot-labels'
import { createPlotStore, type StoredPlot } from './plot-store'

export interface PlotServiceDeps {
  readonly dataDir: string
  /** The queue (services/queue), or the tasks service itself where nothing queues. */
  readonly tasks: Pick<QueueService, 'submit' | 'retry'> & Partial<Pick<QueueService, 'holds' | 'onDropped'>>
  readonly history: Pick<HistoryStore, 'get'>
  readonly images: Pick<ImageCache, 'put' | 'locate'>
  readonly events: EventBus
  readonly clock: () => number
  readonly logger: Logger
  /** resources/fonts/plot-label-font.ttf; null when the build lacks it (composing then fails). */
  readonly fontFile: string | null
  /** Random seeds for -1 (tests fix them). */
  readonly seed?: () => number
}

/** What a plan is checked to be before it is shown or started. */
export type PlotRequest = Pick<PlotRequestInput, 'x' | 'y' | 'z' | 'language'> & { base: TaskRequest }

export interface PlotService {
  /** Plans without sending; an invalid axis is an `invalid_request` naming it (details: axis, value…). */
  plan(request: PlotRequest): PlotPlan
  /** Submits every cell as a normal task tagged with its place; answers the plot right away. */
  start(request: PlotRequest): Promise<PlotRecord>
  get(plotId: string): Promise<PlotRecord>
  /** Sends a failed cell again; the grid is composed again when it ends. */
  retryCell(plotId: string, at: { x: number; y: number; z: number }): Promise<PlotRecord>
  /** Resolves once every cell has ended and the grid is composed (the CLI's --wait). */
  waitDone(plotId: string): Promise<PlotRecord>
  close(): Promise<void>
}

const asShape = (error: unknown): ErrorShape =>
  isAppError(error) ? error.toShape() : { code: 'internal', message: 'Something went wrong inside the app.' }

/**
 * X/Y/Z plots (issue 15): each cell a normal task in the history, grouped by its `plot` tag; the
 * grid composed locally at full resolution once every cell has ended, saved in the image cache
 * with A1111's plot infotext. Plot files are written before anything is announced.
 */
export function createPlotService(deps: PlotServiceDeps): PlotService {
  const store = createPlotStore(deps.dataDir)
  const live = new Map<string, StoredPlot>()
  const waiters = new Map<string, ((record: PlotRecord) => void)[]>()
  const pending = new Set<Promise<unknown>>()
  // One change at a time per plot: task events and retries would otherwise race on its file.
  const queues = new Map<string, Promise<unknown>>()
  const serial = <T>(plotId: string, work: () => Promise<T>): Promise<T> => {
    const next = (queues.get(plotId) ?? Promise.resolve()).then(work, work)
    const settled = next.catch(() => undefined)
    queues.set(plotId, settled)
    pending.add(settled)
    void settled.finally(() => pending.delete(settled))
    return next
  }

  const loadPlot = async (plotId: string) => live.get(plotId) ?? (await store.load(plotId))

  const save = async (plot: StoredPlot) => {
    plot.record.updatedAt = deps.clock()
    await store.save(plot)
    live.set(plot.record.id, plot)
    if (plot.record.status === 'done') {
      for (const resolve of waiters.get(plot.record.id) ?? []) resolve(structuredClone(plot.record))
      waiters.delete(plot.record.id)
    }
  }

  function plan(request: PlotRequest): PlotPlan {
    const result = planPlot(request, deps.seed ?? randomPlotSeed)
    if (result.ok) return result.plan
    const { message, ...details } = result.error
    throw new AppError('invalid_request', message, { ...details })
  }

  async function compose(plot: StoredPlot): Promise<void> {
    const { record } = plot
    try {
      if (!deps.fontFile) throw new AppError('io', 'The plot label font is missing from this build.')
      const language = record.language ?? 'en'
      const cells = await Promise.all(
        record.cells.map(async (cell) => {
          const task = cell.taskId ? deps.history.get(cell.taskId) : null
          const key = cell.status === 'succeeded' ? (task?.images[0]?.cacheKey ?? null) : null
          const image = key ? await deps.images.locate(key) : null
          return {
            ...cell,
            image,
            failure: image ? undefined : (cell.error?.message ?? noImageText[language]),
          }
        }),
      )
      if (cells.every((cell) => cell.image === null))
        throw new AppError('conflict', 'No cell of the plot has an image.')
      const grid = await composeGrid({
        xLabels: axisLabels(record.axes.x, language),
        yLabels: axisLabels(record.axes.y, language),
        zLabels: axisLabels(record.axes.z, language),
        cells,
        fontFile: deps.fontFile,
      })
      const first = plot.requests[0]
      const infotext = first ? plotInfotext(record, first) : ''
      const png = spliceChunks(grid.png, [textChunk(parametersKeyword, infotext)]) ?? grid.png
      const cached = await deps.images.put(png)
      Object.assign(record, {
        gridCacheKey: cached.cacheKey,
        gridWidth: grid.width,
        gridHeight: grid.height,
        gridError: null,
      })
    } catch (error) {
      deps.logger.warn('plot.compose_failed', { plotId: record.id, code: asShape(error).code })
      record.gridError = asShape(error)
    }
    record.status = 'done'
  }

  /** A cell's task ended: `error` null means it kept an image. The grid is composed after the last. */
  async function cellEnded(ref: PlotCellRef, taskId: string, error: ErrorShape | null): Promise<void> {
    await serial(ref.plotId, async () => {
      const plot = await loadPlot(ref.plotId)
      const cell = plot.record.cells.find((each) => each.taskId === taskId)
      if (!cell || cell.status === 'succeeded') return
      cell.status = error ? 'failed' : 'succeeded'
      cell.error = error
      if (plot.record.cells.every((each) => each.status === 'succeeded' || each.status === 'failed'))
        await compose(plot)
      await save(plot)
    })
  }

  async function onTask(task: TaskRecord): Promise<void> {
    const ref = task.plot
    // A cell refused with "too many tasks" is still the queue's: it is sent again later.
    if (!ref || !isTerminalStatus(task.status) || deps.tasks.holds?.(task.id)) return
    const kept = task.status === 'succeeded' && task.images.some((image) => image.cacheKey !== null)
    await cellEnded(
      ref,
      task.id,
      kept
        ? null
        : (task.error ?? { code: 'server', message: task.description ?? `The task ended ${task.status}.` }),
    )
  }

  const unsubscribe = deps.events.subscribe((name, payload) => {
    if (name !== 'tasks.changed') return
    void onTask(payload as TaskRecord).catch((error: unknown) =>
      deps.logger.error('plot.task_update_failed', { code: asShape(error).code }),
    )
  })
  // A cell taken out of the queue before it was sent has no task record: it fails with the reason.
  const unsubscribeDrops = deps.tasks.onDropped?.(({ taskId, plot: ref, error }) => {
    if (!ref || deps.history.get(taskId)) return
    void cellEnded(ref, taskId, error).catch((failure: unknown) =>
      deps.logger.error('plot.task_update_failed', { code: asShape(failure).code }),
    )
  })

  async function submitCell(plot: StoredPlot, index: number): Promise<void> {
    const cell = plot.record.cells[index]
    const request = plot.requests[index]
    if (!cell || !request) return
    try {
      const { taskId } = await deps.tasks.submit(request, {
        plot: {
          plotId: plot.record.id,
          x: cell.x,
          y: cell.y,
          z: cell.z,
          values: cellValues(plot.record, cell),
        },
        label: cellLabel(plot.record, cell),
      })
      cell.taskId = taskId
      cell.status = 'running'
      cell.error = null
    } catch (error) {
      cell.status = 'failed'
      cell.error = asShape(error)
    }
  }

  return {
    plan,
    async start(request) {
      const planned = plan(request)
      const now = deps.clock()
      const axis = (name: PlotAxisName) => {
        const each = planned.axes[name]
        return each
          ? { type: each.type, text: each.text, labels: each.labels, values: each.values }
          : undefined
      }
      const x = axis('x')
      if (!x) throw new AppError('invalid_request', 'A plot needs an X axis.')
      const record: PlotRecord = {
        id: randomUUID(),
        kind: request.base.kind,
        profileId: request.base.profileId ?? null,
        createdAt: now,
        updatedAt: now,
        status: 'running',
        language: request.language ?? 'en',
        axes: { x, y: axis('y'), z: axis('z') },
        cells: planned.cells.map((cell) => ({
          x: cell.x,
          y: cell.y,
          z: cell.z,
          taskId: null,
          status: 'pending',
          error: null,
        })),
        gridCacheKey: null,
        gridWidth: null,
        gridHeight: null,
        gridError: null,
      }
      const plot: StoredPlot = { record, requests: planned.cells.map((cell) => cell.request) }
      await save(plot)
      return serial(record.id, async () => {
        for (const index of record.cells.keys()) await submitCell(plot, index)
        await save(plot)
        return structuredClone(plot.record)
      })
    },
    async get(plotId) {
      // Cells whose tasks ended unseen (a crash, a run that stopped listening) are caught up here.
      const plot = await loadPlot(plotId)
      for (const cell of plot.record.status === 'running' ? plot.record.cells : []) {
        const task = cell.status === 'running' && cell.taskId ? deps.history.get(cell.taskId) : null
        if (task && isTerminalStatus(task.status)) await onTask(task)
      }
      return structuredClone((await loadPlot(plotId)).record)
    },
    retryCell(plotId, at) {
      return serial(plotId, async () => {
        const plot = await loadPlot(plotId)
        const index = plot.record.cells.findIndex((c) => c.x === at.x && c.y === at.y && c.z === at.z)
        const cell = plot.record.cells[index]
        if (!cell) throw new AppError('not_found', 'The plot has no such cell.', { plotId, ...at })
        if (cell.status !== 'failed') throw new AppError('conflict', 'Only a failed cell can be retried.')
        if (cell.taskId && deps.history.get(cell.taskId)?.status === 'failed') {
          await deps.tasks.retry(cell.taskId)
          Object.assign(cell, { status: 'running', error: null })
        } else await submitCell(plot, index)
        plot.record.status = cell.status === 'failed' ? plot.record.status : 'running'
        await save(plot)
        return structuredClone(plot.record)
      })
    },
    async waitDone(plotId) {
      const current = await loadPlot(plotId)
      if (current.record.status === 'done') return structuredClone(current.record)
      return new Promise((resolve) => waiters.set(plotId, [...(waiters.get(plotId) ?? []), resolve]))
    },
    async close() {
      unsubscribe()
      unsubscribeDrops?.()
      await Promise.all(pending)
    },
  }
}
