import type { TaskRecord } from '#contract'
import type { Services } from '../services/create-services'
import type { TaskTrouble } from '../services/tasks/task-trouble'
import { describeShape } from './cli-errors'
import { noteLine, type CliContext } from './cli-context'

/** How long a submit may go unanswered before the user is told that it is still waiting. */
export const submitSilenceMs = 5_000

export interface TroubleNotes {
  /** The task's latest saved state (a trouble is described by the state it hits). */
  seen(record: TaskRecord): void
  stop(): void
}

/** One line naming what is wrong: the HTTP status the service answers, then the error's own text. */
function problemOf(context: CliContext, trouble: TaskTrouble): string {
  const text = describeShape(trouble.error, context.say, context.locale, context.dataDir)
  const status = trouble.error.details?.httpStatus
  return typeof status === 'number' ? `${context.say('troubleHttp', { status })} ${text}` : text
}

/**
 * Tells a person waiting for a task, within seconds, what is happening when the service is slow
 * or failing (SECURITY.md #17, #23): silence after a submit, and each new kind of problem (the same
 * one again, as the backoff retries it, is not repeated). A task whose new state could not be
 * saved calls `onSaveFailed`: waiting longer would wait for a change that cannot be recorded.
 */
export function watchTroubles(
  context: CliContext,
  services: Services,
  taskId: string,
  onSaveFailed: (trouble: TaskTrouble) => void,
): TroubleNotes {
  let status: TaskRecord['status'] = services.history.get(taskId)?.status ?? 'submitting'
  let lastSaid = ''
  const say = (key: 'submitSilent' | 'submitTrouble' | 'trackTrouble', trouble?: TaskTrouble) => {
    const next =
      trouble?.retryInMs == null
        ? ''
        : context.say('troubleNext', { seconds: Math.max(1, Math.round(trouble.retryInMs / 1000)) })
    const problem = trouble ? problemOf(context, trouble) : ''
    if (`${key}|${problem}` === lastSaid) return
    lastSaid = `${key}|${problem}`
    noteLine(context, context.say(key, { id: taskId, problem, next }))
  }
  const silence = setTimeout(() => {
    if (status === 'submitting' && lastSaid === '') say('submitSilent')
  }, submitSilenceMs)
  const unsubscribe = services.tasks.onTrouble((trouble) => {
    if (trouble.taskId !== taskId) return
    if (trouble.stage === 'saving') onSaveFailed(trouble)
    else say(status === 'submitting' ? 'submitTrouble' : 'trackTrouble', trouble)
  })
  return {
    seen(record) {
      status = record.status
    },
    stop() {
      clearTimeout(silence)
      unsubscribe()
    },
  }
}
