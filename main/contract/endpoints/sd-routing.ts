import type { ControlNetEndpoint, ControlNetParams } from '../schemas/controlnet'
import type { Image2ImageParams } from '../schemas/image2image'
import type { TaskKind } from '../schemas/task'
import type { Text2ImageParams } from '../schemas/text2image'
import { sdEndpoints, type SdEndpointId, type SdEndpointRow, type SdParamsById } from './sd-rows'

/*
 * Where a task goes, decided here once for main (submit, retry, preview, Copy as curl) and the
 * renderer (which fields the form sends and rounds).
 */

/** One request to one SD endpoint: the endpoint and the params its row builds a body from. */
export type SdRequest = {
  [K in SdEndpointId]: { readonly endpoint: K; readonly params: SdParamsById[K] }
}[SdEndpointId]

/** A task's params as the history keeps them, by kind (a ControlNet task names its endpoint). */
export type SdPayload =
  | { readonly kind: 'text2image'; readonly params: Text2ImageParams }
  | { readonly kind: 'image2image' | 'inpaint'; readonly params: Image2ImageParams }
  | {
      readonly kind: 'controlnet'
      readonly params: ControlNetParams
      /** Absent = `controlnet-v2` (records made before the choice). */
      readonly endpoint?: ControlNetEndpoint
    }

/** The endpoint a task of `kind` reaches; a ControlNet task goes where it names (v2 by default). */
export function sdEndpointOf(kind: TaskKind, controlNetEndpoint?: ControlNetEndpoint): SdEndpointId {
  switch (kind) {
    case 'text2image':
      return 'text2image-v2'
    case 'image2image':
      return 'image2image-v2'
    case 'inpaint':
      return 'inpaint'
    case 'controlnet':
      return controlNetEndpoint ?? 'controlnet-v2'
  }
}

/**
 * The request a stored payload is sent as. A ControlNet task for text2image v3 (flagged "under
 * development") takes the shared fields and the units with their resolved links (a unit without its
 * own image already carries the base image's), for `saasDrawingExternalImageParameterBO` (guess
 * 16); v3 has no top-level resize mode nor base image field, so those stay unsent.
 */
export function sdRequestOf(payload: SdPayload): SdRequest {
  switch (payload.kind) {
    case 'text2image':
      return { endpoint: 'text2image-v2', params: payload.params }
    case 'image2image':
      return { endpoint: 'image2image-v2', params: payload.params }
    case 'inpaint':
      return { endpoint: 'inpaint', params: payload.params }
    case 'controlnet':
      return payload.endpoint === 'text2image-v3'
        ? {
            endpoint: 'text2image-v3',
            params: { ...payload.params, controlNetUnits: payload.params.alwayson_scripts.controlnet.args },
          }
        : { endpoint: 'controlnet-v2', params: payload.params }
  }
}

/** An endpoint's row, typed by its id (the registry's mapped type keeps the params linked). */
export const sdEndpointRow = <K extends SdEndpointId>(endpoint: K): SdEndpointRow<SdParamsById[K]> =>
  sdEndpoints[endpoint]

/** The path and exact body of one request, from its endpoint's row: what a submit sends. */
export function wireRequestOf(
  taskId: string,
  request: SdRequest,
): { readonly path: string; readonly body: Record<string, unknown> } {
  const row = sdEndpointRow(request.endpoint)
  return { path: row.path, body: row.buildBody(taskId, request.params) }
}
