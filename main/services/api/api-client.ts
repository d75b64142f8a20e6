import type { Dispatcher } from 'undici'
import type { ControlNetParams, Image2ImageParams, Text2ImageParams } from '#contract'
import type { Logger } from '../logger'
import { attemptJson, realTimers, withRetries, type ApiTimers, type CallContext } from './api-call'
import { createApiDispatcher } from './api-dispatcher'
import { apiError } from './api-errors'
import { assetListGuess, inpaintGuess, nullDataMeansNotFound } from './api-guesses'
import { resolveApiLimits, type ApiLimits } from './api-limits'
import { apiPaths, isToolCode, toolCodes, toolQueryPath } from './api-paths'
import type {
  ApiClient,
  ApiConnection,
  CallOptions,
  PreprocessorPreviewRequest,
  SubmitResult,
  TaskSnapshot,
  Text2ImageV3Params,
} from './api-types'
import { checkImageUrl } from './check-image-url'
import { buildControlNetBody } from './controlnet-body'
import { fetchImage } from './fetch-image'
import { buildImage2ImageBody } from './image2image-body'
import { buildPreprocessorPreviewBody } from './tool-bodies'
import { submitWithReconcile } from './submit'
import { buildText2ImageBody, buildText2ImageV3Body, checkText2ImageV3Bounds } from './text2image-body'
import { createToolCalls, type ToolCalls } from './tool-client'
import { parseToolQueryData } from './tool-wire'
import { parseListData, parseQueryData, parseSubmitData } from './wire'

export interface ApiClientDeps {
  /** The connection pool; by default one EnvHttpProxyAgent (HTTPS_PROXY/NO_PROXY) owned by this client. */
  readonly dispatcher?: Dispatcher
  readonly timers?: ApiTimers
  /** Uniform in [0, 1), for backoff jitter. */
  readonly random?: () => number
  readonly logger: Logger
  readonly limits?: Partial<ApiLimits>
}

export interface ClosableApiClient extends ApiClient, ToolCalls {
  /** Closes the connection pool if this client created it. */
  close(): Promise<void>
}

const taskIdPattern = /^[\w.:-]{1,128}$/

const checkTaskId = (taskId: string): void => {
  if (!taskIdPattern.test(taskId)) throw apiError('invalid_request', { field: 'taskId' })
}

const checkToolCode = (toolCode: string): void => {
  if (!isToolCode(toolCode)) throw apiError('invalid_request', { field: 'toolCode' })
}

type SubmitParams =
  Text2ImageParams | Text2ImageV3Params | Image2ImageParams | ControlNetParams | PreprocessorPreviewRequest

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
  const submit =
    <P extends SubmitParams>(
      path: string,
      buildBody: (taskId: string, params: P) => unknown,
      reconcilePath: string = apiPaths.queryTask,
    ) =>
    async (
      connection: ApiConnection,
      taskId: string,
      params: P,
      options: CallOptions = {},
    ): Promise<SubmitResult> => {
      checkTaskId(taskId)
      const body = buildBody(taskId, params)
      const outcome = await submitWithReconcile(ctx, {
        connection,
        path,
        taskId,
        body,
        options,
        reconcilePath,
      })
      if (outcome.kind === 'reconciled') return { taskId, serviceTaskId: null, reconciled: true }
      const answered = parseSubmitData(outcome.data)
      return {
        taskId,
        serviceTaskId: answered !== null && answered !== taskId ? answered : null,
        reconciled: false,
      }
    }

  return {
    submitText2Image: submit(apiPaths.text2image, buildText2ImageBody),
    submitText2ImageV3: submit(apiPaths.text2imageV3, (taskId, params: Text2ImageV3Params) => {
      checkText2ImageV3Bounds(params)
      return buildText2ImageV3Body(taskId, params)
    }),
    submitImage2Image: submit(apiPaths.image2image, buildImage2ImageBody),
    submitInpaint: submit(inpaintGuess.path, inpaintGuess.buildBody),
    submitControlNet: submit(apiPaths.controlnet, buildControlNetBody),
    submitPreprocessorPreview: submit(
      apiPaths.cntPreview,
      buildPreprocessorPreviewBody,
      toolQueryPath(toolCodes.cntPreview),
    ),
    async queryToolTask(connection, toolCode, taskId, options) {
      checkToolCode(toolCode)
      return queryAt(connection, toolQueryPath(toolCode), taskId, options, parseToolQueryData)
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
