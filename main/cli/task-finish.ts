import { isTerminalStatus, taskText, type TaskRecord } from '#contract'
import type { Services } from '../services/create-services'
import type { TaskTrouble } from '../services/tasks/task-trouble'
import { describeShape, exitCodes, type ExitCode } from './cli-errors'
import { noteLine, printJson, type CliContext } from './cli-context'
import { cachedFiles, copyFilesTo, errorJson, printTask, reportMissing, type TaskFiles } from './task-output'
import { createProgressView } from './task-progress'
import { watchTroubles } from './task-trouble-notes'
import { waitForTask } from './task-watch'

/** What every submitting command does once the task is recorded. */
export interface FinishOptions {
  readonly wait?: boolean
  readonly out?: string
  readonly json?: boolean
}

/**
 * Waits for the end of the task (with `--wait`) or for the service to take it (without), telling
 * what goes wrong meanwhile. Null when the wait stopped: Ctrl+C, or `unsaved` when a new state of
 * the task could not be saved.
 */
async function follow(
  context: CliContext,
  services: Services,
  taskId: string,
  options: FinishOptions,
  unsaved: { trouble: TaskTrouble | null },
): Promise<TaskRecord | null> {
  const stop = new AbortController()
  const signal = AbortSignal.any([context.interrupted, stop.signal])
  const troubles = watchTroubles(context, services, taskId, (trouble) => {
    unsaved.trouble = trouble
    stop.abort()
  })
  const view = options.wait ? createProgressView(context, taskId, options.json === true) : null
  view?.update({ status: 'submitting', percent: null })
  try {
    const done = options.wait
      ? (record: TaskRecord) => isTerminalStatus(record.status)
      : (record: TaskRecord) => record.status !== 'submitting'
    return await waitForTask(services, taskId, done, {
      signal,
      onProgress: (progress) => view?.update(progress),
      onChange: (record) => {
        troubles.seen(record)
        view?.update({ status: record.status, percent: record.status === 'succeeded' ? 100 : null })
      },
    })
  } finally {
    troubles.stop()
    view?.stop()
  }
}

/** Why the wait stopped, as one line (and for a failed save, the error first). */
function stopped(context: CliContext, services: Services, taskId: string, unsaved: TaskTrouble | null) {
  const status = services.history.get(taskId)?.status ?? 'submitting'
  if (unsaved) {
    const line = describeShape(unsaved.error, context.say, context.locale, context.dataDir)
    noteLine(context, context.say('errorPrefix') + line)
    noteLine(context, context.say('taskNotSaved', { id: taskId, status }))
    return exitCodes.failure
  }
  noteLine(
    context,
    context.say(status === 'submitting' ? 'waitInterruptedSubmitting' : 'waitInterrupted', { id: taskId }),
  )
  return exitCodes.interrupted
}

/** One task as `--json` prints it. */
function taskJson(context: CliContext, record: TaskRecord, files: TaskFiles) {
  const error = errorJson(context, record)
  return {
    task_id: record.id,
    status: record.status,
    images: files.paths,
    // Tools: the tool's output; custom requests: the answer as kept (cleaned of secrets).
    ...(record.kind === 'tool' ? { result: record.toolOutput } : {}),
    ...(record.kind === 'custom' ? { result: record.answer } : {}),
    ...(error ? { error } : {}),
  }
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
  const unsaved: { trouble: TaskTrouble | null } = { trouble: null }
  const record = await follow(context, services, taskId, options, unsaved)
  if (record === null) return stopped(context, services, taskId, unsaved.trouble)
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
    const unsaved: { trouble: TaskTrouble | null } = { trouble: null }
    const record = await follow(context, services, taskId, options, unsaved)
    if (record === null) return stopped(context, services, taskId, unsaved.trouble)
    const cached = await cachedFiles(services, record)
    const files = options.out === undefined ? cached : await copyFilesTo(cached, options.out, record.id)
    tasks.push({ ...taskJson(context, record, files), prompt: taskText(record).prompt })
    reportMissing(context, files)
    if (exitOf(context, record) !== exitCodes.ok) code = exitCodes.failure
  }
  printJson(context, { tasks })
  return code
}
