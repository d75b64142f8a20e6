import { AppError, isAppError, type TrainingTaskRecord, type TrainingTracking } from '#contract'
import type { ApiClient, ApiConnection, ServerAsset } from '../api/api-types'
import type { ToolCalls } from '../api/tool-client'
import type { Logger } from '../logger'
import type { ProfilesService } from '../profiles/profiles-service'
import { normaliseCustomPath } from '../tools/custom-path'
import { cleanValue, secretsOf } from '../tools/untrusted-text'
import { findTrainedLora, listLoras } from './lora-match'

export interface TrainingWatchDeps {
  readonly api: Pick<ApiClient, 'listAssets'> & Pick<ToolCalls, 'submitTool'>
  readonly profiles: Pick<ProfilesService, 'resolveConnection'>
  readonly logger: Logger
  readonly job: (id: string) => TrainingTaskRecord | null
  readonly save: (id: string, patch: Partial<TrainingTaskRecord>) => TrainingTaskRecord
  /** A job's LoRA appeared in the list. */
  readonly onFound: (id: string, lora: { fileName: string; displayName: string }) => Promise<void>
  readonly intervalMs?: number
  readonly clock: () => number
}

const defaultIntervalMs = 2 * 60_000

const codeOf = (error: unknown) => (isAppError(error) ? error.code : 'internal')

/**
 * Watches sent training jobs (§14 documents no result query): every `intervalMs` and on
 * `checkNow`, each profile's LoRA list is read once and each of its jobs matched against it
 * (lora-match.ts); a job's attached status request is sent and its answer kept, cleaned of the
 * profile's keys. Only jobs in stage `training` are watched.
 */
export function createTrainingWatch(deps: TrainingWatchDeps) {
  const { logger } = deps
  const watched = new Set<string>()
  let checking: Promise<{ checked: number; finished: string[] }> | null = null

  const sendStatusRequest = async (job: TrainingTaskRecord, connection: ApiConnection) => {
    if (!job.statusRequest) return
    try {
      const outcome = await deps.api.submitTool(connection, {
        path: job.statusRequest.path,
        taskId: job.id,
        body: job.statusRequest.body,
        queryPath: null,
      })
      const answer = outcome.kind === 'answered' ? cleanValue(outcome.data, secretsOf(connection)) : null
      deps.save(job.id, { statusAnswer: answer })
    } catch (error) {
      logger.warn('training.status_request_failed', { taskId: job.id, code: codeOf(error) })
    }
  }

  const checked = (job: TrainingTaskRecord, loras: readonly ServerAsset[] | null): TrainingTracking => ({
    code: loras ? 'watching' : 'list_unread',
    checks: (job.tracking?.checks ?? 0) + 1,
    loraCount: loras ? loras.length : null,
    checkedAt: deps.clock(),
  })

  async function checkProfile(profileId: string, ids: readonly string[], finished: string[]) {
    const connection = await deps.profiles.resolveConnection(profileId)
    let loras: ServerAsset[] | null
    try {
      loras = await listLoras(deps.api, connection)
    } catch (error) {
      logger.warn('training.lora_list_unread', { profileId, code: codeOf(error) })
      loras = null
    }
    for (const id of ids) {
      const job = deps.job(id)
      if (!job || job.stage !== 'training') {
        watched.delete(id)
        continue
      }
      await sendStatusRequest(job, connection)
      const found = loras && findTrainedLora(job, loras, ids.length - 1)
      if (!found) {
        deps.save(id, { tracking: checked(job, loras) })
        continue
      }
      watched.delete(id)
      await deps.onFound(id, { fileName: found.fileName, displayName: found.displayName })
      finished.push(id)
    }
  }

  async function check(only?: string) {
    const byProfile = new Map<string, string[]>()
    const ids = only === undefined ? [...watched] : watched.has(only) ? [only] : []
    for (const id of ids) {
      const job = deps.job(id)
      if (!job) watched.delete(id)
      else byProfile.set(job.profileId, [...(byProfile.get(job.profileId) ?? []), id])
    }
    const finished: string[] = []
    for (const [profileId, jobs] of byProfile) {
      try {
        await checkProfile(profileId, jobs, finished)
      } catch (error) {
        logger.warn('training.check_failed', { profileId, code: codeOf(error) })
      }
    }
    return { checked: ids.length, finished }
  }

  const checkNow = (only?: string) => {
    // One check at a time: a tick that meets a user's refresh waits for it instead of racing it.
    const next = (checking ?? Promise.resolve()).then(() => check(only))
    checking = next.finally(() => {
      if (checking === next) checking = null
    }) as typeof next
    return next
  }

  const timer = setInterval(() => {
    if (watched.size > 0) checkNow().catch(() => undefined)
  }, deps.intervalMs ?? defaultIntervalMs)
  timer.unref()

  return {
    add: (id: string) => void watched.add(id),
    remove: (id: string) => void watched.delete(id),
    checkNow,
    async attach(id: string, path: string, body: Record<string, unknown>) {
      const job = deps.job(id)
      if (!job) throw new AppError('not_found', 'There is no such training job.', { taskId: id })
      if (path === '') {
        deps.save(id, { statusRequest: null, statusAnswer: null })
        return { taskId: id }
      }
      const normalised = normaliseCustomPath(path)
      const connection = await deps.profiles.resolveConnection(job.profileId)
      const json = JSON.stringify(body)
      if (secretsOf(connection).some((secret) => json.includes(secret)))
        throw new AppError(
          'invalid_request',
          'The body holds the profile’s access key; keys go only in the headers.',
          {
            field: 'body',
          },
        )
      deps.save(id, { statusRequest: { path: normalised, body }, statusAnswer: null })
      return { taskId: id }
    },
    stop: () => clearInterval(timer),
  }
}
