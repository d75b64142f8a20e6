import { randomInt } from 'node:crypto'
import { AppError, dynamicPromptLimits, type DynamicPromptMode } from '#contract'
import { createWildcardsService } from '../services/wildcards/wildcards-service'
import { defaultWildcardsDir, readWildcardsFolder } from '../services/wildcards/wildcards-settings'
import { usageError, type ExitCode } from './cli-errors'
import { noteLine, type CliContext } from './cli-context'
import { chooseProfile, withServices, type ConnectionOptions } from './cli-session'
import { readParamsFile } from './params-file'
import { finishTask, finishTasks, type FinishOptions } from './task-finish'

export interface GenerateOptions extends ConnectionOptions, FinishOptions {
  readonly params: string
  /** Expand the prompt as a dynamic-prompts template, one task per prompt. */
  readonly dynamic?: DynamicPromptMode
  readonly count?: number
  readonly wildcards?: string
}

/**
 * The prompts to send: the file's prompt as written, or its expansions with `--dynamic`. Random
 * mode takes the params' seed when there is one, so a run can be repeated.
 */
async function promptsOf(
  context: CliContext,
  options: GenerateOptions,
  prompt: string,
  seed: number,
): Promise<string[] | null> {
  if (options.dynamic === undefined) {
    if (options.count !== undefined || options.wildcards !== undefined)
      throw usageError('dynamicOptionsNeedDynamic')
    return null
  }
  // Without --wildcards, the folder set in the app's Settings, as the app would expand it.
  const dir =
    options.wildcards ?? (await readWildcardsFolder(context.dataDir)) ?? defaultWildcardsDir(context.dataDir)
  const wildcards = createWildcardsService({ dir })
  const random = options.dynamic === 'random'
  const count = options.count ?? (random ? 1 : dynamicPromptLimits.maxCount)
  try {
    const expansion = await wildcards.expand({
      template: prompt,
      mode: options.dynamic,
      count,
      seed: seed >= 0 ? seed % 2 ** 32 : randomInt(2 ** 32),
    })
    const total = Number.isFinite(expansion.total) ? String(expansion.total) : '∞'
    noteLine(context, context.say('dynamicExpanded', { count: expansion.prompts.length, total }))
    return expansion.prompts
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    throw usageError('dynamicInvalid', { file: options.params, detail: error.message })
  }
}

/**
 * `img-open generate`: the params file (and, with `--dynamic`, its template) is checked before
 * anything opens; each task goes through the same tasks service as the app's Generate button, so
 * it is in the history before the request leaves this machine.
 */
export async function runGenerate(context: CliContext, options: GenerateOptions): Promise<ExitCode> {
  const file = await readParamsFile(options.params, 'text2image')
  if (file.idTaskIgnored) noteLine(context, context.say('paramsIdTaskIgnored', { file: options.params }))
  const prompts = await promptsOf(context, options, file.params.prompt, file.params.seed)
  return withServices(context, options, async (services) => {
    const profile = await chooseProfile(services, options.profile)
    if (prompts === null) {
      const { taskId } = await services.tasks.submit({
        kind: 'text2image',
        params: file.params,
        profileId: profile.id,
      })
      return finishTask(context, services, taskId, options)
    }
    // Many tasks go through the profile's queue (its concurrency limit); all are sent before following.
    const taskIds: string[] = []
    for (const prompt of prompts) {
      const { taskId } = await services.queue.submit({
        kind: 'text2image',
        params: { ...file.params, prompt },
        promptTemplate: file.params.prompt,
        profileId: profile.id,
      })
      taskIds.push(taskId)
    }
    await services.queue.drained(profile.id)
    return finishTasks(context, services, taskIds, options)
  })
}
