import type { Dispatcher } from 'undici'
import { sdEndpointRow, type SdAnswerReader, type SdEndpointId, type SdParamsById } from '#contract'
import type { Logger, SecretRedactor } from '../logger'
import { attemptJson, realTimers, withRetries, type ApiTimers, type CallContext } from './api-call'
import { createApiDispatcher } from './api-dispatcher'
import { apiError } from './api-errors'
import { assetListGuess, nullDataMeansNotFound } from './api-guesses'
import { resolveApiLimits, type ApiLimits } from './api-limits'
import { apiPaths } from './api-paths'
import type { ApiClient, ApiConnection, CallOptions, SubmitResult, TaskSnapshot } from './api-types'
import { checkImageUrl } from './check-image-url'
import { fetchImage } from './fetch-image'
import { submitWithReconcile } from './submit'
import { createToolCalls, type ToolCalls } from './tool-client'
import { parseListData, parseQueryData, parseSubmitData } from './wire'

export interface ApiClientDeps {
  /** The connection pool; by default one from createApiDispatcher (HTTPS_PROXY/NO_PROXY honoured), owned by this client. */
  readonly dispatcher?: Dispatcher
  readonly timers?: ApiTimers
  /** Uniform in [0, 1), for backoff jitter. */
  readonly random?: () => number
  readonly logger: Logger
  readonly limits?: Partial<ApiLimits>
  /** Every secret the process holds: answers are cleaned of these too (untrusted-text.ts). */
  readonly redactor?: Pick<SecretRedactor, 'known'>
}

export interface ClosableApiClient extends ApiClient, ToolCalls {
  /** Closes the connection pool if this client created it. */
  close(): Promise<void>
}

const taskIdPattern = /^[\w.:-]{1,128}$/

const checkTaskId = (taskId: string): void => {
  if (!taskIdPattern.test(taskId)) throw apiError('invalid_request', { field: 'taskId' })
}

/** How each answer reader named by a registry row reads a submit answer: the id the service answered. */
const answerReaders = {
  'submit-id': parseSubmitData,
} as const satisfies Record<SdAnswerReader, (data: unknown) => string | null>

/**
 * The Img Open API client. Every call has an overall deadline and honours an AbortSignal; queries,
 * lists and downloads retry transient failures; submits never create a second task (submit.ts).
 * The access keys go only into the two auth headers of API calls: never into logs, errors or the
 * requests for result images.
 */
export function createApiClient(deps: ApiClientDeps): ClosableApiClient {
  const limits = resolveApiLimits(deps.limits)
  const dispatcher = deps.dispatcher ?? createApiDispatcher({ limits })
  const ctx: CallContext = {
    dispatcher,
    limits,
    timers: deps.timers ?? realTimers,
    random: deps.random ?? Math.random,
    logger: deps.logger,
    knownSecrets: () => deps.redactor?.known() ?? [],
  }

  const callJson = (connection: ApiConnection, path: string, body: unknown, options: CallOptions = {}) =>
    withRetries(ctx, {
      path,
      signal: options.signal,
      deadlineMs: options.deadlineMs ?? limits.queryDeadlineMs,
      attempt: (signals) => attemptJson(ctx, connection, path, body, signals),
    })

  const queryAt = async (
    connection: ApiConnection,
    path: string,
    taskId: string,
    options: CallOptions | undefined,
    parse: (data: unknown, taskId: string) => TaskSnapshot,
  ): Promise<TaskSnapshot> => {
    checkTaskId(taskId)
    const data = await callJson(connection, path, { businessTaskId: taskId }, options)
    if (data === null && nullDataMeansNotFound) throw apiError('not_found', { path, taskId })
    return parse(data, taskId)
  }

  const query =
    (path: string) =>
    (connection: ApiConnection, taskId: string, options?: CallOptions): Promise<TaskSnapshot> =>
      queryAt(connection, path, taskId, options, parseQueryData)

  /** A submit with the at-most-one-task guarantee; `reconcilePath` is where a lost answer is looked up. */
  /** A submit with the at-most-one-task guarantee; `reconcilePath` is where a lost answer is looked up. */
  const submitTo = async (
    connection: ApiConnection,
    call: { readonly path: string; readonly reconcilePath: string; readonly body: unknown },
    taskId: string,
    readAnswer: (data: unknown) => string | null,
    options: CallOptions,
  ): Promise<SubmitResult> => {
    const outcome = await submitWithReconcile(ctx, { connection, taskId, options, ...call })
    if (outcome.kind === 'reconciled') return { taskId, serviceTaskId: null, reconciled: true }
    const answered = readAnswer(outcome.data)
    return {
      taskId,
      serviceTaskId: answered !== null && answered !== taskId ? answered : null,
      reconciled: false,
    }
  }

  return {
    async submit<E extends SdEndpointId>(
      connection: ApiConnection,
      endpoint: E,
      taskId: string,
      params: SdParamsById[E],
      options: CallOptions = {},
    ) {
      checkTaskId(taskId)
      const row = sdEndpointRow(endpoint)
      const call = { path: row.path, reconcilePath: row.queryPath, body: row.buildBody(taskId, params) }
      return submitTo(connection, call, taskId, answerReaders[row.answer], options)
    },
    checkImageUrl: (url, options = {}) => checkImageUrl(ctx, url, options),
    queryTask: query(apiPaths.queryTask),
    queryArchivedTask: query(apiPaths.queryArchivedTask),
    async listAssets(connection, kind, page, options) {
      if (
        !Number.isInteger(page.pageNum) ||
        page.pageNum < 1 ||
        !Number.isInteger(page.pageSize) ||
        page.pageSize < 1
      )
        throw apiError('invalid_request', { field: 'page' })
      const path = assetListGuess[kind].path
      const data = await callJson(
        connection,
        path,
        { pageSize: page.pageSize, pageNum: page.pageNum },
        options,
      )
      return parseListData(data, kind, page)
    },
    fetchImage: (url, options = {}) => fetchImage(ctx, url, options),
    ...createToolCalls(ctx),
    async close() {
      if (!deps.dispatcher) await dispatcher.close()
    },
  }
}
