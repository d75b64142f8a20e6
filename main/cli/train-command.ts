import type { TrainingTaskRecord } from '#contract'
import type { Services } from '../services/create-services'
import { exitCodes, usageError, type ExitCode } from './cli-errors'
import { noteLine, printJson, printLine, type CliContext } from './cli-context'
import type { ConnectionOptions } from './cli-session'

export interface TrainOptions extends ConnectionOptions {
  readonly images: string
  readonly params: string
  readonly wait?: boolean
  readonly json?: boolean
  readonly trigger?: string[]
  readonly keepUploads?: boolean
  readonly linkDays?: string
  /** Seconds between LoRA-list checks while waiting. */
  readonly interval?: string
}

const texts = {
  en: {
    sent: 'Training job {id} sent ({count} images). Watching the LoRA list for its LoRA.',
    recorded: 'Training job {id} recorded; status: {status}.',
    done: 'Trained LoRA: {lora} (added to the preset library).',
    failed: 'The training job ended {status}: {message}',
    shortLink:
      'Warning: links that live {days} day(s) may expire before the service fetches the images; 7 is the maximum.',
    ignored: 'Ignored "{field}" in {file}: the app fills it in.',
  },
  zh: {
    sent: '训练任务 {id} 已提交（{count} 张图片）。正在关注 LoRA 列表以等待新 LoRA。',
    recorded: '训练任务 {id} 已记录；状态：{status}。',
    done: '训练得到的 LoRA：{lora}（已加入预设库）。',
    failed: '训练任务结束，状态 {status}：{message}',
    shortLink: '警告：有效期 {days} 天的链接可能在服务获取图片前过期；最长为 7 天。',
    ignored: '已忽略 {file} 中的“{field}”：由应用填写。',
  },
} as const

type TextKey = keyof (typeof texts)['en']

const say = (context: CliContext, key: TextKey, vars: Record<string, string | number>) =>
  texts[context.locale === 'zh-CN' ? 'zh' : 'en'][key].replace(/\{(\w+)\}/g, (_, name: string) =>
    String(vars[name] ?? ''),
  )

const jobOf = (services: Services, id: string): TrainingTaskRecord | null => {
  const record = services.history.get(id)
  return record?.kind === 'training' ? record : null
}

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const stop = () => {
      clearTimeout(timer)
      resolve()
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop)
      resolve()
    }, ms)
    signal.addEventListener('abort', stop, { once: true })
  })

/** Waits until the job ends, checking the LoRA list every `intervalMs`. */
async function waitForJob(context: CliContext, services: Services, id: string, intervalMs: number) {
  for (;;) {
    const job = jobOf(services, id)
    if (!job || ['succeeded', 'failed', 'cancelled'].includes(job.status)) return job
    if (context.interrupted.aborted) return job
    if (job.stage === 'training') await services.training.refresh(id)
    await pause(intervalMs, context.interrupted)
  }
}

function report(context: CliContext, job: TrainingTaskRecord | null, id: string, json: boolean): ExitCode {
  const failed = !job || job.status === 'failed' || job.status === 'cancelled'
  if (json)
    printJson(context, {
      task_id: id,
      status: job?.status ?? 'unknown',
      stage: job?.stage ?? null,
      images: job?.dataset.length ?? 0,
      lora: job?.lora?.fileName ?? null,
      preset_id: job?.lora?.presetId ?? null,
      error: job?.error ?? null,
    })
  else if (job?.lora) printLine(context, say(context, 'done', { lora: job.lora.fileName }))
  else if (failed)
    printLine(
      context,
      say(context, 'failed', { status: job?.status ?? '?', message: job?.error?.message ?? '' }),
    )
  else printLine(context, say(context, 'recorded', { id, status: job.status }))
  return failed ? exitCodes.failure : exitCodes.ok
}

/**
 * `img-open train --images DIR --params train.json [--wait] [--json]`: the folder's images are
 * checked (count, duplicates, size, readability) before anything is sent, uploaded through the
 * profile's storage, and the params file (§14's fields by their API names) sent as a training job.
 */
export async function runTrain(context: CliContext, options: TrainOptions): Promise<ExitCode> {
  const [{ trainingSubmitSchema }, { readJsonObject }, { withServices, chooseProfile }] = await Promise.all([
    import('#contract'),
    import('./tool-command'),
    import('./cli-session'),
  ])
  const { fileUrlList, taskId: _chosen, ...params } = await readJsonObject(options.params)
  for (const [field, value] of [
    ['fileUrlList', fileUrlList],
    ['taskId', _chosen],
  ] as const)
    if (value !== undefined) noteLine(context, say(context, 'ignored', { field, file: options.params }))
  const linkDays = options.linkDays === undefined ? undefined : Number(options.linkDays)
  const intervalMs = Math.max(100, Number(options.interval ?? '60') * 1000)
  return withServices(context, options, async (services) => {
    const profile = await chooseProfile(services, options.profile)
    const resolution = typeof params.resolution === 'number' ? params.resolution : 64
    const dataset = await services.training.inspectDataset({
      folder: options.images,
      paths: [],
      cacheKeys: [],
      resolution,
    })
    const [problem] = dataset.problems
    if (problem)
      throw usageError('paramsInvalid', {
        file: options.images,
        field: problem.code,
        detail: problem.message,
      })
    const parsed = trainingSubmitSchema.safeParse({
      profileId: profile.id,
      datasetPaths: dataset.images.flatMap((image) => (image.path === null ? [] : [image.path])),
      params,
      triggerWords: options.trigger ?? [],
      keepUploads: options.keepUploads === true,
      ...(linkDays === undefined ? {} : { linkLifetimeDays: linkDays }),
    })
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const field =
        issue?.code === 'unrecognized_keys' ? (issue.keys[0] ?? '') : String(issue?.path.at(-1) ?? '')
      throw usageError('paramsInvalid', { file: options.params, field, detail: issue?.message ?? '' })
    }
    const { taskId, linkLifetimeShort } = await services.training.submit(parsed.data)
    if (linkLifetimeShort)
      noteLine(context, say(context, 'shortLink', { days: parsed.data.linkLifetimeDays }))
    if (!options.json) noteLine(context, say(context, 'sent', { id: taskId, count: dataset.images.length }))
    const job = options.wait
      ? await waitForJob(context, services, taskId, intervalMs)
      : (await services.training.settled(), jobOf(services, taskId))
    return report(context, job, taskId, options.json === true)
  })
}
