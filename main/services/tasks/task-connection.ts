import { AppError, type TaskRecord } from '#contract'
import type { ApiConnection } from '../api/api-types'
import type { ConnectionOverride } from '../profiles/connection-override'

export type SentTo = NonNullable<TaskRecord['sentTo']>

export interface TaskConnectionDeps {
  /** The connection of this run (the profile's, or the override's when one is set). */
  readonly resolveConnection: (profileId: string) => Promise<ApiConnection>
  /** The profile's own connection, whatever this run overrides. */
  readonly ownConnection?: (profileId: string) => Promise<ApiConnection>
  /** This run's `--base-url` / key variables, if any. */
  readonly override?: ConnectionOverride
}

/**
 * What a task's record keeps of where it went (never the keys): only when this run overrides the
 * profile's connection, since otherwise the profile itself says it.
 */
export function sentToOf(
  override: ConnectionOverride | undefined,
  connection: ApiConnection,
): SentTo | undefined {
  if (!override) return undefined
  const keys = override.auth ? 'environment' : connection.auth ? 'profile' : 'none'
  return { baseUrl: connection.baseUrl, keys }
}

/**
 * The connection to ask about a recorded task: where it was sent, with the keys it was sent with.
 * Keys that came from another run's environment and are not set now are `keys_needed` (the task
 * stays unfinished until they are given again), never a query to another service.
 */
export async function connectionOfTask(deps: TaskConnectionDeps, record: TaskRecord): Promise<ApiConnection> {
  const sent = record.sentTo
  if (!sent) return deps.resolveConnection(record.profileId)
  const own = deps.ownConnection ?? deps.resolveConnection
  if (sent.keys === 'none') return { baseUrl: sent.baseUrl, auth: null }
  if (sent.keys === 'profile') return { baseUrl: sent.baseUrl, auth: (await own(record.profileId)).auth }
  const auth = deps.override?.auth
  if (!auth) {
    throw new AppError(
      'keys_needed',
      'The task was sent with keys from the environment, which are not set now.',
      {
        which: 'environment',
        taskId: record.id,
        baseUrl: sent.baseUrl,
      },
    )
  }
  return { baseUrl: sent.baseUrl, auth }
}
