import { taskText, type TaskRecord } from '#contract'
import { exitCodes, type ExitCode } from './cli-errors'
import { printJson, printLine, type CliContext } from './cli-context'
import { withHistory } from './history-session'
import { cachedFiles, taskJson } from './task-output'

export interface HistoryOptions {
  readonly search?: string
  readonly limit: number
  readonly json?: boolean
}

const promptWidth = 60

/** `2026-01-24 15:30` in local time, as people read their own history. */
const localTime = (at: number): string => {
  const date = new Date(at)
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`
}

const oneLine = (text: string, width: number): string => {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length <= width ? flat : `${flat.slice(0, width - 1)}…`
}

const row = (record: TaskRecord): string =>
  [
    localTime(record.createdAt),
    record.status.padEnd(10),
    record.id,
    `${record.images.length} img`.padEnd(6),
    record.paramsUnknown ? '?' : oneLine(taskText(record).prompt, promptWidth),
  ].join('  ')

/** `img-open history`: the newest tasks first, searched like the app's history (word prefixes). */
export async function runHistory(context: CliContext, options: HistoryOptions): Promise<ExitCode> {
  return withHistory(context, async (services) => {
    const text = options.search?.trim()
    const page = services.history.query({
      limit: options.limit,
      ...(text ? { text: text.slice(0, 500) } : {}),
    })
    if (options.json) {
      const tasks = []
      for (const record of page.items) {
        tasks.push(taskJson(context, record, await cachedFiles(services, record)))
      }
      printJson(context, { total: page.total, tasks })
      return exitCodes.ok
    }
    if (page.items.length === 0) {
      printLine(context, context.say('historyEmpty'))
      return exitCodes.ok
    }
    for (const record of page.items) printLine(context, row(record))
    if (page.total > page.items.length) {
      printLine(context, context.say('historyCount', { shown: page.items.length, total: page.total }))
    }
    return exitCodes.ok
  })
}
