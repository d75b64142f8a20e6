import {
  sdRequestOf,
  wireRequestOf,
  type SdPayload,
  type TaskInput,
  type SdTaskRecord,
  type TaskRequest,
} from '#contract'
import type { ApiClient, ApiConnection, CallOptions, SubmitResult } from '../api/api-types'
import type { HistoryStore } from '../history/history-store'
import { controlNetParamsWith, image2ImageParamsWith } from './input-links'
import type { InputRequest } from './input-images'

/** What a task sends, by kind: the params as stored in its record (routed by the contract's registry). */
export type TaskPayload = SdPayload

/** The record's params for a request whose input images resolved to `inputs`. */
export function payloadOf(request: TaskRequest, inputs: readonly TaskInput[]): TaskPayload {
  switch (request.kind) {
    case 'text2image':
      return { kind: request.kind, params: request.params }
    case 'image2image':
    case 'inpaint':
      return { kind: request.kind, params: image2ImageParamsWith(request.params, inputs) }
    case 'controlnet':
      return {
        kind: request.kind,
        params: controlNetParamsWith(request.params, inputs),
        endpoint: request.endpoint,
      }
  }
}

/** A stored task's payload with its inputs' (refreshed) links, for a retry. */
export function relinked(record: SdTaskRecord, inputs: readonly TaskInput[]): TaskPayload {
  switch (record.kind) {
    case 'text2image':
      return { kind: record.kind, params: record.params }
    case 'image2image':
    case 'inpaint':
      return { kind: record.kind, params: image2ImageParamsWith(record.params, inputs) }
    case 'controlnet':
      return {
        kind: record.kind,
        params: controlNetParamsWith(record.params, inputs),
        ...(record.endpoint ? { endpoint: record.endpoint } : {}),
      }
  }
}

/**
 * Sends a task to the endpoint the registry routes it to (sd-routing.ts: inpainting per the
 * `inpaint` row, a ControlNet task through the endpoint it names). v3 answers `{taskId,
 * businessTaskId}`: its `taskId` is the service's own id, and the task is queried by ours.
 */
export function sendPayload(
  api: Pick<ApiClient, 'submit'>,
  connection: ApiConnection,
  taskId: string,
  payload: TaskPayload,
  options: CallOptions = {},
): Promise<SubmitResult> {
  const request = sdRequestOf(payload)
  return api.submit(connection, request.endpoint, taskId, request.params, options)
}

/** The endpoint and the exact body a payload is sent as (its registry row's path and builder). */
export function wireRequest(taskId: string, payload: TaskPayload): { path: string; body: unknown } {
  return wireRequestOf(taskId, sdRequestOf(payload))
}

/** `https://upload-on-submit.invalid/…`: a reserved name, so it can never be mistaken for a real link. */
const placeholderOrigin = 'https://upload-on-submit.invalid'

/**
 * Inputs for a preview of the request, made without any network call: pasted links and earlier
 * results' links as they are, and a readable placeholder where a submit would upload the image.
 */
export function placeholderInputs(
  history: Pick<HistoryStore, 'get'>,
  requests: readonly InputRequest[],
): TaskInput[] {
  return requests.map(({ role, unit, source }) => {
    const name = unit === undefined ? role : `${role}-${unit + 1}`
    const url =
      source.type === 'url'
        ? source.url
        : source.type === 'result'
          ? (history.get(source.taskId)?.images[source.index]?.url ?? `${placeholderOrigin}/${name}.png`)
          : `${placeholderOrigin}/${name}.png`
    return {
      role,
      ...(unit === undefined ? {} : { unit }),
      origin: source.type === 'cached' ? 'upload' : source.type,
      url,
      urlExpiresAt: null,
      cacheKey: null,
      storageObject: null,
      keepUpload: false,
      sent: null,
      resizedFrom: null,
    }
  })
}
