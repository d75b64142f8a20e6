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

/** Prints the outcome (one JSON object with `--json`); a failed task also gets its error line. */
function report(context: CliContext, record: TaskRecord, files: TaskFiles, json: boolean): ExitCode {
  if (json) {
    const error = errorJson(context, record)
    printJson(context, {
      task_id: record.id,
      status: record.status,
      images: files.paths,
      // Tools: the tool's output; custom requests: the answer as kept (cleaned of secrets).
      ...(record.kind === 'tool' ? { result: record.toolOutput } : {}),
      ...(record.kind === 'custom' ? { result: record.answer } : {}),
      ...(error ? { error } : {}),
    })
    reportMissing(context, files)
  } else printTask(context, record, files)
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
