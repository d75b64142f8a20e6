import { copyFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import {
  defaultPlotConfirmAbove,
  findPlotAxisType,
  isAppError,
  plotAxisNames,
  plotCellPlace,
  type PlotAxisInput,
  type PlotLanguage,
  type PlotRecord,
  type TaskRecord,
} from '#contract'
import type { Services } from '../services/create-services'
import { exitCodes, type ExitCode } from './cli-errors'
import { noteLine, printJson, printLine, type CliContext } from './cli-context'
import type { CliLocale } from './cli-messages'
import { chooseProfile, withServices, type ConnectionOptions } from './cli-session'
import { readParamsFile } from './params-file'

export interface PlotOptions extends ConnectionOptions {
  readonly params: string
  readonly x: string
  readonly y?: string
  readonly z?: string
  readonly wait?: boolean
  readonly json?: boolean
  readonly out?: string
  readonly yes?: boolean
  readonly confirmAbove?: number
}

// This command's own lines, in both languages (kept here so the plot feature stays in its files).
const lines = {
  en: {
    badAxis: (axis: string, text: string) =>
      `--${axis} "${text}": write TYPE: VALUES, e.g. "steps: 10-30 (+10)" (types: seed, steps, cfg_scale, sampler, scheduler, checkpoint, vae, size, hr_scale, denoising_strength, clip_skip, controlnet_weight, prompt_sr)`,
    refused: (message: string) => `Plot refused: ${message}`,
    confirm: (tasks: number, images: number, above: number) =>
      `This plot sends ${tasks} tasks (${images} images), more than ${above}: add --yes to start it.`,
    started: (id: string, tasks: number) => `Plot ${id}: ${tasks} tasks submitted.`,
    progress: (done: number, total: number) => `${done}/${total} cells done`,
    notWaiting: 'The grid is composed when every cell has ended: run with --wait to get it now.',
    grid: 'Grid:',
    noGrid: (reason: string) => `No grid: ${reason}`,
    failedCell: (label: string, reason: string) => `Cell ${label} failed: ${reason}`,
  },
  'zh-CN': {
    badAxis: (axis: string, text: string) =>
      `--${axis} "${text}"：请写成 类型: 取值，例如 "steps: 10-30 (+10)"（类型：seed、steps、cfg_scale、sampler、scheduler、checkpoint、vae、size、hr_scale、denoising_strength、clip_skip、controlnet_weight、prompt_sr）`,
    refused: (message: string) => `X/Y/Z 图未能开始：${message}`,
    confirm: (tasks: number, images: number, above: number) =>
      `此图将发送 ${tasks} 个任务（${images} 张图），超过 ${above}：加上 --yes 才会开始。`,
    started: (id: string, tasks: number) => `X/Y/Z 图 ${id}：已提交 ${tasks} 个任务。`,
    progress: (done: number, total: number) => `已完成 ${done}/${total} 格`,
    notWaiting: '所有格子结束后才会合成网格图：加上 --wait 可立即得到。',
    grid: '网格图：',
    noGrid: (reason: string) => `没有网格图：${reason}`,
    failedCell: (label: string, reason: string) => `格子 ${label} 失败：${reason}`,
  },
} satisfies Record<CliLocale, unknown>

const languageOf = (context: CliContext): PlotLanguage => (context.locale === 'zh-CN' ? 'zh' : 'en')

/** `steps: 10-30 (+10)` → the axis type and its values text; null when the type is unknown. */
export function parseAxisOption(text: string): PlotAxisInput | null {
  const colon = text.indexOf(':')
  if (colon < 0) return null
  const type = findPlotAxisType(text.slice(0, colon))
  return type ? { type, values: text.slice(colon + 1).trim() } : null
}

/** A cell's place: English for --json (scripts read it), the command's language for people. */
const cellLabel = (record: PlotRecord, cell: PlotRecord['cells'][number], language: PlotLanguage = 'en') =>
  plotCellPlace(record, cell, language)

async function waitWithProgress(context: CliContext, services: Services, record: PlotRecord) {
  const say = lines[context.locale]
  const ended = new Set<string>()
  const taskIds = new Set(record.cells.flatMap((cell) => cell.taskId ?? []))
  const unsubscribe = services.events.subscribe((name, payload) => {
    const task = payload as TaskRecord
    if (name !== 'tasks.changed' || !taskIds.has(task.id)) return
    if (!['succeeded', 'failed', 'cancelled'].includes(task.status) || ended.has(task.id)) return
    // Refused with "too many tasks": the queue sends it again later, so it has not ended.
    if (services.queue.holds(task.id)) return
    ended.add(task.id)
    noteLine(context, say.progress(ended.size, taskIds.size))
  })
  try {
    return await services.plots.waitDone(record.id)
  } finally {
    unsubscribe()
  }
}

/**
 * `img-open plot`: the params file is the base, each --x/--y/--z an axis in A1111's syntax. Every
 * value is checked before anything is sent; above the threshold the plot needs --yes. Prints the
 * plot id and its task ids, and with --wait the grid's path (copied into --out when given).
 */
export async function runPlot(context: CliContext, options: PlotOptions): Promise<ExitCode> {
  const say = lines[context.locale]
  const axes: Partial<Record<'x' | 'y' | 'z', PlotAxisInput>> = {}
  for (const name of plotAxisNames) {
    const text = options[name]
    if (text === undefined) continue
    const axis = parseAxisOption(text)
    if (!axis) {
      noteLine(context, say.badAxis(name, text))
      return exitCodes.usage
    }
    axes[name] = axis
  }
  const file = await readParamsFile(options.params, 'text2image')
  return withServices(context, options, async (services) => {
    const profile = await chooseProfile(services, options.profile)
    const x = axes.x
    if (!x) return exitCodes.usage
    const request = {
      ...axes,
      x,
      base: { kind: 'text2image' as const, params: file.params, profileId: profile.id },
      // The grid's axis labels in the command's language (its infotext stays A1111's English).
      language: languageOf(context),
    }
    let record: PlotRecord
    try {
      const plan = services.plots.plan(request)
      const above = options.confirmAbove ?? defaultPlotConfirmAbove
      if (plan.taskCount > above && !options.yes) {
        noteLine(context, say.confirm(plan.taskCount, plan.imageCount, above))
        return exitCodes.usage
      }
      record = await services.plots.start(request)
    } catch (error) {
      if (!isAppError(error) || error.code !== 'invalid_request') throw error
      noteLine(context, say.refused(error.message))
      return exitCodes.usage
    }
    const taskIds = record.cells.flatMap((cell) => cell.taskId ?? [])
    if (!options.json) noteLine(context, say.started(record.id, taskIds.length))
    // The cells go through the profile's queue: this run sends every one before it ends.
    if (options.wait) record = await waitWithProgress(context, services, record)
    else await services.queue.drained(profile.id)
    let grid = record.gridCacheKey ? await services.images.locate(record.gridCacheKey) : null
    if (grid && options.out) {
      await mkdir(options.out, { recursive: true })
      const copy = join(options.out, `plot-${record.id}.png`)
      await copyFile(grid, copy)
      grid = copy
    }
    const failed = record.cells.filter((cell) => cell.status === 'failed')
    if (options.json) {
      printJson(context, {
        plot_id: record.id,
        status: record.status,
        grid,
        task_ids: taskIds,
        cells: record.cells.map((cell) => ({ ...cell, label: cellLabel(record, cell) })),
      })
    } else {
      for (const id of taskIds) printLine(context, id)
      if (grid) printLine(context, `${say.grid} ${grid}`)
      else if (!options.wait) noteLine(context, say.notWaiting)
      else noteLine(context, say.noGrid(record.gridError?.message ?? ''))
      for (const cell of failed)
        noteLine(
          context,
          say.failedCell(cellLabel(record, cell, languageOf(context)), cell.error?.message ?? ''),
        )
    }
    return options.wait && (failed.length > 0 || !grid) ? exitCodes.failure : exitCodes.ok
  })
}
