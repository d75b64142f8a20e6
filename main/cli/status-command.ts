import { isTerminalStatus, type TaskProgress, type TaskRecord } from '#contract'
import type { Services } from '../services/create-services'
import { CliError, describeShape, exitCodes, type ExitCode } from './cli-errors'
import { noteLine, printJson, type CliContext } from './cli-context'
import { withServices } from './cli-session'
import { cachedFiles, printTask, reportMissing, taskJson } from './task-output'
import { createProgressView } from './task-progress'
import { waitForTask } from './task-watch'

export interface StatusOptions {
  readonly baseUrl?: string
  readonly wait?: boolean
  readonly json?: boolean
}

/**
 * How long `status` waits for the service's first answer about an unfinished task. The tracker
 * asks at once; this bounds a slow or unreachable service, after which the stored state is shown.
 */
const firstAnswerTimeoutMs = 8_000

/**
 * Tracks the history's unfinished tasks again (what the app does when it starts) and waits for the
 * service's first news of this one, or for its end with `--wait`. Answers the latest progress.
 */
async function refresh(
  context: CliContext,
  services: Services,
  record: TaskRecord,
  options: StatusOptions,
): Promise<TaskProgress | undefined> {
  let progress: TaskProgress | undefined
  await services.tasks.resume()
  const problem = services.tasks.resumeProblem(record.id)
  if (problem) {
    // Not asked at all (e.g. the keys it was sent with are gone): the stored state stays as it is.
    noteLine(context, describeShape(problem, context.say, context.locale, context.dataDir))
    return undefined
  }
  const view = options.wait ? createProgressView(context, record.id, options.json === true) : null
  view?.update({ status: record.status, percent: null })
  try {
    const seen = await waitForTask(services, record.id, (latest) => isTerminalStatus(latest.status), {
      signal: context.interrupted,
      ...(options.wait ? {} : { timeoutMs: firstAnswerTimeoutMs, untilProgress: true }),
      onProgress: (latest) => {
        progress = latest
        view?.update(latest)
      },
      onChange: (latest) =>
        view?.update({ status: latest.status, percent: latest.status === 'succeeded' ? 100 : null }),
    })
    if (seen === null && !context.interrupted.aborted) noteLine(context, context.say('statusStale'))
  } finally {
    view?.stop()
  }
  return progress
}

/** `img-open status TASK_ID`: the history's record, refreshed from the service when unfinished. */
export async function runStatus(
  context: CliContext,
  taskId: string,
  options: StatusOptions,
): Promise<ExitCode> {
  return withServices(context, { baseUrl: options.baseUrl }, async (services) => {
    const stored = services.history.get(taskId)
    if (!stored) throw new CliError('failure', 'taskNotInHistory', { id: taskId.slice(0, 128) })
    const progress = isTerminalStatus(stored.status)
      ? undefined
      : await refresh(context, services, stored, options)
    const record = services.history.get(taskId) ?? stored
    const files = await cachedFiles(services, record)
    if (options.json) {
      const live = progress && !isTerminalStatus(record.status) ? { percent: progress.percent } : {}
      printJson(context, { ...taskJson(context, record, files), ...live })
      reportMissing(context, files)
    } else printTask(context, record, files, progress)
    if (record.status === 'failed' && record.error) {
      noteLine(
        context,
        context.say('errorPrefix') +
          describeShape(record.error, context.say, context.locale, context.dataDir),
      )
    }
    if (context.interrupted.aborted) return exitCodes.interrupted
    return record.status === 'failed' ? exitCodes.failure : exitCodes.ok
  })
}
