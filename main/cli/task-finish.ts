import { isTerminalStatus, type TaskRecord } from '#contract'
import type { Services } from '../services/create-services'
import { describeShape, exitCodes, type ExitCode } from './cli-errors'
import { noteLine, printJson, type CliContext } from './cli-context'
import { cachedFiles, copyFilesTo, errorJson, printTask, reportMissing, type TaskFiles } from './task-output'
import { createProgressView } from './task-progress'
import { waitForTask } from './task-watch'

/** What every submitting command does once the task is recorded. */
export interface FinishOptions {
  readonly wait?: boolean
  readonly out?: string
  readonly json?: boolean
}

/** Waits for the end of the task (with `--wait`) or for the service to take it (without). */
async function follow(
  context: CliContext,
  services: Services,
  taskId: string,
  options: FinishOptions,
): Promise<TaskRecord | null> {
  if (!options.wait) {
    return waitForTask(services, taskId, (record) => record.status !== 'submitting', {
      signal: context.interrupted,
    })
  }
  const view = createProgressView(context, taskId, options.json === true)
  view.update({ status: 'submitting', percent: null })
  try {
    return await waitForTask(services, taskId, (record) => isTerminalStatus(record.status), {
      signal: context.interrupted,
      onProgress: (progress) => view.update(progress),
      onChange: (record) =>
        view.update({ status: record.status, percent: record.status === 'succeeded' ? 100 : null }),
    })
  } finally {
    view.stop()
  }
}

/** One task as `--json` prints it. */
function taskJson(context: CliContext, record: TaskRecord, files: TaskFiles) {
  const error = errorJson(context, record)
  return { task_id: record.id, status: record.status, images: files.paths, ...(error ? { error } : {}) }
}

/** Prints the outcome (one JSON object with `--json`); a failed task also gets its error line. */
function report(context: CliContext, record: TaskRecord, files: TaskFiles, json: boolean): ExitCode {
  if (json) {
    printJson(context, taskJson(context, record, files))
    reportMissing(context, files)
  } else printTask(context, record, files)
  return exitOf(context, record)
}

function exitOf(context: CliContext, record: TaskRecord): ExitCode {
  if (record.status !== 'failed') return exitCodes.ok
  if (record.error) {
    const line = describeShape(record.error, context.say, context.locale, context.dataDir)
    noteLine(context, context.say('errorPrefix') + line)
  }
  return exitCodes.failure
}

/**
 * Follows a submitted task as its command asked (progress with `--wait`), then prints its images
 * (copied to `--out` when given) and answers the exit status.
 */
export async function finishTask(
  context: CliContext,
  services: Services,
  taskId: string,
  options: FinishOptions,
): Promise<ExitCode> {
  const record = await follow(context, services, taskId, options)
  if (record === null) {
    noteLine(context, context.say('waitInterrupted', { id: taskId }))
    return exitCodes.interrupted
  }
  const cached = await cachedFiles(services, record)
  const files = options.out === undefined ? cached : await copyFilesTo(cached, options.out, record.id)
  return report(context, record, files, options.json === true)
}

/**
 * Several tasks of one command (`generate --dynamic`), followed one after the other. Without
 * `--json` each is printed as `finishTask` prints one; with it, stdout gets one JSON object
 * `{ tasks: [{ task_id, prompt, status, images }] }`. Fails when any task failed.
 */
export async function finishTasks(
  context: CliContext,
  services: Services,
  taskIds: readonly string[],
  options: FinishOptions,
): Promise<ExitCode> {
  if (options.json !== true) {
    let code: ExitCode = exitCodes.ok
    for (const taskId of taskIds) {
      const finished = await finishTask(context, services, taskId, options)
      if (finished !== exitCodes.ok) code = finished
      if (finished === exitCodes.interrupted) return code
    }
    return code
  }
  const tasks = []
  let code: ExitCode = exitCodes.ok
  for (const taskId of taskIds) {
    const record = await follow(context, services, taskId, options)
    if (record === null) {
      noteLine(context, context.say('waitInterrupted', { id: taskId }))
      return exitCodes.interrupted
    }
    const cached = await cachedFiles(services, record)
    const files = options.out === undefined ? cached : await copyFilesTo(cached, options.out, record.id)
    tasks.push({ ...taskJson(context, record, files), prompt: record.params.prompt })
    reportMissing(context, files)
    if (exitOf(context, record) !== exitCodes.ok) code = exitCodes.failure
  }
  printJson(context, { tasks })
  return code
}
