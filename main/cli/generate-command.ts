import { isTerminalStatus, type TaskRecord } from '../contract'
import type { Services } from '../services/create-services'
import { describeShape, exitCodes, type ExitCode } from './cli-errors'
import { noteLine, printJson, type CliContext } from './cli-context'
import { chooseProfile, withServices, type ConnectionOptions } from './cli-session'
import { readParamsFile } from './params-file'
import { cachedFiles, copyFilesTo, errorJson, printTask, reportMissing, type TaskFiles } from './task-output'
import { createProgressView } from './task-progress'
import { waitForTask } from './task-watch'

export interface GenerateOptions extends ConnectionOptions {
  readonly params: string
  readonly wait?: boolean
  readonly out?: string
  readonly json?: boolean
}

/** Waits for the end of the task (with `--wait`) or for the service to take it (without). */
async function follow(
  context: CliContext,
  services: Services,
  taskId: string,
  options: GenerateOptions,
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
 * `img-open generate`: the params file is checked before anything opens; the task goes through the
 * same tasks service as the app's Generate button, so it is in the history before the request
 * leaves this machine.
 */
export async function runGenerate(context: CliContext, options: GenerateOptions): Promise<ExitCode> {
  const file = await readParamsFile(options.params)
  if (file.idTaskIgnored) noteLine(context, context.say('paramsIdTaskIgnored', { file: options.params }))
  if (file.ignoredFields.length > 0) {
    noteLine(context, context.say('paramsFieldsIgnored', { fields: file.ignoredFields.join(', ') }))
  }
  return withServices(context, options, async (services) => {
    const profile = await chooseProfile(services, options.profile)
    const { taskId } = await services.tasks.submit(file.params, profile.id)
    const record = await follow(context, services, taskId, options)
    if (record === null) {
      noteLine(context, context.say('waitInterrupted', { id: taskId }))
      return exitCodes.interrupted
    }
    const cached = await cachedFiles(services, record)
    const files = options.out === undefined ? cached : await copyFilesTo(cached, options.out, record.id)
    return report(context, record, files, options.json === true)
  })
}
