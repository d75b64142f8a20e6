import type {
  ControlNetEndpoint,
  ControlNetParams,
  Image2ImageParams,
  SdTaskRecord,
  TaskInput,
  TaskRequest,
  Text2ImageParams,
} from '#contract'
import type { ApiClient, ApiConnection, SubmitResult, Text2ImageV3Params } from '../api/api-types'
import { apiPaths } from '../api/api-paths'
import { buildControlNetBody } from '../api/controlnet-body'
import { inpaintGuess } from '../api/api-guesses'
import { buildImage2ImageBody } from '../api/image2image-body'
import { buildText2ImageBody, buildText2ImageV3Body } from '../api/text2image-body'
import type { HistoryStore } from '../history/history-store'
import { controlNetParamsWith, image2ImageParamsWith } from './input-links'
import type { InputRequest } from './input-images'

/** What a task sends, by kind: the params as stored in its record. */
export type TaskPayload =
  | { readonly kind: 'text2image'; readonly params: Text2ImageParams }
  | { readonly kind: 'image2image' | 'inpaint'; readonly params: Image2ImageParams }
  | {
      readonly kind: 'controlnet'
      readonly params: ControlNetParams
      /** Absent = `controlnet-v2` (records made before the choice). */
      readonly endpoint?: ControlNetEndpoint
    }

/**
 * A ControlNet task for text2image v3 (flagged "under development" by the vendor): the shared
 * fields, and the units with their resolved links (a unit without its own image already carries
 * the base image's) plus ADetailer's, both for `saasDrawingExternalImageParameterBO` (guess 16).
 * v3 has no top-level resize mode nor base image field: `resize_mode` and `image_link` stay unsent.
 */
const asText2ImageV3 = (params: ControlNetParams): Text2ImageV3Params => ({
  ...params,
  controlNetUnits: params.alwayson_scripts.controlnet.args,
})

const isV3 = (payload: TaskPayload): boolean =>
  payload.kind === 'controlnet' && payload.endpoint === 'text2image-v3'

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
 * Sends a task to its endpoint (inpainting where api-guesses.ts guess 14 says; a ControlNet task
 * through the endpoint it names). v3 answers `{taskId, businessTaskId}`: its
 * `taskId` is the service's own id, and the task is queried by ours like every other.
 */
export function sendPayload(
  api: Pick<
    ApiClient,
    'submitText2Image' | 'submitText2ImageV3' | 'submitImage2Image' | 'submitInpaint' | 'submitControlNet'
  >,
  connection: ApiConnection,
  taskId: string,
  payload: TaskPayload,
): Promise<SubmitResult> {
  switch (payload.kind) {
    case 'text2image':
      return api.submitText2Image(connection, taskId, payload.params)
    case 'image2image':
      return api.submitImage2Image(connection, taskId, payload.params)
    case 'inpaint':
      return api.submitInpaint(connection, taskId, payload.params)
    case 'controlnet':
      return isV3(payload)
        ? api.submitText2ImageV3(connection, taskId, asText2ImageV3(payload.params))
        : api.submitControlNet(connection, taskId, payload.params)
  }
}

/** The endpoint and the exact body a payload is sent as (the API client's own builders). */
export function wireRequest(taskId: string, payload: TaskPayload): { path: string; body: unknown } {
  switch (payload.kind) {
    case 'text2image':
      return { path: apiPaths.text2image, body: buildText2ImageBody(taskId, payload.params) }
    case 'image2image':
      return { path: apiPaths.image2image, body: buildImage2ImageBody(taskId, payload.params) }
    case 'inpaint':
      return { path: inpaintGuess.path, body: inpaintGuess.buildBody(taskId, payload.params) }
    case 'controlnet':
      return isV3(payload)
        ? { path: apiPaths.text2imageV3, body: buildText2ImageV3Body(taskId, asText2ImageV3(payload.params)) }
        : { path: apiPaths.controlnet, body: buildControlNetBody(taskId, payload.params) }
  }
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
