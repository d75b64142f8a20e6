import type { ExitCode } from './cli-errors'
import { noteLine, type CliContext } from './cli-context'
import { chooseProfile, withServices, type ConnectionOptions } from './cli-session'
import { readParamsFile } from './params-file'
import { finishTask, type FinishOptions } from './task-finish'

export interface GenerateOptions extends ConnectionOptions, FinishOptions {
  readonly params: string
}

/**
 * `img-open generate`: the params file is checked before anything opens; the task goes through the
 * same tasks service as the app's Generate button, so it is in the history before the request
 * leaves this machine.
 */
export async function runGenerate(context: CliContext, options: GenerateOptions): Promise<ExitCode> {
  const file = await readParamsFile(options.params, 'text2image')
  if (file.idTaskIgnored) noteLine(context, context.say('paramsIdTaskIgnored', { file: options.params }))
  return withServices(context, options, async (services) => {
    const profile = await chooseProfile(services, options.profile)
    const { taskId } = await services.tasks.submit({
      kind: 'text2image',
      params: file.params,
      profileId: profile.id,
    })
    return finishTask(context, services, taskId, options)
  })
}
